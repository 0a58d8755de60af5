"""Shared helpers of the contracts services: permission checks, period arithmetic, processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from schakel.core import processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry

Act = ProcessingLogEntry.Action

#: Processing activity of allocations (``data/configuration.yaml``).
ACTIVITY = "toewijzing-zorgaanbieder"
DATA_CATEGORIES = ("identificatie", "toegewezen ondersteuning")


class _Keep:
    """Sentinel: "leave this field as it is" (``None`` is a meaningful value: no end date)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def require(user, perm: str, gemeente_id: int | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` holds ``perm`` in the municipality (or anywhere)."""
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def require_any(user, perm: str, gemeente_ids: Iterable[int]) -> None:
    policy = policy_for(user)
    if not any(policy.has_perm(perm, g) for g in gemeente_ids):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def contract_gemeente_ids(contract) -> list[int]:
    """The municipality of a contract, or the municipalities of its region."""
    if contract.gemeente_id:
        return [contract.gemeente_id]
    return list(contract.regio.gemeenten.values_list("pk", flat=True)) if contract.regio_id else []


def overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Closed periods ``[start, end]`` with ``None`` = open-ended."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def check_period(start: date | None, end: date | None, *, field: str = "end_date") -> None:
    """Einddatum ≥ Ingangsdatum (CS003 for products; TR018 for stops)."""
    if start is None:
        raise ValidationError({"start_date": _("Vul een ingangsdatum in.")}, code="required")
    if end is not None and end < start:
        raise ValidationError(
            {field: _("De einddatum ligt vóór de ingangsdatum (regel CS003).")}, code="CS003"
        )


def log_change(user, allocation, action: str, operation: str) -> None:
    person = allocation.person
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=ACTIVITY,
        subjects=[processing_log.Subject("persoon", person.pk, person.bsn, allocation.gemeente_id)],
        data_categories=DATA_CATEGORIES,
    )


def log_read(user, allocations, *, operation: str) -> None:
    """One processing-log entry per distinct person shown (no sampling)."""
    seen: dict[int, processing_log.Subject] = {}
    for allocation in allocations:
        person = allocation.person
        seen.setdefault(
            person.pk, processing_log.Subject("persoon", person.pk, person.bsn, allocation.gemeente_id)
        )
    processing_log.record(
        user=user,
        action=Act.READ,
        operation=operation,
        activity_code=ACTIVITY,
        subjects=list(seen.values()),
        data_categories=DATA_CATEGORIES,
    )
