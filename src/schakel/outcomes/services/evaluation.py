"""When a case's outcome is due for evaluation: no measurement for the municipality's interval.

The interval is configured per municipality in the admin (:class:`~schakel.outcomes.models.OutcomeSettings`,
default 6 months). Expressed as one ``Q`` with an uncorrelated-per-municipality ``EXISTS``, so the work
queue filters and flags cases in its own query (no per-row queries).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q

from ..models import Measurement, OutcomeSettings

DEFAULT_INTERVAL_MONTHS = 6
#: Case statuses in which support runs and its outcome is evaluated.
EVALUATED_STATUSES = ("beschikt", "uitvoering", "evaluatie")


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def intervals(gemeente_ids: Iterable[int]) -> dict[int, int]:
    """Evaluation interval in months per municipality: one small indexed query per call.

    Deliberately not cached in the process: a change in the admin must reach every web and worker process
    at once (a per-process cache showed stale intervals in the other workers until a restart)."""
    ids = list(gemeente_ids)
    configured = dict(
        OutcomeSettings.objects.filter(gemeente_id__in=ids).values_list(
            "gemeente_id", "evaluation_interval_months"
        )
    )
    return {g: configured.get(g, DEFAULT_INTERVAL_MONTHS) for g in ids}


def evaluation_due_q(gemeente_ids: Iterable[int], today: date, case_prefix: str = "") -> Q:
    """Cases (of ``gemeente_ids``) in execution whose last measurement — or, without one, whose opening —
    is at least the municipality's interval ago."""
    condition = Q(**{f"{case_prefix}pk__isnull": True})  # false for every row: the neutral start of an OR
    for gemeente_id, months in intervals(gemeente_ids).items():
        cutoff = months_before(today, months)
        recent = Measurement.objects.filter(case_id=OuterRef(f"{case_prefix}pk"), measured_on__gt=cutoff)
        condition |= Q(
            **{
                f"{case_prefix}gemeente_id": gemeente_id,
                f"{case_prefix}status__in": EVALUATED_STATUSES,
                f"{case_prefix}opened_on__lte": cutoff,
            }
        ) & ~Exists(recent)
    return condition
