"""Reading the extract tables from the database (pseudonymised on the way out).

One function per table, ``build_<table>(ctx) -> pyarrow.Table`` in the schema of :mod:`.schema`. They read
with ``values_list`` (no model instances, bounded queries per table — not per row) and never select a BSN,
name or address column into the output: the BSN is read only to compute the keyed hash.

Sources from apps that may not be installed yet (outcomes, contracts, exchange, finance) are read only when
:func:`available` says the app and its table exist; otherwise the table is written empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
from django.apps import apps
from django.db import connection

from schakel.core.pseudonym import pseudonymise

from .schema import TABLES, age_group

#: Length of the truncated keyed hash (hex characters; 128 bits).
KEY_LENGTH = 32


def person_key(bsn: str) -> str:
    """The monitor pseudonym of a person: HMAC-SHA256(installation key, BSN), purpose ``monitor``."""
    return pseudonymise(bsn, purpose="monitor")[:KEY_LENGTH]


def household_key(household_id: int) -> str:
    """The monitor pseudonym of a household (purpose ``monitor-household`` over the internal id)."""
    return pseudonymise(str(household_id), purpose="monitor-household")[:KEY_LENGTH]


def available(app_label: str, model_name: str) -> bool:
    """Whether ``app_label.model_name`` exists and its table has been migrated."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return model._meta.db_table in connection.introspection.table_names()


@dataclass
class Context:
    """Shared state of one extract run: the reference date for ages and caches of keys."""

    reference_date: date
    #: The extract date: costs are estimated up to this day (ages use ``reference_date``).
    today: date | None = None
    gemeente_codes: dict[int, str] = field(default_factory=dict)
    person_keys: dict[int, str] = field(default_factory=dict)
    person_households: dict[int, int] = field(default_factory=dict)

    def load_keys(self) -> None:
        from schakel.core.models import Gemeente
        from schakel.people.models import HouseholdMember, Person

        self.gemeente_codes = dict(Gemeente.objects.values_list("id", "code"))
        self.person_keys = {
            pk: person_key(bsn) for pk, bsn in Person.objects.values_list("id", "bsn").iterator()
        }
        # A person in more than one household is counted in the first (lowest id) one.
        for person_id, household_id in (
            HouseholdMember.objects.order_by("-household_id")
            .values_list("person_id", "household_id")
            .iterator()
        ):
            self.person_households[person_id] = household_id


def _table(name: str, columns: dict[str, list]) -> pa.Table:
    return pa.Table.from_pydict(columns, schema=TABLES[name])


def _columns(name: str) -> dict[str, list]:
    return {column: [] for column in TABLES[name].names}


def _age(birth_year, birth_month, birth_day, on: date) -> int | None:
    if not birth_year:
        return None
    month, day = birth_month or 7, birth_day or 1
    return on.year - birth_year - ((on.month, on.day) < (month, day))


def build_persons(ctx: Context, since=None) -> pa.Table:
    """Every registered person. ``since``: only persons changed after this timestamp (incremental)."""
    from schakel.people.models import Household, Person

    kinds = dict(Household.objects.values_list("id", "kind"))
    out = _columns("persons")
    rows = Person.objects.order_by("id")
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    for pk, gid, wijk, buurt, year, month, day in rows.values_list(
        "id", "gemeente_id", "wijk_code", "buurt_code", "birth_year", "birth_month", "birth_day"
    ).iterator(chunk_size=5000):
        household = ctx.person_households.get(pk)
        out["person_key"].append(ctx.person_keys[pk])
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["wijk_code"].append(wijk or "")
        out["buurt_code"].append(buurt or "")
        out["age_group"].append(age_group(_age(year, month, day, ctx.reference_date)))
        out["household_key"].append(household_key(household) if household else None)
        out["household_type"].append(kinds.get(household) if household else None)
    return _table("persons", out)


def _allocations() -> dict[int, tuple[str, int | None, str, str, int | None]]:
    """Per decision product: (provider AGB code, volume, unit, frequency, tariff in eurocent) of its
    latest allocation, when the contracts app is there."""
    if not available("contracts", "Allocation"):
        return {}
    Allocation = apps.get_model("contracts", "Allocation")
    ContractTariff = apps.get_model("contracts", "ContractTariff")
    tariffs: dict[int, list[tuple]] = defaultdict(list)
    for product_id, start, end, amount in ContractTariff.objects.values_list(
        "product_id", "start_date", "end_date", "amount_cents"
    ):
        tariffs[product_id].append((start, end, amount))
    result = {}
    for dp, agb, product_id, start, volume, unit, frequency in (
        Allocation.objects.filter(decision_product__isnull=False)
        .order_by("id")
        .values_list(
            "decision_product_id",
            "provider__agb_code",
            "contract_product_id",
            "start_date",
            "volume",
            "unit",
            "frequency",
        )
        .iterator()
    ):
        tariff = next(
            (a for s, e, a in tariffs.get(product_id, ()) if s <= start and (e is None or e >= start)), None
        )
        result[dp] = (agb, volume, unit, frequency, tariff)
    return result


def _periods(frequency: str, start: date, end: date) -> float:
    """Number of frequency periods (WMO757: 1 dag, 2 week, 4 maand, 6 totaal) between two dates inclusive."""
    days = (end - start).days + 1
    return {"1": days, "2": days / 7, "4": days / 30.4375, "6": 1}.get(frequency, 0)


def estimate_cost(alloc, start: date, end: date | None, reference: date) -> int | None:
    """Estimated cost in eurocent of a provision from its allocation: tariff × volume × periods, up to the
    reference date. ``None`` without a tariff or volume."""
    if not alloc:
        return None
    _agb, volume, unit, frequency, tariff = alloc
    if tariff is None or not volume:
        return None
    last = min(end or reference, reference)
    if last < start:
        return 0
    return round(tariff * volume * _periods(frequency, start, last))


def build_provisions(ctx: Context, allocations=None) -> pa.Table:
    """Granted products of granted (or partly granted) decisions."""
    from schakel.cases.models import DecisionProduct

    allocations = _allocations() if allocations is None else allocations
    out = _columns("provisions")
    for pk, person_id, gid, case_id, law, cat, code, start, end in (
        DecisionProduct.objects.filter(decision__outcome__in=["toegekend", "deels"])
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "decision__case__gemeente_id",
            "decision__case_id",
            "decision__law",
            "product_category",
            "product_code",
            "start_date",
            "end_date",
        )
        .iterator(chunk_size=5000)
    ):
        alloc = allocations.get(pk)
        out["provision_id"].append(pk)
        out["person_key"].append(ctx.person_keys[person_id])
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["case_id"].append(case_id)
        out["law"].append(law)
        out["product_category"].append(cat)
        out["product_code"].append(code or "")
        out["start_date"].append(start)
        out["end_date"].append(end)
        out["provider_key"].append(alloc[0] if alloc else None)
        out["cost_eurocent"].append(estimate_cost(alloc, start, end, ctx.today or ctx.reference_date))
    return _table("provisions", out)


def build_cases(ctx: Context, since=None) -> pa.Table:
    from schakel.cases.models import Case, Melding, Onderzoek

    meldingen: dict[int, date] = {}
    for case_id, received in Melding.objects.order_by("-received_on").values_list("case_id", "received_on"):
        meldingen[case_id] = received  # ends with the earliest
    onderzoeken = {
        c: (s, e) for c, s, e in Onderzoek.objects.values_list("case_id", "started_on", "completed_on")
    }
    out = _columns("cases")
    rows = Case.objects.order_by("id")
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    for pk, gid, hh, person_id, wijk, laws, status, opened, closed in rows.values_list(
        "id",
        "gemeente_id",
        "household_id",
        "person_id",
        "household__wijk_code",
        "laws",
        "status",
        "opened_on",
        "closed_on",
    ).iterator(chunk_size=5000):
        started, completed = onderzoeken.get(pk, (None, None))
        out["case_id"].append(pk)
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["household_key"].append(household_key(hh))
        out["person_key"].append(ctx.person_keys[person_id] if person_id else None)
        out["wijk_code"].append(wijk or "")
        out["laws"].append(",".join(sorted(laws or [])))
        out["status"].append(status)
        out["opened_on"].append(opened)
        out["closed_on"].append(closed)
        out["melding_on"].append(meldingen.get(pk))
        out["onderzoek_started_on"].append(started)
        out["onderzoek_completed_on"].append(completed)
    return _table("cases", out)


def build_applications(ctx: Context) -> pa.Table:
    from schakel.cases.models import Aanvraag, Decision

    first: dict[int, tuple[date, str]] = {}
    for aanvraag_id, decided, outcome in Decision.objects.order_by("-decided_on", "-id").values_list(
        "aanvraag_id", "decided_on", "outcome"
    ):
        first[aanvraag_id] = (decided, outcome)
    out = _columns("applications")
    for pk, case_id, gid, law, received in (
        Aanvraag.objects.order_by("id")
        .values_list("id", "case_id", "case__gemeente_id", "law", "received_on")
        .iterator()
    ):
        decided, outcome = first.get(pk, (None, None))
        out["aanvraag_id"].append(pk)
        out["case_id"].append(case_id)
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["law"].append(law)
        out["received_on"].append(received)
        out["decided_on"].append(decided)
        out["outcome"].append(outcome)
    return _table("applications", out)


def build_goals(ctx: Context) -> pa.Table:
    from schakel.cases.models import Goal

    assessed: dict[int, date] = {}
    if available("outcomes", "GoalOutcome"):
        GoalOutcome = apps.get_model("outcomes", "GoalOutcome")
        goal_field = next(
            (f.name for f in GoalOutcome._meta.fields if f.is_relation and f.related_model is Goal), None
        )
        if goal_field:
            assessed = dict(
                GoalOutcome.objects.filter(assessed_on__isnull=False).values_list(
                    f"{goal_field}_id", "assessed_on"
                )
            )
    out = _columns("goals")
    for pk, case_id, gid, hh, person_id, domain, status in (
        Goal.objects.order_by("id")
        .values_list(
            "id",
            "plan__case_id",
            "plan__case__gemeente_id",
            "plan__case__household_id",
            "person_id",
            "life_domain",
            "status",
        )
        .iterator(chunk_size=5000)
    ):
        out["goal_id"].append(pk)
        out["case_id"].append(case_id)
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["household_key"].append(household_key(hh))
        out["person_key"].append(ctx.person_keys[person_id] if person_id else None)
        out["life_domain"].append(domain)
        out["status"].append(status)
        out["assessed_on"].append(assessed.get(pk))
    return _table("goals", out)


def build_costs(ctx: Context, provisions: pa.Table) -> pa.Table:
    """Estimated costs (source ``raming``) of the provisions, one row per provision per calendar year.

    Declared costs replace estimates once the exchange app records approved declaration lines
    (:func:`build_declared_costs`)."""
    out = _columns("costs")
    cost_id = 0
    allocations = _allocations()
    for row in provisions.to_pylist():
        alloc = allocations.get(row["provision_id"])
        if alloc is None:
            continue
        today = ctx.today or ctx.reference_date
        start, end = row["start_date"], min(row["end_date"] or today, today)
        years = [start.year] if alloc[3] == "6" else range(start.year, end.year + 1)  # "totaal": once
        for year in years:
            a, b = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
            amount = estimate_cost(alloc, a, b, today)
            if not amount:
                continue
            cost_id += 1
            out["cost_id"].append(cost_id)
            out["gemeente_code"].append(row["gemeente_code"])
            out["person_key"].append(row["person_key"])
            out["provision_id"].append(row["provision_id"])
            out["provider_key"].append(row["provider_key"])
            out["law"].append(row["law"])
            out["product_category"].append(row["product_category"])
            out["period_start"].append(a)
            out["period_end"].append(b)
            out["amount_eurocent"].append(amount)
            out["source"].append("raming")
    return _table("costs", out)


def build_all_costs(ctx: Context, provisions: pa.Table) -> pa.Table:
    """Booked (finance) or declared (exchange) costs where a municipality has them, estimates otherwise
    (:func:`.sources_apps.build_costs`)."""
    from . import sources_apps

    return sources_apps.build_costs(ctx, provisions)


#: Builders of tables fed by apps that land later (table name → builder), and their fingerprints.
EXTRA_BUILDERS: dict = {}
EXTRA_FINGERPRINTS: dict = {}
