"""The participation app's one door: councils and routing, requests, advice and responses, consultation,
signals and reminders. Plain functions, one transaction each; they check the permission in the object's
municipality, validate with clear Dutch messages and store nothing on bad input."""

from .advice import (
    add_point,
    create_advice,
    issue_joint_advice,
    publish_response,
    record_response,
    submit_advice,
    withdraw_advice,
)
from .consultation import (
    create_meeting,
    link_signal,
    log_information,
    log_signal_read,
    record_minutes,
    record_signal,
    submit_agenda_item,
)
from .councils import (
    Routing,
    add_member,
    create_council,
    route,
    set_setup,
    update_council,
    update_member,
)
from .reminders import DueItem, due_items, send_reminders
from .requests import add_document, assign_councils, create_request, send_request, withdraw_request

__all__ = [
    "DueItem",
    "Routing",
    "add_document",
    "add_member",
    "add_point",
    "assign_councils",
    "create_advice",
    "create_council",
    "create_meeting",
    "create_request",
    "due_items",
    "issue_joint_advice",
    "link_signal",
    "log_information",
    "log_signal_read",
    "publish_response",
    "record_minutes",
    "record_response",
    "record_signal",
    "route",
    "send_reminders",
    "send_request",
    "set_setup",
    "submit_advice",
    "submit_agenda_item",
    "update_council",
    "update_member",
    "withdraw_advice",
    "withdraw_request",
]
