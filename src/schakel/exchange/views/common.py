"""Helpers shared by the exchange pages."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from schakel.core import processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry

from ..codes import CODES
from ..query import MANAGE, VIEW

BSN_IN_XML = re.compile(rb"Bsn>(\d{9})<")
PAGE_SIZE = 50


def require_view(user) -> None:
    policy = policy_for(user)
    if not (policy.has_perm(VIEW) or policy.has_perm(MANAGE)):
        raise PermissionDenied(_("U heeft geen toegang tot het berichtenverkeer."))


def explained(codes) -> list[dict]:
    """Retour codes with their plain-Dutch explanation (for the templates)."""
    return [{"code": c, "text": str(CODES[c].plain) if c in CODES else c} for c in codes or ()]


def log_message_read(user, message, operation: str) -> None:
    """A page that shows a message's content (with BSNs) logs one entry per client in it."""
    bsns = sorted({m.decode() for m in BSN_IN_XML.findall(bytes(message.raw or b""))})
    processing_log.record(
        user=user,
        action=ProcessingLogEntry.Action.READ,
        operation=operation,
        activity_code="berichtenverkeer-iwmo-ijw",
        subjects=[processing_log.Subject("bericht", message.pk, bsn, message.gemeente_id) for bsn in bsns],
        data_categories=["cliëntgegevens", "zorggegevens"],
    )
