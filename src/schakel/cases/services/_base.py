"""Shared checks and bookkeeping of the case services: permission, visibility, timeline, processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import activities, processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry
from schakel.core.vocab import Law
from schakel.people.models import Person

from .. import workflow
from ..models import (
    Case,
    CaseEvent,
    CaseStatus,
)
from .deadlines import refresh_deadline

CHANGE_CASE = "cases.change_case"
ADD_CASE = "cases.add_case"
Act = ProcessingLogEntry.Action


# --------------------------------------------------------------------------- helpers


def _require(user, perm: str, case_or_gemeente_id) -> None:
    gemeente_id = getattr(case_or_gemeente_id, "gemeente_id", case_or_gemeente_id)
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def _require_visible(user, case: Case) -> None:
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))


def _event(
    case: Case,
    kind: str,
    summary: str,
    user,
    *,
    from_status: str = "",
    to_status: str = "",
    at: datetime | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        household_id=case.household_id,
        case=case,
        kind=kind,
        summary=summary[:300],
        actor=user,
        from_status=from_status,
        to_status=to_status,
        occurred_at=at or timezone.now(),
    )


def _log_change(
    user, case: Case, action: str, operation: str, persons: Iterable[Person] | None = None
) -> None:
    members = (
        list(persons)
        if persons is not None
        else list(Person.objects.filter(household_memberships__household_id=case.household_id))
    )
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", p.pk, p.bsn, case.gemeente_id) for p in members],
        data_categories=["casusgegevens"],
    )


def _validate_laws(laws: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(laws))
    if not values:
        raise ValidationError(
            {"laws": _("Kies minstens één wet of terrein waarop de hulpvraag betrekking heeft.")}
        )
    unknown = [law for law in values if law not in Law.values]
    if unknown:
        raise ValidationError({"laws": _("Onbekende wet: %(law)s") % {"law": ", ".join(unknown)}})
    return values


def _not_in_future(value: date, field: str, today: date | None = None) -> None:
    if value > (today or timezone.localdate()):
        raise ValidationError({field: _("Deze datum ligt in de toekomst.")})


def _set_status(case: Case, target: str, user, *, by_system: bool, summary: str = "") -> None:
    workflow.check(case.status, target, by_system=by_system)
    previous = case.status
    case.status = target
    if target == CaseStatus.AFGESLOTEN:
        case.closed_on = timezone.localdate()
    refresh_deadline(case, save=False)
    case.save()
    _event(
        case,
        CaseEvent.Kind.STATUS,
        summary or _("Status: %(s)s") % {"s": CaseStatus(target).label},
        user,
        from_status=previous,
        to_status=target,
    )
