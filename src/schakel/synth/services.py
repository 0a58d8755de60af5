"""Generate a synthetic municipality (issue 2 §7): deterministic by seed, fast (bulk inserts), idempotent.

``generate_municipality`` is used by ``schakel generate``, ``schakel demo``, the tests and the benchmarks.
Every person is marked ``is_synthetic``; BSNs pass the 11-proef but are random, so never use them outside
a test installation.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module

from django.db import connection, transaction
from django.utils import timezone

from schakel.cases.models import (
    Aanvraag,
    Action,
    Case,
    CaseEvent,
    Decision,
    DecisionProduct,
    Evaluation,
    Goal,
    Melding,
    Onderzoek,
    Plan,
)
from schakel.core.models import Gemeente, User
from schakel.people.models import BreakGlassGrant, Household, HouseholdMember, NetworkContact, Person

from . import staff
from .casework import CaseBuilder
from .frame import build_frame
from .population import SHousehold, SPerson, assign_bsns, generate_population
from .rows import Rows
from .staff import DemoUser, ensure_demo_users  # noqa: F401 - public API
from .usage import assign_use, overlap_stats

#: Status of the current case of a household that used support this year (weights).
CURRENT_STATUS = (("uitvoering", 66), ("evaluatie", 6), ("aanvraag", 5), ("beschikt", 4), ("afgesloten", 19))
#: Status of a case of a household that just asked for help (not yet a client).
FRESH_STATUS = (("melding", 35), ("onderzoek", 45), ("aanvraag", 20))
FRESH_SHARE = 0.08  # new meldingen, as a share of the using households
HISTORIC_SHARE = 0.2  # closed cases from one to three years ago, as a share of the using households
NETWORK_SHARE = {"wmo": 0.4, "jeugd": 0.15, "participatie": 0.1, "schuldhulp": 0.1}
#: Apps that add their own synthetic data after the people and cases are written, in this order. Each
#: module has ``generate(gemeente, *, seed, today, bar) -> counts`` and ``delete(gemeente)``; ``bar`` is the
#: ``rich.progress.Progress`` of the run (or ``None``): add a task with ``bar.add_task(...)`` to show progress.
EXTENSIONS = (
    "schakel.contracts.synth",
    "schakel.exchange.synth",
    "schakel.outcomes.synth",
    "schakel.participation.synth",
    "schakel.finance.synth",
    "schakel.partners.synth",
)


def _extensions():
    return [import_module(name) for name in EXTENSIONS]


WRITE_ORDER = (
    Household,
    Person,
    HouseholdMember,
    NetworkContact,
    Case,
    Melding,
    Onderzoek,
    Plan,
    Goal,
    Action,
    Aanvraag,
    Decision,
    DecisionProduct,
    Evaluation,
    CaseEvent,
)


@dataclass
class GenerationResult:
    gemeente: Gemeente
    created: bool
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    stats: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


def db_counts(gemeente: Gemeente) -> dict[str, int]:
    cases = Case.objects.filter(gemeente=gemeente)
    return {
        "inwoners": Person.objects.filter(gemeente=gemeente).count(),
        "huishoudens": Household.objects.filter(gemeente=gemeente).count(),
        "casussen": cases.count(),
        "open casussen": cases.exclude(status="afgesloten").count(),
        "beschikkingen": Decision.objects.filter(case__gemeente=gemeente).count(),
        "gebeurtenissen": CaseEvent.objects.filter(case__gemeente=gemeente).count(),
    }


def delete_municipality_data(gemeente: Gemeente) -> None:
    """Remove persons, households and cases of ``gemeente`` (teams, users and logs stay).

    Raw deletes in dependency order, after the extension apps removed theirs (in reverse order); the
    database still enforces foreign keys of other apps at commit.
    """
    for extension in reversed(_extensions()):
        extension.delete(gemeente)
    cases = Case.objects.filter(gemeente=gemeente)
    for qs in (
        CaseEvent.objects.filter(case__in=cases),
        DecisionProduct.objects.filter(decision__case__in=cases),
        Decision.objects.filter(case__in=cases),
        Evaluation.objects.filter(case__in=cases),
        Action.objects.filter(goal__plan__case__in=cases),
        Goal.objects.filter(plan__case__in=cases),
        Plan.objects.filter(case__in=cases),
        Aanvraag.objects.filter(case__in=cases),
        Onderzoek.objects.filter(case__in=cases),
        Melding.objects.filter(case__in=cases),
        cases,
        BreakGlassGrant.objects.filter(household__gemeente=gemeente),
        NetworkContact.objects.filter(person__gemeente=gemeente),
        HouseholdMember.objects.filter(household__gemeente=gemeente),
        Household.objects.filter(gemeente=gemeente),
        Person.objects.filter(gemeente=gemeente),
    ):
        qs.model.objects.filter(pk__in=list(qs.values_list("pk", flat=True)))._raw_delete(qs.db)


def generate_municipality(
    size: int = 20_000,
    seed: int = 42,
    gemeente_code: str | None = None,
    progress: bool = False,
    *,
    replace: bool = False,
    today: date | None = None,
) -> GenerationResult:
    """Generate the synthetic municipality, or do nothing when it already has inhabitants (unless ``replace``)."""
    started = time.perf_counter()
    frame = build_frame(size, gemeente_code)
    today = today or timezone.localdate()
    with transaction.atomic():
        gemeente, _ = Gemeente.objects.get_or_create(
            code=frame.gemeente.code, defaults={"name": frame.gemeente.name}
        )
        if Person.objects.filter(gemeente=gemeente).exists():
            if not replace:
                return GenerationResult(gemeente, False, seed, db_counts(gemeente))
            delete_municipality_data(gemeente)
        gemeente.name, gemeente.inhabitants = frame.gemeente.name, frame.size
        gemeente.save()
        with _progress(progress) as bar:
            result = _generate(gemeente, frame, seed, today, bar)
    refresh_statistics()
    result.seconds = time.perf_counter() - started
    return result


def refresh_statistics() -> None:
    """Update the query planner's statistics after the bulk load (part of the timed generation).

    Without it PostgreSQL planned the first requests after ``schakel generate`` with estimates from before
    the load (7,854 households expected, 48,853 present) until autovacuum caught up; SQLite has no
    statistics at all until ``ANALYZE`` (see :mod:`schakel.core.sqlite`)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _generate(gemeente: Gemeente, frame, seed: int, today: date, bar) -> GenerationResult:
    rng = random.Random(seed)
    step = bar.add_task("Inwoners en huishoudens", total=3) if bar else None
    households, persons = generate_population(rng, frame, today)
    taken = set(Person.objects.values_list("bsn", flat=True))
    assign_bsns(random.Random(f"{seed}-bsn"), persons, taken)
    use = assign_use(rng, persons)
    if bar:
        bar.advance(step)

    rows = Rows()
    hh_ids, person_ids = _people_rows(rows, gemeente, households, persons)
    if bar:
        bar.advance(step, 2)

    wijk_team, jeugd_team, wijkteams = staff.ensure_teams(gemeente, frame)
    ensure_demo_users(gemeente, team=wijkteams[0])
    builder = CaseBuilder(rng, rows, gemeente.pk, today)
    for idx, laws in sorted(use.items()):
        if any(rng.random() < NETWORK_SHARE[law] for law in sorted(laws)):
            builder.add_network(person_ids[idx], persons[idx].geslachtsnaam)

    users_by_hh: dict[int, dict[SPerson, set[str]]] = defaultdict(dict)
    for idx, laws in sorted(use.items()):
        users_by_hh[persons[idx].hh.idx][persons[idx]] = laws
    plans = _case_plan(rng, households, users_by_hh, today)
    step = bar.add_task("Casussen, plannen en tijdlijnen", total=len(plans)) if bar else None
    for hh, users, status, opened, closed, fresh in plans:
        laws = {law for laws in users.values() for law in laws}
        team = jeugd_team if laws == {"jeugd"} else wijk_team[hh.wijk_code]
        builder.build(
            hh,
            hh_ids[hh.idx],
            team.pk,
            users,
            person_ids,
            status=status,
            opened=opened,
            closed=closed,
            fresh=fresh,
        )
        if bar:
            bar.advance(step)

    regisseurs = _assign_regisseurs(random.Random(f"{seed}-staff"), gemeente, rows, builder, wijkteams[0])
    total = sum(len(rows.by_model.get(m, ())) for m in WRITE_ORDER)
    step = bar.add_task("Opslaan in de database", total=total) if bar else None
    rows.write(WRITE_ORDER, advance=(lambda n: bar.advance(step, n)) if bar else None)
    extra: dict[str, int] = {}
    for extension in _extensions():
        extra.update(extension.generate(gemeente, seed=seed, today=today, bar=bar))

    counts = {
        "inwoners": len(persons),
        "huishoudens": len(households),
        "casussen": rows.count(Case),
        "open casussen": sum(1 for c in rows.by_model[Case] if c.status != "afgesloten"),
        "beschikkingen": rows.count(Decision),
        "toegekende producten": rows.count(DecisionProduct),
        "doelen": rows.count(Goal),
        "acties": rows.count(Action),
        "gebeurtenissen": rows.count(CaseEvent),
        "netwerkcontacten": rows.count(NetworkContact),
        "teams": len(wijkteams) + 1,
        "regisseurs": regisseurs,
        **extra,
    }
    return GenerationResult(gemeente, True, seed, counts, overlap_stats(persons, use))


def _people_rows(rows: Rows, gemeente: Gemeente, households: list[SHousehold], persons: list[SPerson]):
    hh_ids: list[int] = []
    woonplaats = gemeente.name[:80]
    for hh in households:
        hh_ids.append(
            rows.new(
                Household, gemeente_id=gemeente.pk, name=hh.name, kind=hh.kind, wijk_code=hh.wijk_code
            ).id
        )
    person_ids: list[int] = []
    for p in persons:
        hh = p.hh
        person = rows.new(
            Person,
            gemeente_id=gemeente.pk,
            bsn=p.bsn,
            voornamen=p.voornamen,
            voorvoegsel=p.voorvoegsel,
            geslachtsnaam=p.geslachtsnaam,
            partner_voorvoegsel=p.partner_voorvoegsel,
            partner_geslachtsnaam=p.partner_geslachtsnaam,
            naamgebruik=p.naamgebruik,
            birth_year=p.birth_year,
            birth_month=p.birth_month,
            birth_day=p.birth_day,
            birth_date=p.birth,
            gender=p.gender,
            straat=hh.straat,
            huisnummer=hh.huisnummer,
            huisletter=hh.huisletter,
            postcode=hh.postcode,
            woonplaats=woonplaats,
            wijk_code=hh.wijk_code,
            buurt_code=hh.buurt_code,
            is_synthetic=True,
        )
        person_ids.append(person.id)
        rows.new(
            HouseholdMember,
            household_id=hh_ids[hh.idx],
            person_id=person.id,
            relation=p.relation,
            is_contact=p.is_contact,
        )
    return hh_ids, person_ids


def _weighted(rng: random.Random, options) -> str:
    return rng.choices([o[0] for o in options], weights=[o[1] for o in options])[0]


def _days(rng: random.Random, today: date, lo: int, hi: int) -> date:
    return today - timedelta(days=rng.randint(lo, hi))


def _fresh_users(rng: random.Random, hh: SHousehold) -> dict[SPerson, set[str]]:
    """Who asks for help first in a household that is not yet a client, and under which law."""
    elderly = [p for p in hh.members if p.age >= 65]
    children = [p for p in hh.members if p.age < 18]
    adults = [p for p in hh.members if p.age >= 18] or hh.members
    if elderly:
        return {rng.choice(elderly): {"wmo"}}
    if children and rng.random() < 0.6:
        return {rng.choice(children): {"jeugd"}}
    return {rng.choice(adults): {_weighted(rng, (("wmo", 55), ("participatie", 25), ("schuldhulp", 20)))}}


def _case_plan(rng: random.Random, households, users_by_hh, today: date):
    """(household, users, status, opened, closed, fresh) for every case to build, in a fixed order."""
    plans = []
    using = sorted(users_by_hh)
    others = [hh.idx for hh in households if hh.idx not in users_by_hh]
    for idx in rng.sample(using, round(HISTORIC_SHARE * len(using) * 0.6)) + rng.sample(
        others, min(len(others), round(HISTORIC_SHARE * len(using) * 0.4))
    ):
        hh = households[idx]
        users = users_by_hh.get(idx) or _fresh_users(rng, hh)
        opened = _days(rng, today, 500, 1095)
        closed = min(opened + timedelta(days=rng.randint(90, 400)), today - timedelta(days=366))
        plans.append((hh, users, "afgesloten", opened, closed, False))
    for idx in using:
        status = _weighted(rng, CURRENT_STATUS)
        closed = None
        if status == "afgesloten":
            closed = _days(rng, today, 1, 364)
            opened = closed - timedelta(days=rng.randint(60, 700))
        else:
            lo = {"beschikt": 20, "uitvoering": 60, "evaluatie": 300, "aanvraag": 90}[status]
            opened = _days(rng, today, lo, 50 if status == "beschikt" else 1095)
        plans.append((households[idx], users_by_hh[idx], status, opened, closed, False))
    for idx in sorted(rng.sample(others, min(len(others), round(FRESH_SHARE * len(using))))):
        status = _weighted(rng, FRESH_STATUS)
        lo, hi = {"melding": (0, 49), "onderzoek": (7, 60), "aanvraag": (20, 70)}[status]
        plans.append(
            (
                households[idx],
                _fresh_users(rng, households[idx]),
                status,
                _days(rng, today, lo, hi),
                None,
                True,
            )
        )
    return plans


def _assign_regisseurs(
    rng: random.Random, gemeente: Gemeente, rows: Rows, builder: CaseBuilder, demo_team
) -> int:
    """Spread the cases of each team over its regisseurs (caseload ≈ 45 open cases each).

    The demo regisseur works in the first wijkteam and holds the team's cases with the nearest legal
    deadlines (due soon or overdue) plus an even share of the others, so the work queue shows them.
    """
    by_team: dict[int, list[Case]] = defaultdict(list)
    for case in rows.by_model[Case]:
        by_team[case.team_id].append(case)
    demo = User.objects.filter(username="regisseur").first()
    total = 0
    from schakel.core.models import Team

    for team in Team.objects.filter(pk__in=by_team).order_by("pk"):
        cases = by_team[team.pk]
        open_cases = [c for c in cases if c.status != "afgesloten"]
        users = staff.ensure_regisseurs(
            gemeente,
            team,
            staff.regisseurs_needed(len(open_cases)),
            demo if team.pk == demo_team.pk else None,
        )
        total += len(users)
        holder: dict[int, User] = {}
        queue = open_cases
        if team.pk == demo_team.pk and demo is not None:
            dated = sorted((c for c in open_cases if c.next_deadline), key=lambda c: (c.next_deadline, c.id))
            today = builder.today
            overdue = [c for c in dated if c.next_deadline < today]
            soon = [c for c in dated if today <= c.next_deadline <= today + timedelta(days=7)]
            later = [c for c in dated if c.next_deadline > today + timedelta(days=7)]
            holder.update((c.id, demo) for c in overdue[-8:] + soon[:8] + later[:4])
            queue = [c for c in open_cases if c.id not in holder]
        for i, case in enumerate(queue):
            holder[case.id] = users[i % len(users)]
        for case in cases:
            user = holder.get(case.id) or rng.choice(users)
            for obj in builder.actor_rows[case.id]:
                if obj.model is Case:
                    obj.regisseur_id = user.pk
                elif obj.model is Decision:
                    obj.decided_by_id = user.pk
                else:
                    obj.actor_id = user.pk
    return total
