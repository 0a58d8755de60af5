"""Indicator registry and parameters shared by all theme modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

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


# --- shared building blocks ---------------------------------------------------------------------------------


def persons(t: Tables, p: Params) -> ibis.Table:
    """Inhabitants filtered by municipality and wijk."""
    table = t["persons"]
    if p.gemeente_code:
        table = table.filter(table.gemeente_code == p.gemeente_code)
    if p.wijk_code:
        table = table.filter(table.wijk_code == p.wijk_code)
    return table


def active_provisions(t: Tables, p: Params, *, laws: tuple[str, ...] | None = None) -> ibis.Table:
    """Provisions overlapping the period (CBS: use during the period), optionally of some laws only."""
    pr = t["provisions"]
    cond = (pr.start_date <= p.period_end) & (pr.end_date.isnull() | (pr.end_date >= p.period_start))
    pr = pr.filter(cond)
    if p.gemeente_code:
        pr = pr.filter(pr.gemeente_code == p.gemeente_code)
    if laws:
        pr = pr.filter(pr.law.isin(list(laws)))
    return pr


def clients(t: Tables, p: Params, *, laws: tuple[str, ...] | None = None) -> ibis.Table:
    """Provisions in the period joined to the person's wijk, age group and household (wijk-filtered)."""
    pr = active_provisions(t, p, laws=laws)
    pe = persons(t, p).select(
        "person_key", "wijk_code", "buurt_code", "age_group", "household_key", "household_type"
    )
    return pr.join(pe, "person_key")
