"""Outcomes: per-domain change of outcome measurements and goals achieved, per product, provider and wijk.

* **Change** in a domain = the last score minus the first score of a person in that instrument domain, over
  the measurements up to the end of the period, for persons whose last measurement falls in the period and
  who have at least two scored measurements in which the domain was marked relevant (ZRM practice: only
  domains relevant to the help question are scored; reference §1.1).
* **Goals**: plan goals assessed in the period (status bereikt/deels/niet_bereikt; goals without an
  assessment date count when their status is final). Achieved = bereikt.
* Attribution to a product category and provider: every provision of the case (goals) or of the person
  (measurements) that overlaps the period; a person with two providers counts for both.
"""

from __future__ import annotations

import ibis
from ibis import _

from .base import Params, Tables, active_provisions, indicator, persons, shared


@ibis.udf.agg.builtin
def min_by(arg: int, key: int) -> int:
    """The ``arg`` of the row with the smallest ``key`` (DuckDB and Spark SQL ``min_by``)."""


@ibis.udf.agg.builtin
def max_by(arg: int, key: int) -> int:
    """The ``arg`` of the row with the largest ``key`` (DuckDB and Spark SQL ``max_by``)."""


DIMENSIONS = {"wijk": "wijk_code", "provider": "provider_key", "product": "product_category"}


def _changes(t: Tables, p: Params) -> ibis.Table:
    """Per person, instrument and domain: first score, last score, change (persons in the period; shared)."""
    return shared(t, "changes", p, lambda: _build_changes(t, p))


def _build_changes(t: Tables, p: Params) -> ibis.Table:
    m = t["measurements"]
    m = m.filter(m.relevant & m.score.notnull() & (m.measured_on <= p.period_end))
    if p.gemeente_code:
        m = m.filter(m.gemeente_code == p.gemeente_code)
    group = ["person_key", "instrument", "domain"]
    # One aggregation instead of window functions: the first and last score by (date, measurement id),
    # encoded as one sortable integer (days since 1970 × 10^10 + id), so ties are broken the same way on
    # every backend. min_by/max_by rather than Ibis' argmin/argmax, which DuckDB gets as an ordered
    # aggregate (FIRST(score ORDER BY key)) that sorts within every group.
    order = (
        m.measured_on.delta(ibis.date(1970, 1, 1), unit="day").cast("int64") * 10_000_000_000
        + m.measurement_id
    )
    g = m.group_by(group).aggregate(
        first_score=min_by(m.score.cast("int64"), order),
        last_score=max_by(m.score.cast("int64"), order),
        n=m.measurement_id.count(),
        last_day=m.measured_on.max(),
    )
    g = g.filter((g.n >= 2) & (g.last_day >= p.period_start))
    out = g.select(*group, "first_score", "last_score", change=(g.last_score - g.first_score).cast("int64"))
    pe = persons(t, p).select("person_key", "wijk_code")
    return out.join(pe, "person_key")


@indicator(
    theme="outcomes",
    title="Verandering per domein (uitkomstmeting)",
    keys=("instrument", "domain"),
    counts=("persons", "improved", "worsened"),
    guarded={"mean_change": "persons"},
    unit="punten",
    description="Gemiddelde verandering tussen eerste en laatste meting per domein, met aantallen personen "
    "vooruit en achteruit.",
)
def domain_change(t: Tables, p: Params) -> ibis.Table:
    c = _changes(t, p)
    return (
        c.group_by(["instrument", "domain"])
        .aggregate(
            persons=_.person_key.count(),
            improved=(_.change > 0).cast("int64").sum(),
            worsened=(_.change < 0).cast("int64").sum(),
            mean_change=_.change.mean(),
        )
        .order_by(["instrument", "domain"])
    )


def _by_dimension(units: ibis.Table, t: Tables, p: Params, key: str, dim: str) -> ibis.Table:
    """Attach the value of ``dim`` to per-unit rows keyed by ``key`` (person_key or case_id) as ``value``: the
    unit's wijk, or every provider / product category of the unit's provisions in the period."""
    if dim == "wijk":
        return units.mutate(value=units.wijk_code)

    def build():  # the unit's providers and product categories, once for both dimensions
        pr = active_provisions(t, p)
        pr = pr.filter(pr[key].notnull()).semi_join(units.select(key), key)
        return pr.select(
            key,
            provider=pr.provider_key.fill_null("onbekend"),
            product=pr.product_category.fill_null("onbekend"),
        ).distinct()

    pairs = shared(t, f"attach:{key}", p, build)
    attach = pairs.select(key, value=pairs[dim]).distinct()
    return units.join(attach, key)


def _goals_per_case(t: Tables, p: Params) -> ibis.Table:
    """Per case: goals assessed, achieved, partly achieved (a goal row is one goal; shared)."""

    def build():
        g = _goals(t, p)
        return g.group_by(["case_id", "wijk_code"]).aggregate(
            goals=g.count(),
            achieved=(g.status == "bereikt").cast("int64").sum(),
            partly=(g.status == "deels").cast("int64").sum(),
        )

    return shared(t, "goals_per_case", p, build)


def _changes_per_person(t: Tables, p: Params) -> ibis.Table:
    """Per person: number of domain scores, improved, and the sum of the changes (shared)."""

    def build():
        c = _changes(t, p)
        return c.group_by(["person_key", "wijk_code"]).aggregate(
            scores=c.count(), improved=(c.change > 0).cast("int64").sum(), total=c.change.sum()
        )

    return shared(t, "changes_per_person", p, build)


def _goals(t: Tables, p: Params) -> ibis.Table:
    """Goals assessed in the period with the wijk of their case (shared)."""
    return shared(t, "goals", p, lambda: _build_goals(t, p))


def _build_goals(t: Tables, p: Params) -> ibis.Table:
    g = t["goals"]
    g = g.filter(
        (g.status != "open")
        & (g.assessed_on.isnull() | ((g.assessed_on >= p.period_start) & (g.assessed_on <= p.period_end)))
    )
    if p.gemeente_code:
        g = g.filter(g.gemeente_code == p.gemeente_code)
    cases = t["cases"].select("case_id", "wijk_code")
    g = g.select("goal_id", "case_id", "status").join(cases, "case_id")
    if p.wijk_code:
        g = g.filter(g.wijk_code == p.wijk_code)
    return g


def _goals_achieved(t: Tables, p: Params, dim: str) -> ibis.Table:
    g = _by_dimension(_goals_per_case(t, p), t, p, "case_id", dim)
    out = g.group_by("value").aggregate(goals=g.goals.sum(), achieved=g.achieved.sum(), partly=g.partly.sum())
    return (
        out.mutate(dimension=ibis.literal(dim), achieved_share=out.achieved * 100.0 / out.goals)
        .select("dimension", "value", "goals", "achieved", "partly", "achieved_share")
        .order_by("value")
    )


def _change_by(t: Tables, p: Params, dim: str) -> ibis.Table:
    c = _by_dimension(_changes_per_person(t, p), t, p, "person_key", dim)
    out = c.group_by("value").aggregate(
        persons=c.count(), scores=c.scores.sum(), improved=c.improved.sum(), total=c.total.sum()
    )
    return (
        out.mutate(dimension=ibis.literal(dim), mean_change=out.total.cast("float64") / out.scores)
        .select("dimension", "value", "persons", "scores", "improved", "mean_change")
        .order_by("value")
    )


for _dim, _label in (("wijk", "wijk"), ("provider", "aanbieder"), ("product", "productcategorie")):

    def _make_goals(dim=_dim):
        return lambda t, p: _goals_achieved(t, p, dim)

    def _make_change(dim=_dim):
        return lambda t, p: _change_by(t, p, dim)

    indicator(
        theme="outcomes",
        title=f"Doelen bereikt per {_label}",
        keys=("dimension", "value"),
        counts=("goals", "achieved", "partly"),
        guarded={"achieved_share": "goals"},
        unit="%",
        description=f"Beoordeelde doelen in de periode en het aandeel bereikt, per {_label}.",
        name=f"goals_by_{_dim}",
    )(_make_goals())
    indicator(
        theme="outcomes",
        title=f"Verandering uitkomstmeting per {_label}",
        keys=("dimension", "value"),
        counts=("persons", "scores", "improved"),
        guarded={"mean_change": "persons"},
        unit="punten",
        description=f"Gemiddelde verandering per domein tussen eerste en laatste meting, per {_label}.",
        name=f"change_by_{_dim}",
    )(_make_change())
