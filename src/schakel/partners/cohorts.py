"""Shared outcomes per intervention cohort, for both partners: participation (the participatieladder
before and after) and self-rated health side by side — the joint ambition of "Samen voor re-integratie".

Only aggregates leave this module, pseudonymised and disclosure-controlled with the monitor's rule
(:mod:`schakel.monitoring.disclosure`: counts rounded to a multiple of 5, cells of fewer than ``MIN_CELL``
persons suppressed, and no mean of a small group). Set-based: a fixed number of queries however many
referrals there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.db.models import Count, Q

from schakel.monitoring.disclosure import MIN_CELL, round_count
from schakel.outcomes.models import Instrument, MeasurementScore

from .models import Intervention, Partnership, Referral, ReferralStatus

__all__ = ["MIN_CELL", "CohortRow", "cohort_outcomes"]


@dataclass(frozen=True)
class CohortRow:
    intervention: str
    referred: int | None
    completed: int | None
    dropped_out: int | None
    ladder_before: float | None
    ladder_after: float | None
    health_before: float | None
    health_after: float | None


def _ladder_scores(referrals: list[Referral]) -> dict[int, list[tuple]]:
    """(date, step) per person, from the participatieladder measurements of the cohort's persons."""
    persons = {r.person_id for r in referrals}
    rows = (
        MeasurementScore.objects.filter(
            measurement__person_id__in=persons,
            measurement__instrument__kind=Instrument.Kind.LADDER,
            score__isnull=False,
        )
        .values_list("measurement__person_id", "measurement__measured_on", "score")
        .order_by("measurement__measured_on")
    )
    by_person: dict[int, list[tuple]] = defaultdict(list)
    for person_id, day, score in rows:
        by_person[person_id].append((day, score))
    return by_person


def _before_after(referral: Referral, series: list[tuple]) -> tuple[int | None, int | None]:
    before = [s for d, s in series if d <= referral.referred_on]
    after = [s for d, s in series if referral.ended_on and d >= referral.ended_on]
    return (before[-1] if before else None, after[-1] if after else None)


def _mean(values: list[int]) -> float | None:
    return round(mean(values), 1) if len(values) >= MIN_CELL else None


def cohort_outcomes(partnership: Partnership, year: int | None = None) -> list[CohortRow]:
    """One disclosure-controlled row per intervention of ``partnership`` (referrals of ``year`` if given)."""
    referrals_q = Q(referrals__referred_on__year=year) if year else Q()
    interventions = Intervention.objects.filter(partnership=partnership).annotate(
        n=Count("referrals", filter=referrals_q),
        done=Count("referrals", filter=referrals_q & Q(referrals__status=ReferralStatus.COMPLETED)),
        dropped=Count("referrals", filter=referrals_q & Q(referrals__status=ReferralStatus.DROPPED_OUT)),
    )
    completed = list(
        Referral.objects.filter(
            intervention__partnership=partnership, status=ReferralStatus.COMPLETED
        ).filter(**({"referred_on__year": year} if year else {}))
    )
    ladders = _ladder_scores(completed)
    per_intervention: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for referral in completed:
        values = per_intervention[referral.intervention_id]
        before, after = _before_after(referral, ladders.get(referral.person_id, []))
        if before is not None and after is not None:
            values["ladder_before"].append(before)
            values["ladder_after"].append(after)
        if referral.health_before is not None and referral.health_after is not None:
            values["health_before"].append(referral.health_before)
            values["health_after"].append(referral.health_after)
    rows = []
    for intervention in interventions:
        values = per_intervention.get(intervention.pk, {})
        rows.append(
            CohortRow(
                intervention=intervention.name,
                referred=round_count(intervention.n),
                completed=round_count(intervention.done),
                dropped_out=round_count(intervention.dropped),
                ladder_before=_mean(values.get("ladder_before", [])),
                ladder_after=_mean(values.get("ladder_after", [])),
                health_before=_mean(values.get("health_before", [])),
                health_after=_mean(values.get("health_after", [])),
            )
        )
    return rows
