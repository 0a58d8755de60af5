"""Web pages of the exchange app (``/berichten/``): inbox, outbox, message, requests (work queue), rules."""

from .messages import inbox, message_detail, outbox
from .requests import request_detail, request_list
from .rules import rules_page

__all__ = ["inbox", "message_detail", "outbox", "request_detail", "request_list", "rules_page"]
