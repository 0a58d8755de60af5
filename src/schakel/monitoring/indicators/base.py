"""Indicator registry and parameters shared by all theme modules."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import ibis
from ibis import _  # noqa: F401  (re-exported for theme modules)

Tables = dict[str, ibis.Table]


@dataclass(frozen=True)
class Params:
    """What every indicator is filtered by: a period (inclusive dates) and optionally a municipality and wijk.

    A person is a client in the period when one of their provisions overlaps it
    (``start_date <= period_end and (end_date is null or end_date >= period_start)``), as in the CBS GMSD.
    """

    period_start: date
    period_end: date
    gemeente_code: str | None = None
    wijk_code: str | None = None

    @classmethod
    def year(cls, year: int, **kw) -> Params:
        return cls(date(year, 1, 1), date(year, 12, 31), **kw)

    @classmethod
    def half_year(cls, year: int, half: int, **kw) -> Params:
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30), **kw)
        return cls(date(year, 7, 1), date(year, 12, 31), **kw)


@dataclass(frozen=True)
class Indicator:
    """One indicator: an Ibis expression builder plus what disclosure control must treat as counts.

    ``counts``: columns holding numbers of persons/households/cases (rounded to multiples of 5 and suppressed
    below the threshold in council/public outputs). ``guarded``: derived columns (rates, averages, shares)
    suppressed when the count named in ``guarded[col]`` is suppressed. ``keys``: the breakdown columns.
    """

    name: str
    theme: str
    title: str
    fn: Callable[[Tables, Params], ibis.Table]
    keys: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    guarded: dict[str, str] = field(default_factory=dict)
    description: str = ""
    unit: str = ""

    def __call__(self, tables: Tables, params: Params) -> ibis.Table:
        return self.fn(tables, params)


REGISTRY: dict[str, Indicator] = {}


def indicator(
    *,
    theme: str,
    title: str,
    keys: tuple[str, ...] = (),
    counts: tuple[str, ...] = (),
    guarded: dict[str, str] | None = None,
    description: str = "",
    unit: str = "",
    name: str | None = None,
):
    """Decorator registering ``fn(tables, params) -> ibis.Table`` as an indicator."""

    def wrap(fn):
        key = name or fn.__name__
        if key in REGISTRY:
            raise ValueError(f"indicator {key} registered twice")
        REGISTRY[key] = Indicator(key, theme, title, fn, keys, counts, dict(guarded or {}), description, unit)
        return fn

    return wrap


# --- shared intermediate tables ------------------------------------------------------------------------------


_names = itertools.count()


class TableSet(dict):
    """The extract tables by name (what :func:`~schakel.monitoring.indicators.load_tables` returns), plus a memo
    of the intermediate tables that several indicators share (clients in the period, outcome changes, goals …).

    Each intermediate is computed once per parameters and materialised on ``con``: a temporary table on DuckDB
    (gone with the connection), a cached DataFrame (Ibis ``.cache()``) on Spark. So the full indicator set reads
    every Parquet table about once instead of once per indicator. A plain ``dict`` of tables works too,
    without sharing.
    """

    def __init__(self, con: ibis.BaseBackend | None = None):
        super().__init__()
        self.con = con
        self.memo: dict[tuple, ibis.Table] = {}
        #: Time spent materialising each intermediate: name → [wall seconds, CPU seconds of the process].
        self.timings: dict[str, list[float]] = {}

    def materialise(self, expr: ibis.Table) -> ibis.Table:
        if self.con is None or not _on_backend(expr):
            # In-memory (empty) tables only: nothing to gain, and ``.cache()`` would use Ibis' default backend.
            return expr
        if self.con.name == "duckdb":
            return self.con.create_table(f"mon_shared_{next(_names)}", expr, temp=True)
        return expr.cache()


def _on_backend(expr: ibis.Table) -> bool:
    """Whether ``expr`` reads a table of a backend (not only in-memory tables)."""
    from ibis.expr import operations as ops

    return bool(expr.op().find(ops.DatabaseTable))


def shared(t: Tables, name: str, key: Params, build: Callable[[], ibis.Table]) -> ibis.Table:
    """The intermediate ``name`` for ``key``: built once per :class:`TableSet` and materialised."""
    if not isinstance(t, TableSet):
        return build()
    if (name, key) not in t.memo:
        wall, cpu = time.perf_counter(), time.process_time()
        t.memo[(name, key)] = t.materialise(build())
        spent = t.timings.setdefault(name, [0.0, 0.0])
        spent[0] += time.perf_counter() - wall
        spent[1] += time.process_time() - cpu
    return t.memo[(name, key)]


def _unwijk(p: Params) -> Params:
    """The same period and municipality without the wijk (for intermediates that do not depend on it)."""
    return Params(p.period_start, p.period_end, p.gemeente_code)


def persons(t: Tables, p: Params) -> ibis.Table:
    """Inhabitants filtered by municipality and wijk."""
    table = t["persons"]
    if p.gemeente_code:
        table = table.filter(table.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        table = table.filter(table.wijk_code == p.wijk_code)
    return table


def inhabitants(t: Tables, p: Params) -> ibis.Table:
    """Inhabitants per wijk and age group (shared; coarser breakdowns sum these cells)."""

    def build():
        pe = persons(t, p)
        return pe.group_by(["wijk_code", "age_group"]).aggregate(inhabitants=pe.count())

    return shared(t, "inhabitants", p, build)


def _in_municipality(pr: ibis.Table, p: Params):
    return pr.gemeente_code == p.gemeente_code if p.gemeente_code else ibis.literal(True)


def window_provisions(t: Tables, p: Params) -> ibis.Table:
    """Provisions that started by the end of the period and had not ended a year before it starts, in the
    municipality (plus those elsewhere that ended before the period, for re-entry): everything the usage,
    stapeling and flow indicators look at (shared, projected)."""

    def build():
        pr = t["provisions"]
        since = p.period_start - timedelta(days=365)
        pr = pr.filter((pr.start_date <= p.period_end) & (pr.end_date.isnull() | (pr.end_date >= since)))
        if p.gemeente_code:
            pr = pr.filter((pr.gemeente_code == p.gemeente_code) | (pr.end_date < p.period_start))
        return pr.select(
            "provision_id",
            "person_key",
            "gemeente_code",
            "case_id",
            "law",
            "product_category",
            "provider_key",
            "start_date",
            "end_date",
        )

    return shared(t, "window_provisions", _unwijk(p), build)


def active_provisions(t: Tables, p: Params, *, laws: tuple[str, ...] | None = None) -> ibis.Table:
    """Provisions overlapping the period (CBS: use during the period) in the municipality, optionally of some
    laws only: ``provision_id, person_key, case_id, law, product_category, provider_key``."""
    pr = window_provisions(t, p)
    pr = pr.filter(_in_municipality(pr, p) & (pr.end_date.isnull() | (pr.end_date >= p.period_start)))
    if laws:
        pr = pr.filter(pr.law.isin(list(laws)))
    return pr.select("provision_id", "person_key", "case_id", "law", "product_category", "provider_key")


def person_laws(t: Tables, p: Params) -> ibis.Table:
    """One row per client and law in the period (wijk-filtered), with the person's wijk, age group and household
    (``household_key``; a person without a household counts as one: ``"p:" + person_key``) and the flow flags
    of :mod:`.flows` (shared):

    * ``before``: a provision of the law in the municipality ran on the day before the period;
    * ``at_end``: one runs on the last day of the period;
    * ``ended_window``: one (any municipality) ended in the 365 days before the period.
    """

    def build():
        pr = window_provisions(t, p)
        here = _in_municipality(pr, p)
        day_before = p.period_start - timedelta(days=1)
        running = pr.end_date.isnull()
        flags = pr.group_by(["person_key", "law"]).aggregate(
            in_period=(here & (running | (pr.end_date >= p.period_start))).any(),
            before=(here & (pr.start_date <= day_before) & (running | (pr.end_date >= day_before))).any(),
            at_end=(here & (running | (pr.end_date >= p.period_end))).any(),
            ended_window=(
                pr.end_date.notnull()
                & (pr.end_date >= p.period_start - timedelta(days=365))
                & (pr.end_date <= day_before)
            ).any(),
        )
        flags = flags.filter(flags.in_period)
        pe = persons(t, p)
        pe = pe.select(
            "person_key",
            "wijk_code",
            "age_group",
            household_key=pe.household_key.fill_null("p:" + pe.person_key),
        )
        return flags.join(pe, "person_key").select(
            "person_key", "law", "wijk_code", "age_group", "household_key", "before", "at_end", "ended_window"
        )

    return shared(t, "person_laws", p, build)


def clients(t: Tables, p: Params, *, laws: tuple[str, ...] | None = None) -> ibis.Table:
    """Provisions in the period with the client's wijk (wijk-filtered; shared): ``provision_id, person_key,
    case_id, law, product_category, wijk_code``. Per person and law see :func:`person_laws`."""

    def build():
        pl = person_laws(t, p).select("person_key", "law", "wijk_code")
        pr = active_provisions(t, p).drop("provider_key")
        return pr.join(pl, ["person_key", "law"])

    c = shared(t, "clients", p, build)
    return c.filter(c.law.isin(list(laws))) if laws else c
