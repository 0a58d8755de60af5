"""Shared checks of the participation services: permission per municipality, council seat, dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.access import policy_for

from .. import workflow
from ..models import Council, CouncilMember
from ..query import VIEW_DRAFTS

#: Processing activity of signals with a named sender (data/configuration.yaml).
SIGNALS_ACTIVITY = "adviesraden-signalen-achterban"


def require(user, perm: str, gemeente_id: int) -> None:
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def holds_seat(user, council: Council) -> bool:
    return CouncilMember.objects.current().filter(user_id=policy_for(user).user_id, council=council).exists()


def require_seat(user, council: Council) -> None:
    """Act for a council: a seat in it, or the ambtelijk secretaris's drafts permission."""
    if policy_for(user).has_perm(VIEW_DRAFTS, council.gemeente_id):
        return
    if not holds_seat(user, council):
        raise PermissionDenied(_("U bent geen lid van %(council)s.") % {"council": council.name})


def not_in_past(value: date | None, field: str) -> None:
    """Deadlines in the past are refused at creation (issue 8, bad input)."""
    if value is not None and value < timezone.localdate():
        raise ValidationError({field: _("Deze termijn ligt in het verleden. Kies een datum vanaf vandaag.")})


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def transition_request(obj, target: str, *, by_system: bool = True) -> None:
    try:
        workflow.check_request(obj.status, target, by_system=by_system)
    except workflow.TransitionNotAllowed as exc:
        raise ValidationError({"status": str(exc)})
    obj.status = target


def transition_advice(obj, target: str) -> None:
    try:
        workflow.check_advice(obj.status, target)
    except workflow.TransitionNotAllowed as exc:
        raise ValidationError({"status": str(exc)})
    obj.status = target
