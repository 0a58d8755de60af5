"""The one deadline service: legal terms per law, in weeks, calendar days or working days.

Defaults (overridable per law in the admin through :class:`~schakel.core.models.DeadlineRule`):

* Wmo onderzoek: 6 weeks after the melding — Wmo 2015 art. 2.3.2 lid 1.
* Wmo beschikking: 2 weeks after the aanvraag — Wmo 2015 art. 2.3.5 lid 2.
* Jeugdwet, Participatiewet beschikking: 8 weeks — Awb art. 4:13 lid 2 / Participatiewet art. 44.
* Schuldhulp: first conversation within 4 weeks of the request — Wgs art. 4 lid 1.
* Bezwaar: 6 weeks after the decision is sent — Awb art. 6:7 (all laws).
* iWmo/iJw terms (retour, answer to a request) are in working days; :func:`add_working_days` skips
  weekends and Dutch public holidays (``holidays`` NL calendar).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays


class Kind(StrEnum):
    ONDERZOEK = "onderzoek"
    BESCHIKKING = "beschikking"
    BEZWAAR = "bezwaar"


class Unit(StrEnum):
    DAYS = "dagen"
    WEEKS = "weken"
    WORKING_DAYS = "werkdagen"


ANY_LAW = "*"


@dataclass(frozen=True)
class Term:
    kind: str
    law: str
    amount: int
    unit: str
    source: str

    def due(self, start: date) -> date:
        if self.unit == Unit.WEEKS:
            return start + timedelta(weeks=self.amount)
        if self.unit == Unit.WORKING_DAYS:
            return add_working_days(start, self.amount)
        return start + timedelta(days=self.amount)


DEFAULT_TERMS: dict[tuple[str, str], Term] = {
    (Kind.ONDERZOEK, "wmo"): Term(Kind.ONDERZOEK, "wmo", 6, Unit.WEEKS, "Wmo 2015 art. 2.3.2 lid 1"),
    (Kind.ONDERZOEK, "schuldhulp"): Term(Kind.ONDERZOEK, "schuldhulp", 4, Unit.WEEKS, "Wgs art. 4 lid 1"),
    (Kind.BESCHIKKING, "wmo"): Term(Kind.BESCHIKKING, "wmo", 2, Unit.WEEKS, "Wmo 2015 art. 2.3.5 lid 2"),
    (Kind.BESCHIKKING, "jeugd"): Term(Kind.BESCHIKKING, "jeugd", 8, Unit.WEEKS, "Awb art. 4:13 lid 2"),
    (Kind.BESCHIKKING, "participatie"): Term(
        Kind.BESCHIKKING, "participatie", 8, Unit.WEEKS, "Participatiewet art. 44"
    ),
    (Kind.BESCHIKKING, ANY_LAW): Term(Kind.BESCHIKKING, ANY_LAW, 8, Unit.WEEKS, "Awb art. 4:13 lid 2"),
    (Kind.BEZWAAR, ANY_LAW): Term(Kind.BEZWAAR, ANY_LAW, 6, Unit.WEEKS, "Awb art. 6:7"),
}

#: A deadline is "due soon" this many calendar days before it passes.
DUE_SOON_DAYS = 7


class Flag(StrEnum):
    NONE = ""
    OK = "op_tijd"
    DUE_SOON = "binnenkort"
    OVERDUE = "verlopen"


#: Admin overrides, read once and kept for :data:`RULES_TTL_SECONDS` per process (cleared on save/delete
#: in this process by :mod:`schakel.core.signals`), so a page with many deadlines costs no extra queries.
RULES_TTL_SECONDS = 60
_rules_cache: tuple[float, dict[tuple[str, str], Term]] | None = None


def _overrides() -> dict[tuple[str, str], Term]:
    global _rules_cache
    now = time.monotonic()
    if _rules_cache is None or now - _rules_cache[0] > RULES_TTL_SECONDS:
        from .models import DeadlineRule

        rules = {
            (rule.kind, rule.law): Term(rule.kind, rule.law, rule.amount, rule.unit, rule.legal_source)
            for rule in DeadlineRule.objects.all()
        }
        _rules_cache = (now, rules)
    return _rules_cache[1]


def clear_cache() -> None:
    global _rules_cache
    _rules_cache = None


def term(kind: str, law: str) -> Term | None:
    """The term for ``kind`` under ``law``: an admin override first, then the law's default, then any law."""
    overrides = _overrides()
    for law_key in (law, ANY_LAW):
        rule = overrides.get((kind, law_key))
        if rule is not None:
            return rule
        default = DEFAULT_TERMS.get((kind, law_key))
        if default is not None:
            return default
    return None


def due_date(kind: str, law: str, start: date) -> date | None:
    found = term(kind, law)
    return found.due(start) if found else None


def flag(due: date | None, today: date, *, met: bool = False) -> Flag:
    """Classify a deadline for the work queue."""
    if due is None or met:
        return Flag.NONE
    if today > due:
        return Flag.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return Flag.DUE_SOON
    return Flag.OK


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, amount: int) -> date:
    """The date ``amount`` working days after ``start`` (weekends and NL public holidays skipped)."""
    day = start
    remaining = amount
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
