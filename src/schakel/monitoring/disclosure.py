"""Statistical disclosure control for every output meant for the council or the public.

The rule follows what CBS does in the Gemeentelijke Monitor Sociaal Domein tables on StatLine (reference
``outcomes-and-monitoring.md`` §3.1: counts are published rounded to multiples of 5, and small or unknown cells
are shown as ``"."``, e.g. 85637NED, 85994NED):

1. **Rounding** — every count of persons, households, cases or goals is rounded to the nearest multiple of
   :data:`ROUND_TO` (5); halves round up (12.5 → 15 never occurs, 2.5 → 5 does: ``floor(n / 5 + 0.5) * 5``).
2. **Suppression** — a count whose *unrounded* value is greater than 0 and smaller than :data:`MIN_CELL` (10)
   is suppressed and shown as ``"."``. (CBS applies a minimum cell size; the exact CBS threshold for these
   tables was not found verbatim — we use 10, the usual CBS minimum for tables on persons, and keep it in
   one constant.) Zero stays 0: an empty cell discloses nothing about a person.
3. **Derived figures** (rates per 1,000, shares, averages, costs per client) are computed from the unrounded
   counts, rounded to one decimal, and suppressed whenever the count they rest on is suppressed
   (``Indicator.guarded``).

Because every count is rounded, differences between a total and its visible parts cannot reveal a suppressed
cell exactly, so no secondary suppression is applied (the same reasoning as CBS's rounded tables).
Internal outputs with drill-through to cases are not covered by this module; they are governed by the access
rules and the processing log instead.
"""

from __future__ import annotations

import math

import pandas as pd

from .indicators.base import Indicator

ROUND_TO = 5
MIN_CELL = 10
SUPPRESSED = "."


def round_count(n: int | float | None) -> int | None:
    """Round a count to the nearest multiple of 5, or ``None`` (suppressed) when 0 < n < 10."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return None
    n = int(n)
    if 0 < n < MIN_CELL:
        return None
    return int(math.floor(n / ROUND_TO + 0.5) * ROUND_TO)


def protect(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """A disclosure-controlled copy of an indicator result: counts rounded/suppressed, derived figures guarded.

    Suppressed cells are ``<NA>`` (render them with :func:`display`). Money columns (``*_eurocent``) are
    totals, not counts of persons, and are kept (rounded to whole euros in ``*_euro`` columns by callers).
    """
    out = frame.copy()
    suppressed: dict[str, pd.Series] = {}
    for column in indicator.counts:
        if column not in out:
            continue
        raw = out[column]
        suppressed[column] = raw.fillna(0).astype("int64").between(1, MIN_CELL - 1)
        out[column] = pd.array([round_count(v) for v in raw], dtype="Int64")
    for column, guard in indicator.guarded.items():
        if column not in out:
            continue
        values = pd.to_numeric(out[column], errors="coerce").round(1).astype("Float64")
        if guard in suppressed:
            values = values.mask(suppressed[guard])
        out[column] = values
    for column in out.columns:
        if column.endswith("_eurocent"):
            out[column] = pd.array(
                [None if pd.isna(v) else int(round(v / 100)) for v in out[column]], dtype="Int64"
            )
            out = out.rename(columns={column: column.replace("_eurocent", "_euro")})
        elif out[column].dtype.kind == "f":
            out[column] = out[column].round(1)
    return out


def display(value) -> str:
    """Text of one protected cell: ``"."`` when suppressed, Dutch number formatting otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return SUPPRESSED
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if isinstance(value, int) or hasattr(value, "__int__") and not isinstance(value, str):
        try:
            return f"{int(value):,}".replace(",", ".")
        except (TypeError, ValueError):
            return str(value)
    return str(value)
