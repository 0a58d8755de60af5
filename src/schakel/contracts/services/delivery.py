"""Delivery status from the provider's start (305) and stop (307) messages, for the exchange app.

The exchange validates the message rules (TR019, TR063/TR074, TR071, TR326, TR413–TR415 …) and gives the
retour codes; these functions only apply an accepted start or stop to the allocation through
``workflow.DELIVERY_TRANSITIONS`` and append an ``AllocationDelivery`` row. They raise ``ValidationError``
when the transition is impossible (a safety net, nothing stored). Start/stop are regie-only: they never
block a claim (OP364).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Allocation, AllocationChange, AllocationDelivery
from ._base import Act, log_change


def _current(allocation: Allocation, kind: str) -> AllocationDelivery | None:
    """The latest not-cancelled delivery row of ``kind``."""
    rows = list(allocation.deliveries.filter(kind=kind).order_by("recorded_at", "id"))
    live: list[AllocationDelivery] = []
    for row in rows:
        if row.cancel:
            live = [r for r in live if not (r.date == row.date and r.reason == row.reason)]
        else:
            live.append(row)
    return live[-1] if live else None


def _apply(
    allocation: Allocation,
    kind: str,
    event: str,
    *,
    day: date,
    reason: str,
    cancel: bool,
    source: str,
    user,
    at: datetime | None,
    summary: str,
) -> Allocation:
    allocation = Allocation.objects.select_for_update().select_related("person").get(pk=allocation.pk)
    target = workflow.next_delivery_status(allocation.delivery_status, event)
    now = at or timezone.now()
    AllocationDelivery.objects.create(
        allocation=allocation,
        kind=kind,
        date=day,
        reason=reason,
        cancel=cancel,
        source=source[:64],
        recorded_at=now,
    )
    allocation.delivery_status = target
    start = _current(allocation, AllocationDelivery.Kind.START)
    stop = _current(allocation, AllocationDelivery.Kind.STOP)
    allocation.delivery_started_on = start.date if start else None
    if stop and start and stop.recorded_at >= start.recorded_at:
        allocation.delivery_stopped_on, allocation.delivery_stop_reason = stop.date, stop.reason
    else:
        allocation.delivery_stopped_on, allocation.delivery_stop_reason = None, ""
    allocation.save(
        update_fields=[
            "delivery_status",
            "delivery_started_on",
            "delivery_stopped_on",
            "delivery_stop_reason",
        ]
    )
    AllocationChange.objects.create(
        allocation=allocation,
        occurred_at=now,
        kind=AllocationChange.Kind.DELIVERY,
        reason="",
        after={"delivery_status": target, "date": day.isoformat(), "reason": reason, "source": source},
        summary=summary[:300],
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    log_change(user, allocation, Act.UPDATE, "Levering vastgelegd (start/stop)")
    return allocation


@transaction.atomic
def record_start(
    allocation: Allocation,
    *,
    start_date: date,
    source: str = "",
    cancel: bool = False,
    user=None,
    at: datetime | None = None,
) -> Allocation:
    """Record a 305 StartProduct (Begindatum). ``cancel=True`` is StatusAanlevering 3 (deletes that start,
    TR063). ``source`` names the message (e.g. its BerichtIdentificatie). Returns the updated allocation."""
    if start_date is None:
        raise ValidationError({"start_date": _("Vul de begindatum in.")})
    if not cancel and start_date < allocation.start_date:
        raise ValidationError(
            {"start_date": _("De levering kan niet vóór de ingangsdatum van de toewijzing starten.")}
        )
    event = "cancel_start" if cancel else "start"
    summary = (
        _("Start levering verwijderd")
        if cancel
        else _("Levering gestart op %(d)s") % {"d": start_date.strftime("%d-%m-%Y")}
    )
    return _apply(
        allocation,
        AllocationDelivery.Kind.START,
        event,
        day=start_date,
        reason="",
        cancel=cancel,
        source=source,
        user=user,
        at=at,
        summary=summary,
    )


@transaction.atomic
def record_stop(
    allocation: Allocation,
    *,
    end_date: date,
    reason: str,
    source: str = "",
    cancel: bool = False,
    user=None,
    at: datetime | None = None,
) -> Allocation:
    """Record a 307 StopProduct (Einddatum, RedenBeeindiging). Reason 20 is a temporary stop (OP377);
    ``cancel=True`` deletes that stop (StatusAanlevering 3). Einddatum ≥ the current start (TR018)."""
    if end_date is None or not reason:
        raise ValidationError({"end_date": _("Vul de einddatum en de reden van beëindiging in.")})
    if not cancel and allocation.delivery_started_on and end_date < allocation.delivery_started_on:
        raise ValidationError(
            {"end_date": _("De einddatum ligt vóór de start van de levering (regel TR018).")}
        )
    event = "cancel_stop" if cancel else "stop_temporary" if reason == workflow.TEMPORARY_STOP else "stop"
    summary = (
        _("Stop levering verwijderd")
        if cancel
        else _("Levering gestopt op %(d)s (reden %(r)s)") % {"d": end_date.strftime("%d-%m-%Y"), "r": reason}
    )
    return _apply(
        allocation,
        AllocationDelivery.Kind.STOP,
        event,
        day=end_date,
        reason=reason,
        cancel=cancel,
        source=source,
        user=user,
        at=at,
        summary=summary,
    )
