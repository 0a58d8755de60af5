"""Break the glass: temporary access to one household outside the user's scope (DESIGN.md §4).

A user who holds ``people.break_glass`` *in the household's municipality* may open a household that is not
in their work queue, for a limited time (:data:`GRANT_DURATION`), after giving a mandatory reason. Each
grant

* is stored as a :class:`~schakel.people.models.BreakGlassGrant` (which
  :func:`schakel.people.query.household_visibility` honours until it expires);
* writes a security-log event ``break_glass`` (BIO 8.15.01: actor, object, result, origin, time);
* writes one processing-log entry per member of the household with the reason in ``break_glass_reason``
  (VNG Verwerkingenlogging; AVG art. 5 lid 2 accountability), so the privacy officer finds the access
  when filtering the log by the person.

Pages that show the household while the access rests on a grant should pass
:func:`active_reason` as ``break_glass_reason`` to :func:`schakel.people.services.log_read`.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import activities, processing_log, security_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry, SecurityLogEntry
from schakel.people.models import BreakGlassGrant, Household, HouseholdMember

PERMISSION = "people.break_glass"
GRANT_DURATION = timedelta(hours=8)
MIN_REASON_LENGTH = 20


def may_break_glass(user, household: Household) -> bool:
    """Whether ``user`` may break the glass for ``household`` (the permission in *its* municipality)."""
    return policy_for(user).has_perm(PERMISSION, household.gemeente_id)


def active_grant(user, household_id: int) -> BreakGlassGrant | None:
    """The user's newest unexpired grant for the household, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        BreakGlassGrant.objects.filter(user=user, household_id=household_id, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def active_reason(user, household_id: int) -> str:
    """The reason of the active grant ('' without one), for ``log_read(..., break_glass_reason=...)``."""
    grant = active_grant(user, household_id)
    return grant.reason if grant else ""


def grant(user, household: Household, reason: str) -> BreakGlassGrant:
    """Grant ``user`` access to ``household`` for :data:`GRANT_DURATION`, logged in both logs.

    Raises :class:`PermissionDenied` without the permission in the household's municipality and
    :class:`ValidationError` when the reason is shorter than :data:`MIN_REASON_LENGTH` characters.
    """
    if not may_break_glass(user, household):
        security_log.record(
            SecurityLogEntry.Event.ACCESS_DENIED,
            user=user,
            object_description=f"huishouden {household.pk}",
            result="doorbreken geweigerd",
            detail={"household_id": household.pk, "gemeente_id": household.gemeente_id},
        )
        raise PermissionDenied(_("U mag de toegang tot dit huishouden niet doorbreken."))
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(_("Geef een reden van minimaal %(n)d tekens."), params={"n": MIN_REASON_LENGTH})
    with transaction.atomic():
        return _create_grant(user, household, reason)


def _create_grant(user, household: Household, reason: str) -> BreakGlassGrant:
    now = timezone.now()
    created = BreakGlassGrant.objects.create(
        user=user, household=household, reason=reason, expires_at=now + GRANT_DURATION
    )
    security_log.record(
        SecurityLogEntry.Event.BREAK_GLASS,
        user=user,
        object_description=f"huishouden {household.pk}",
        result="verleend",
        detail={
            "household_id": household.pk,
            "gemeente_id": household.gemeente_id,
            "grant_id": created.pk,
            "expires_at": created.expires_at.isoformat(),
        },
    )
    members = HouseholdMember.objects.filter(household=household).select_related("person")
    processing_log.record(
        user=user,
        action=ProcessingLogEntry.Action.READ,
        operation="huishouden.toegang-doorbreken",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[
            processing_log.Subject("persoon", m.person_id, m.person.bsn, household.gemeente_id)
            for m in members
        ]
        or [processing_log.Subject("huishouden", household.pk, "", household.gemeente_id)],
        data_categories=["toegang"],
        break_glass_reason=reason,
    )
    return created
