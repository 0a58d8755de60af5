"""The rule registry: every rule is one small function registered with :func:`rule`.

A rule names its id in the standard (``TR321``), the retour code it gives (``9321``), its control level
(IV032: 2 in-message, 3 cross-message, 4 external source), the messages (``"323"``) and the class it
checks (``"prestatie"``). The function returns ``True`` when the class VIOLATES the rule. Its docstring's
first line states the rule; the rules page and ``schakel exchange rules`` are generated from this registry.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The classes a rule can check, in the order the engine walks a message.
TARGETS = (
    "header",
    "client",
    "start",
    "stop",
    "aangevraagd",
    "verzoek",
    "ongewijzigd",
    "tewijzigen",
    "nieuw",
    "declaratie",
    "prestatie",
    "toegewezen",
    "antwoord",
)


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    level: int
    soorten: tuple[str, ...]
    target: str
    check: Callable[[Any, Any], bool]
    direction: str = "in"

    @property
    def summary(self) -> str:
        doc = inspect.getdoc(self.check) or ""
        return doc.splitlines()[0] if doc else ""

    @property
    def module(self) -> str:
        return self.check.__module__.rsplit(".", 1)[-1]


REGISTRY: list[Rule] = []
_BY_KEY: dict[tuple[str, str, str], list[Rule]] = {}


def rule(rule_id: str, code: str, *, level: int, soorten: str, target: str, direction: str = "in"):
    """Register the decorated function as rule ``rule_id`` giving retour ``code`` (see module doc).

    ``soorten`` is a space-separated list of message numbers, e.g. ``"305 307"``.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown rule target {target!r}")
    if level not in (2, 3, 4):
        raise ValueError("level must be 2, 3 or 4")

    def register(func):
        if not inspect.getdoc(func):
            raise ValueError(f"rule {rule_id} needs a docstring citing its meaning")
        entry = Rule(rule_id, code, level, tuple(soorten.split()), target, func, direction)
        REGISTRY.append(entry)
        for soort in entry.soorten:
            _BY_KEY.setdefault((direction, soort, target), []).append(entry)
            _BY_KEY[(direction, soort, target)].sort(key=lambda r: (r.level, r.id))
        return func

    return register


def rules_for(direction: str, soort: str, target: str) -> list[Rule]:
    return _BY_KEY.get((direction, soort, target), [])


def implemented() -> list[Rule]:
    """All registered rules, sorted by id (the rules page and ``schakel exchange rules``)."""
    return sorted(REGISTRY, key=lambda r: (r.id, r.soorten))
