"""Reminders for advice and responses that are due soon or overdue.

Advice is due on the request's ``advice_deadline``; a response on the advice's ``response_due`` (submission
plus the proposed response term). Flags use :func:`schakel.core.deadlines.flag` (due soon = within 7 days).
``schakel participation_reminders`` (daily, cron or worker) records one :class:`Reminder` per item and flag,
so a reminder is sent once when an item becomes due soon and once when it becomes overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from schakel.core.deadlines import DUE_SOON_DAYS, Flag, flag

from ..models import Advice, AdviceRequest, AdviceStatus, Reminder, RequestStatus


@dataclass(frozen=True)
class DueItem:
    kind: str  # Reminder.Kind
    object_id: int
    gemeente_id: int
    title: str
    council: str
    due: date
    flag: str


def due_items(requests, advices, today: date | None = None) -> list[DueItem]:
    """Items due within :data:`DUE_SOON_DAYS` or overdue, from the given (access-filtered) querysets.

    Two queries, whatever the number of items."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    items: list[DueItem] = []
    waiting = (
        requests.filter(
            status__in=[RequestStatus.UITGEZET, RequestStatus.COORDINATIE], advice_deadline__lte=horizon
        )
        .prefetch_related("councils")
        .order_by("advice_deadline", "id")
    )
    for request in waiting:
        items.append(
            DueItem(
                Reminder.Kind.ADVICE,
                request.pk,
                request.gemeente_id,
                request.subject,
                ", ".join(c.name for c in request.councils.all()),
                request.advice_deadline,
                flag(request.advice_deadline, today),
            )
        )
    answering = (
        advices.filter(status=AdviceStatus.UITGEBRACHT, response_due__lte=horizon)
        .select_related("council")
        .order_by("response_due", "id")
    )
    for advice in answering:
        items.append(
            DueItem(
                Reminder.Kind.RESPONSE,
                advice.pk,
                advice.gemeente_id,
                advice.title,
                advice.council.name,
                advice.response_due,
                flag(advice.response_due, today),
            )
        )
    items.sort(key=lambda i: (i.due, i.kind, i.object_id))
    return items


@transaction.atomic
def send_reminders(today: date | None = None) -> list[DueItem]:
    """Record a reminder for every item that became due soon or overdue (idempotent per item and flag)."""
    today = today or timezone.localdate()
    items = [
        i
        for i in due_items(AdviceRequest.objects.all(), Advice.objects.all(), today)
        if i.flag in (Flag.DUE_SOON, Flag.OVERDUE)
    ]
    existing = set(Reminder.objects.values_list("kind", "object_id", "flag"))
    new = [i for i in items if (i.kind, i.object_id, i.flag) not in existing]
    Reminder.objects.bulk_create(
        [
            Reminder(
                gemeente_id=i.gemeente_id,
                kind=i.kind,
                object_id=i.object_id,
                flag=i.flag,
                due=i.due,
                sent_on=today,
            )
            for i in new
        ]
    )
    return new
