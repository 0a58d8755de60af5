"""Pure money calculations (no database): commitments per financing variant, cost split, new demand.

All amounts are integer eurocent; intermediate values are exact fractions, rounded once, half up.
Financing variants follow OP261–OP264 / IV074–IV075 (reference istandaarden.md §4):

* inspanningsgericht: tariff per unit × volume × number of frequency periods in the window
  (frequency 1 = per day, 2 = per week (days / 7), 4 = per month (per calendar month the share of its
  days), 6 = total within the validity of the allocation (pro rata of the allocation's days));
* outputgericht: price per product (unit 82: tariff × volume) or amount per period (unit 83: the volume is
  the amount in eurocent, IV042) per frequency period; with frequency 6 (trajectory) the whole price falls
  in the year the trajectory ends (trajectfinanciering, IV089);
* an allocation with a budget (aspecifiek/generiek) commits the budget pro rata of its days;
* taakgericht: the lump sum of each tariff period pro rata of the days of the window (an open-ended
  tariff is a sum per calendar year).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

OUTPUTGERICHT = "outputgericht"
TAAKGERICHT = "taakgericht"


def round_half_up(value: Fraction | int) -> int:
    """Round an exact amount of eurocent to an integer, half away from zero."""
    if isinstance(value, int):
        return value
    return round_div(value.numerator, value.denominator)


def round_div(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (denominator > 0) rounded half away from zero, in integers only."""
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def days(start: date, end: date) -> int:
    """Number of days in ``start``..``end`` inclusive (0 when empty)."""
    return max((end - start).days + 1, 0)


def overlap(a_start: date, a_end: date | None, b_start: date, b_end: date) -> tuple[date, date] | None:
    start = max(a_start, b_start)
    end = min(a_end or b_end, b_end)
    return (start, end) if start <= end else None


@lru_cache(maxsize=4096)
def month_share(start: date, end: date) -> Fraction:
    """Calendar months in ``start``..``end``: a whole month counts 1, a part month its share of days."""
    total = Fraction(0)
    day = start
    while day <= end:
        dim = calendar.monthrange(day.year, day.month)[1]
        month_end = date(day.year, day.month, dim)
        last = min(month_end, end)
        total += Fraction(days(day, last), dim)
        day = last + timedelta(days=1)
    return total


@lru_cache(maxsize=4096)
def period_ratio(frequency: str, start: date, end: date) -> tuple[int, int]:
    """:func:`frequency_periods` as (numerator, denominator) integers (cached: windows repeat)."""
    value = frequency_periods(frequency, start, end)
    return value.numerator, value.denominator


@lru_cache(maxsize=4096)
def frequency_periods(frequency: str, start: date, end: date) -> Fraction:
    """Number of frequency periods (WMO757) in ``start``..``end``."""
    if frequency == "1":
        return Fraction(days(start, end))
    if frequency == "2":
        return Fraction(days(start, end), 7)
    if frequency == "4":
        return month_share(start, end)
    raise ValueError(f"frequentie {frequency!r} heeft geen periode")


@dataclass(frozen=True)
class Tariff:
    start: date
    end: date | None
    amount_cents: int


def tariff_on(tariffs: Sequence[Tariff], day: date) -> Tariff | None:
    for tariff in tariffs:
        if tariff.start <= day and (tariff.end is None or tariff.end >= day):
            return tariff
    return None


@dataclass(frozen=True)
class AllocationTerms:
    """What an allocation (toewijzing) commits: its period and its Omvang or Budget (CD077/CD078)."""

    variant: str
    start: date
    end: date | None
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget_cents: int | None = None


def allocation_commitment(
    terms: AllocationTerms, tariffs: Sequence[Tariff], window: tuple[date, date]
) -> int:
    """The commitment of one allocation in ``window`` (the remaining part of the budget year)."""
    part = overlap(terms.start, terms.end, *window)
    if part is None:
        return 0
    if terms.budget_cents is not None:
        if terms.end is None:
            return terms.budget_cents
        return round_div(terms.budget_cents * days(*part), days(terms.start, terms.end))
    if not terms.volume:
        return 0
    if terms.frequency == "6":
        price = _price(terms, tariff_on(tariffs, terms.start))
        if terms.variant == OUTPUTGERICHT:  # a trajectory is paid at its end (IV089)
            return price if terms.end is None or terms.end <= window[1] else 0
        if terms.end is None:
            return price
        return round_div(price * days(*part), days(terms.start, terms.end))
    if terms.unit == "83":  # no tariff: the volume is the amount per period (IV042)
        num, den = period_ratio(terms.frequency, *part)
        return round_div(terms.volume * num, den)
    total_num, total_den = 0, 1
    for tariff in tariffs:
        sub = overlap(tariff.start, tariff.end, *part)
        if sub is not None:
            num, den = period_ratio(terms.frequency, *sub)
            total_num, total_den = total_num * den + _price(terms, tariff) * num * total_den, total_den * den
    return round_div(total_num, total_den)


def _price(terms: AllocationTerms, tariff: Tariff | None) -> int:
    """Price of one frequency period: the volume in eurocent for unit 83 (IV042), else tariff × volume."""
    if terms.unit == "83":
        return terms.volume or 0
    return (tariff.amount_cents if tariff else 0) * (terms.volume or 0)


def _tariffs_in(tariffs: Iterable[Tariff], part: tuple[date, date]) -> list[Tariff]:
    return [t for t in tariffs if overlap(t.start, t.end, *part) is not None]


def lump_sum_commitment(tariffs: Sequence[Tariff], window: tuple[date, date]) -> int:
    """Taakgericht: each tariff period's lump sum pro rata of its days in ``window``; open-ended = per year."""
    total = Fraction(0)
    for tariff in tariffs:
        if tariff.end is None:
            year = window[0].year
            start, end = max(tariff.start, date(year, 1, 1)), date(year, 12, 31)
            part = overlap(start, end, *window)
            if part is not None:
                total += Fraction(tariff.amount_cents * days(*part), days(date(year, 1, 1), end))
            continue
        part = overlap(tariff.start, tariff.end, *window)
        if part is not None:
            total += Fraction(tariff.amount_cents * days(*part), days(tariff.start, tariff.end))
    return round_half_up(total)


def split(amount_cents: int, partner_share_bp: int) -> tuple[int, int]:
    """(municipal, partner) shares of ``amount_cents``; the partner share is rounded half up, the
    municipality carries the remainder so that the parts always add up."""
    partner = round_half_up(Fraction(amount_cents * partner_share_bp, 10000))
    return amount_cents - partner, partner


def expected_new_demand(
    new_allocations: int, window_days: int, daily_cost: Fraction, remaining_days: int
) -> int:
    """Expected cost of new allocations until the end of the year, from the recent trend.

    ``new_allocations`` started in the last ``window_days`` days give a daily inflow ``r``; a new allocation
    costs ``daily_cost`` per day. An allocation starting on day ``d`` (1..D) after the reference date runs
    ``D - d + 1`` days, so the expected cost is ``r × daily_cost × D(D+1)/2``.
    """
    if not new_allocations or not window_days or remaining_days <= 0:
        return 0
    rate = Fraction(new_allocations, window_days)
    return round_half_up(rate * Fraction(daily_cost) * Fraction(remaining_days * (remaining_days + 1), 2))


def alert_limit(budget_cents: int, margin_bp: int) -> int:
    """The forecast above which an alert is raised: budget × (1 + margin)."""
    return round_half_up(Fraction(budget_cents * (10000 + margin_bp), 10000))
