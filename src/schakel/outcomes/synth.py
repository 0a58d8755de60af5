"""Synthetic outcome measurements for the synthetic municipality, called by
``synth.services.generate_municipality`` after people and cases are written (deterministic by seed).

Trajectories (issue 3): an intake measurement (ZRM 2017; a few old cases the 11-domain version; the
Participatieladder as well for Participatiewet cases) on the relevant domains — the plan's life domains plus
a few more — then a tussenmeting after about 6 months and an evaluatie after about 12 months (and an
afsluiting when the case closed), as far as they lie before today. Most people improve 0–1 point on their
relevant domains, some decline, some drop out after the intake. Goals that are assessed get a goal
attainment with a GAS score; half of the goals a target score. Rows are written with ``synth.rows.Rows``
(``executemany`` in batches): a few seconds for the 100,000-inhabitant municipality.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from schakel.cases.models import Case, Goal
from schakel.people.models import HouseholdMember
from schakel.synth.rows import Rows

from .models import GoalOutcome, Instrument, InstrumentDomain, Measurement, MeasurementScore, ScaleLevel
from .reference import INSTRUMENTS, install

MEASURED_STATUSES = ("onderzoek", "aanvraag", "beschikt", "uitvoering", "evaluatie", "afgesloten")
INTAKE_WEIGHTS = {1: 1, 2: 4, 3: 5, 4: 2, 5: 0.5}
GAS_BY_RESULT = {"bereikt": (0, 0, 1, 1, 2), "deels": (-1, 0, 0), "niet_bereikt": (-2, -1, -1)}


def _instrument(code: str, version: str):
    instrument = Instrument.objects.get(code=code, version=version)
    domains = list(
        InstrumentDomain.objects.filter(instrument=instrument)
        .order_by("order")
        .values_list("id", "code", "life_domain")
    )
    levels = sorted(ScaleLevel.objects.filter(instrument=instrument).values_list("value", flat=True))
    return instrument.pk, domains, levels


def _clamp(value: int, levels: list[int]) -> int:
    return max(levels[0], min(levels[-1], value))


class _Writer:
    def __init__(self, rng: random.Random, rows: Rows, gemeente_id: int, today: date):
        self.rng, self.rows, self.gemeente_id, self.today = rng, rows, gemeente_id, today

    def series(self, case, person_id: int, instrument, relevant: set[str], start: date, end: date) -> dict:
        """Measurements from ``start`` to ``end`` for one person; returns the intake scores by domain code."""
        rng = self.rng
        instrument_id, domains, levels = instrument
        roll = rng.random()
        kind = "dropout" if roll < 0.12 else "decline" if roll < 0.27 else "improve"
        intake = {
            code: _clamp(rng.choices(list(INTAKE_WEIGHTS), weights=list(INTAKE_WEIGHTS.values()))[0], levels)
            for _, code, _ in domains
            if code in relevant
        }
        final_delta = {}
        for code in intake:
            if kind == "improve":
                final_delta[code] = rng.choices((0, 1, 2), weights=(4, 5, 1))[0]
            else:
                final_delta[code] = rng.choices((0, -1, 1), weights=(4, 4, 1))[0]
        moments = [("intake", start + timedelta(days=rng.randint(0, 21)))]
        if kind != "dropout":
            months = rng.randint(6, 12)
            moments.append(("tussenmeting", start + timedelta(days=30 * (months // 2) + rng.randint(0, 20))))
            moments.append(("evaluatie", start + timedelta(days=30 * months + rng.randint(0, 20))))
            if case["status"] == "afgesloten" and case["closed_on"]:
                moments.append(("afsluiting", case["closed_on"]))
        last = None
        for index, (moment, on) in enumerate(moments):
            if on > end or (last is not None and on <= last):
                break
            last = on
            share = 0 if index == 0 else (0.5 if moment == "tussenmeting" else 1)
            measurement = self.rows.new(
                Measurement,
                gemeente_id=self.gemeente_id,
                household_id=case["household_id"],
                case_id=case["id"],
                person_id=person_id,
                instrument_id=instrument_id,
                moment=moment,
                measured_on=on,
                assessor_id=case["regisseur_id"],
            )
            for domain_id, code, _ in domains:
                score = None
                if code in intake:
                    score = _clamp(intake[code] + round(final_delta[code] * share), levels)
                self.rows.new(
                    MeasurementScore,
                    measurement_id=measurement.id,
                    domain_id=domain_id,
                    relevant=code in intake,
                    score=score,
                )
        return intake


@transaction.atomic
def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    if Instrument.objects.count() < len(INSTRUMENTS):
        install()
    rng = random.Random(f"outcomes-{seed}")
    zrm = _instrument("zrm", "2017")
    zrm_old = _instrument("zrm", "2013")
    ladder = _instrument("participatieladder", "1")
    by_life_domain = {life: (domain_id, code) for domain_id, code, life in zrm[1] if life}
    old_codes = {"dagbesteding", "adl", "verslaving"}

    cases = list(
        Case.objects.filter(gemeente=gemeente, status__in=MEASURED_STATUSES)
        .order_by("id")
        .values("id", "household_id", "person_id", "status", "opened_on", "closed_on", "regisseur_id", "laws")
    )
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for household_id, person_id, relation in (
        HouseholdMember.objects.filter(household__gemeente=gemeente)
        .order_by("id")
        .values_list("household_id", "person_id", "relation")
    ):
        members[household_id].append((person_id, relation))
    goals_by_case: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Goal.objects.filter(plan__case__gemeente=gemeente)
        .order_by("id")
        .values_list("plan__case_id", "id", "life_domain", "status")
    ):
        goals_by_case[row[0]].append(row[1:])

    rows = Rows()
    writer = _Writer(rng, rows, gemeente.pk, today)
    measured = 0
    for case in cases:
        if rng.random() < 0.2:  # not every case is measured (no consent, short contact)
            continue
        household = members.get(case["household_id"], [])
        adults = [p for p, relation in household if relation != "kind"] or [p for p, _ in household]
        if not adults:
            continue
        person_id = case["person_id"] or adults[0]
        goals = goals_by_case.get(case["id"], [])
        relevant = {by_life_domain[life][1] for _, life, _ in goals if life in by_life_domain}
        extra = rng.sample([code for _, code, _ in zrm[1]], rng.randint(1, 3))
        relevant |= set(extra)
        end = min(today, case["closed_on"] or today)
        old = case["opened_on"] < today - timedelta(days=730) and rng.random() < 0.15
        if old:
            mapped = {code for code in relevant if code in {c for _, c, _ in zrm_old[1]}} | {
                rng.choice(sorted(old_codes))
            }
            intake = writer.series(case, person_id, zrm_old, mapped, case["opened_on"], end)
        else:
            intake = writer.series(case, person_id, zrm, relevant, case["opened_on"], end)
        measured += 1
        if "participatie" in (case["laws"] or []):
            writer.series(case, person_id, ladder, {"participatie"}, case["opened_on"], end)
        for goal_id, life, status in goals:
            target, result = None, ""
            if (
                not old
                and life in by_life_domain
                and by_life_domain[life][1] in intake
                and rng.random() < 0.5
            ):
                target = min(5, intake[by_life_domain[life][1]] + 1)
            if status != "open":
                result = status
            if target is None and not result:
                continue
            rows.new(
                GoalOutcome,
                goal_id=goal_id,
                gemeente_id=gemeente.pk,
                target_domain_id=by_life_domain[life][0] if target is not None else None,
                target_score=target,
                result=result,
                gas_score=rng.choice(GAS_BY_RESULT[result]) if result and rng.random() < 0.6 else None,
                assessed_on=min(today, case["closed_on"] or today) if result else None,
                assessed_by_id=case["regisseur_id"] if result else None,
            )
    rows.write([Measurement, MeasurementScore, GoalOutcome])
    return {
        "metingen": rows.count(Measurement),
        "gemeten casussen": measured,
        "doelrealisaties": rows.count(GoalOutcome),
    }


@transaction.atomic
def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before the people and cases go)."""
    measurements = Measurement.objects.filter(gemeente=gemeente).values("id")
    MeasurementScore.objects.filter(measurement_id__in=measurements)._raw_delete(MeasurementScore.objects.db)
    Measurement.objects.filter(gemeente=gemeente)._raw_delete(Measurement.objects.db)
    GoalOutcome.objects.filter(gemeente=gemeente)._raw_delete(GoalOutcome.objects.db)
