"""Set-based outcome aggregates for contracts, finance and the monitor (issue 3).

Each function is ONE SQL statement with window functions (``ROW_NUMBER() OVER``), valid on SQLite (≥ 3.25)
and PostgreSQL: per person and domain the first and the latest score of the relevant domains, then grouped
by a dimension. Instrument versions are never mixed: every row is per instrument version and domain.

Dimensions (``by``): ``gemeente`` (one group), ``huishouden``, ``persoon``, ``wijk`` (the person's wijk
code), ``productcategorie`` / ``productcode`` (products granted to the person, cases.DecisionProduct),
``jaar`` / ``kwartaal`` (of the latest measurement), ``aanbieder`` and ``contract`` (through
``contracts.Allocation``: the providers and contracts the person's granted products are allocated to; see
:data:`DIMENSIONS`). No personal data leaves these functions except for
the ``persoon``/``huishouden`` dimensions, which callers use only for objects the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import connection

from ..models import Instrument, InstrumentDomain


def _period_sql(column: str, unit: str) -> str:
    if connection.vendor == "postgresql":
        if unit == "jaar":
            return f"CAST(EXTRACT(YEAR FROM {column}) AS TEXT)"
        return f"(CAST(EXTRACT(YEAR FROM {column}) AS TEXT) || '-K' || CAST(EXTRACT(QUARTER FROM {column}) AS TEXT))"
    if unit == "jaar":
        return f"strftime('%%Y', {column})"
    return f"(strftime('%%Y', {column}) || '-K' || ((CAST(strftime('%%m', {column}) AS INTEGER) + 2) / 3))"


def _allocation_sql(by: str, key: str) -> str:
    """Distinct (person or case, provider or contract) pairs from ``contracts.Allocation`` (issue 4): the
    toewijzing of a granted product (cases.DecisionProduct) to a provider under a contract product."""
    Allocation = apps.get_model("contracts", "Allocation")
    ContractProduct = apps.get_model("contracts", "ContractProduct")
    allocation, product = Allocation._meta.db_table, ContractProduct._meta.db_table
    column = "a.provider_id" if by == "aanbieder" else "cpr.contract_id"
    join = f"JOIN {product} cpr ON cpr.id = a.contract_product_id " if by == "contract" else ""
    if key == "person_id":
        return f"SELECT DISTINCT a.person_id, {column} AS grp FROM {allocation} a {join}"  # noqa: S608 - _meta
    return (
        f"SELECT DISTINCT dc.case_id, {column} AS grp FROM {allocation} a {join}"  # noqa: S608 - _meta
        "JOIN cases_decisionproduct dp ON dp.id = a.decision_product_id "
        "JOIN cases_decision dc ON dc.id = dp.decision_id"
    )


def _dimension(by: str, person: str) -> tuple[str, str]:
    """(SQL expression of the group, extra joins) for measurement rows keyed by ``person``."""
    if by == "gemeente":
        return "''", ""
    if by == "persoon":
        return f"CAST({person} AS TEXT)", ""
    if by == "wijk":
        return "COALESCE(p.wijk_code, '')", f"JOIN people_person p ON p.id = {person}"
    if by in ("productcategorie", "productcode"):
        column = "product_category" if by == "productcategorie" else "product_category || ':' || product_code"
        return "dp.grp", (
            f"JOIN (SELECT DISTINCT person_id, {column} AS grp FROM cases_decisionproduct) dp "  # noqa: S608 - fixed
            f"ON dp.person_id = {person}"
        )
    if by in ("aanbieder", "contract"):
        return (
            "CAST(al.grp AS TEXT)",
            f"JOIN ({_allocation_sql(by, 'person_id')}) al ON al.person_id = {person}",
        )
    raise ValueError(f"Onbekende dimensie: {by}")


DIMENSIONS = (
    "gemeente",
    "huishouden",
    "persoon",
    "wijk",
    "productcategorie",
    "productcode",
    "jaar",
    "kwartaal",
    "aanbieder",
    "contract",
)

CHANGES_SQL = """
WITH s AS (
    SELECT m.person_id, m.household_id, sc.domain_id, sc.score, m.measured_on,
        ROW_NUMBER() OVER (PARTITION BY m.person_id, sc.domain_id ORDER BY m.measured_on, m.id) AS rf,
        ROW_NUMBER() OVER (PARTITION BY m.person_id, sc.domain_id ORDER BY m.measured_on DESC, m.id DESC) AS rl
    FROM outcomes_measurementscore sc
    JOIN outcomes_measurement m ON m.id = sc.measurement_id
    WHERE sc.score IS NOT NULL AND {where}
), c AS (
    SELECT person_id, MAX(household_id) AS household_id, domain_id,
        MAX(CASE WHEN rf = 1 THEN score END) AS first_score,
        MAX(CASE WHEN rl = 1 THEN score END) AS last_score,
        MAX(CASE WHEN rl = 1 THEN measured_on END) AS last_on,
        COUNT(*) AS n
    FROM s GROUP BY person_id, domain_id
)
SELECT {group} AS grp, d.instrument_id, c.domain_id,
    COUNT(*) AS persons,
    SUM(CASE WHEN c.n >= 2 THEN 1 ELSE 0 END) AS measured_twice,
    AVG(CASE WHEN c.n >= 2 THEN 1.0 * (c.last_score - c.first_score) END) AS mean_change,
    SUM(CASE WHEN c.n >= 2 AND c.last_score > c.first_score THEN 1 ELSE 0 END) AS improved,
    SUM(CASE WHEN c.n >= 2 AND c.last_score = c.first_score THEN 1 ELSE 0 END) AS same,
    SUM(CASE WHEN c.n >= 2 AND c.last_score < c.first_score THEN 1 ELSE 0 END) AS declined,
    AVG(1.0 * c.first_score) AS mean_first,
    AVG(1.0 * c.last_score) AS mean_last
FROM c
JOIN outcomes_instrumentdomain d ON d.id = c.domain_id
{joins}
GROUP BY {group_by}d.instrument_id, c.domain_id
ORDER BY 1, d.instrument_id, c.domain_id
"""


@dataclass(frozen=True)
class DomainChange:
    """Change per group, instrument version and domain between each person's first and latest score."""

    group: str
    instrument_id: int
    instrument: str
    domain_id: int
    domain: str
    persons: int
    measured_twice: int
    mean_change: float | None
    improved: int
    same: int
    declined: int
    mean_first: float | None
    mean_last: float | None


def _where(
    gemeente_id: int | None, start: date | None, end: date | None, *, person_ids=None, household_ids=None
) -> tuple[str, list]:
    clauses, params = ["1 = 1"], []
    if gemeente_id is not None:
        clauses.append("m.gemeente_id = %s")
        params.append(gemeente_id)
    if start is not None:
        clauses.append("m.measured_on >= %s")
        params.append(start)
    if end is not None:
        clauses.append("m.measured_on <= %s")
        params.append(end)
    for column, ids in (("m.person_id", person_ids), ("m.household_id", household_ids)):
        if ids is not None:
            ids = [int(i) for i in ids] or [0]
            clauses.append(f"{column} IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
    return " AND ".join(clauses), params


def _labels() -> tuple[dict[int, str], dict[int, str]]:
    instruments = {i.pk: str(i) for i in Instrument.objects.all()}
    domains = dict(InstrumentDomain.objects.values_list("pk", "name"))
    return instruments, domains


def domain_changes(
    gemeente_id: int | None,
    *,
    by: str = "gemeente",
    start: date | None = None,
    end: date | None = None,
    person_ids=None,
    household_ids=None,
) -> list[DomainChange]:
    """Per group × instrument version × domain: persons scored, the mean change first → latest, and how many
    improved, stayed and declined (persons with at least two scores on the domain)."""
    if by not in DIMENSIONS:
        raise ValueError(f"Onbekende dimensie: {by}")
    if by == "huishouden":
        group, joins = "CAST(c.household_id AS TEXT)", ""
    elif by in ("jaar", "kwartaal"):
        group, joins = _period_sql("c.last_on", by), ""
    else:
        group, joins = _dimension(by, "c.person_id")
    where, params = _where(gemeente_id, start, end, person_ids=person_ids, household_ids=household_ids)
    # PostgreSQL refuses a constant in GROUP BY: the one-group dimension groups by nothing extra.
    group_by = "" if group == "''" else f"{group}, "
    sql = CHANGES_SQL.format(where=where, group=group, group_by=group_by, joins=joins)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    instruments, domains = _labels()
    return [
        DomainChange(
            group=str(grp) if grp is not None else "",
            instrument_id=instrument_id,
            instrument=instruments.get(instrument_id, ""),
            domain_id=domain_id,
            domain=domains.get(domain_id, ""),
            persons=persons,
            measured_twice=int(twice or 0),
            mean_change=None if change is None else round(float(change), 3),
            improved=int(improved or 0),
            same=int(same or 0),
            declined=int(declined or 0),
            mean_first=None if first is None else round(float(first), 3),
            mean_last=None if last is None else round(float(last), 3),
        )
        for grp, instrument_id, domain_id, persons, twice, change, improved, same, declined, first, last in rows
    ]


GOALS_SQL = """
SELECT {group} AS grp,
    COUNT(*) AS goals,
    SUM(CASE WHEN g.status = 'bereikt' THEN 1 ELSE 0 END) AS achieved,
    SUM(CASE WHEN g.status = 'deels' THEN 1 ELSE 0 END) AS partly,
    SUM(CASE WHEN g.status = 'niet_bereikt' THEN 1 ELSE 0 END) AS not_achieved,
    SUM(CASE WHEN g.status = 'open' THEN 1 ELSE 0 END) AS still_open,
    AVG(1.0 * go.gas_score) AS mean_gas
FROM cases_goal g
JOIN cases_plan pl ON pl.id = g.plan_id
JOIN cases_case cs ON cs.id = pl.case_id
JOIN people_household h ON h.id = cs.household_id
LEFT JOIN outcomes_goaloutcome go ON go.goal_id = g.id
{joins}
WHERE {where}
{group_by}
ORDER BY 1
"""


@dataclass(frozen=True)
class GoalShare:
    group: str
    goals: int
    achieved: int
    partly: int
    not_achieved: int
    still_open: int
    mean_gas: float | None

    @property
    def assessed(self) -> int:
        return self.achieved + self.partly + self.not_achieved

    @property
    def share_achieved(self) -> float | None:
        """Share of the assessed goals that were achieved (deels counts as not achieved)."""
        return round(self.achieved / self.assessed, 4) if self.assessed else None


def goal_attainment(
    gemeente_id: int | None,
    *,
    by: str = "gemeente",
    start: date | None = None,
    end: date | None = None,
    household_ids=None,
) -> list[GoalShare]:
    """Goals per group with the share achieved. Products, providers and contracts are those of the goal's
    case (its decisions); the wijk is the household's; the period is the case's opening date."""
    clauses, params = ["1 = 1"], []
    if gemeente_id is not None:
        clauses.append("cs.gemeente_id = %s")
        params.append(gemeente_id)
    if start is not None:
        clauses.append("cs.opened_on >= %s")
        params.append(start)
    if end is not None:
        clauses.append("cs.opened_on <= %s")
        params.append(end)
    if household_ids is not None:
        ids = [int(i) for i in household_ids] or [0]
        clauses.append(f"cs.household_id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    joins = ""
    if by == "gemeente":
        group = "''"
    elif by == "huishouden":
        group = "CAST(cs.household_id AS TEXT)"
    elif by == "wijk":
        group = "COALESCE(h.wijk_code, '')"
    elif by in ("jaar", "kwartaal"):
        group = _period_sql("cs.opened_on", by)
    elif by in ("productcategorie", "productcode"):
        column = (
            "dp.product_category"
            if by == "productcategorie"
            else "dp.product_category || ':' || dp.product_code"
        )
        group = "cp.grp"
        joins = (
            f"JOIN (SELECT DISTINCT dc.case_id, {column} AS grp FROM cases_decisionproduct dp "  # noqa: S608 - fixed
            "JOIN cases_decision dc ON dc.id = dp.decision_id) cp ON cp.case_id = cs.id"
        )
    elif by in ("aanbieder", "contract"):
        group = "CAST(cp.grp AS TEXT)"
        joins = f"JOIN ({_allocation_sql(by, 'case_id')}) cp ON cp.case_id = cs.id"
    else:
        raise ValueError(f"Onbekende dimensie: {by}")
    group_by = "" if group == "''" else f"GROUP BY {group}"
    sql = GOALS_SQL.format(group=group, joins=joins, where=" AND ".join(clauses), group_by=group_by)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        GoalShare(
            group=str(grp) if grp is not None else "",
            goals=goals,
            achieved=int(a or 0),
            partly=int(p or 0),
            not_achieved=int(n or 0),
            still_open=int(o or 0),
            mean_gas=None if gas is None else round(float(gas), 3),
        )
        for grp, goals, a, p, n, o, gas in rows
        if goals
    ]


def per_case_loop(case_ids) -> dict[int, dict[tuple[int, int], tuple[int, int]]]:
    """The BASELINE of the benchmark: per case, its measurements and scores loaded and walked in Python
    (first and latest score per person and domain). Correct but O(cases) queries; do not use in views."""
    from ..models import Measurement

    result = {}
    for case_id in case_ids:
        first_last: dict[tuple[int, int], tuple[int, int]] = {}
        for measurement in Measurement.objects.filter(case_id=case_id).order_by("measured_on", "id"):
            for score in measurement.scores.all():
                if score.score is None:
                    continue
                key = (measurement.person_id, score.domain_id)
                first = first_last[key][0] if key in first_last else score.score
                first_last[key] = (first, score.score)
        result[case_id] = first_last
    return result
