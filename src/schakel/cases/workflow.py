"""The explicit table of allowed case status transitions (DESIGN.md §5).

``USER_TRANSITIONS`` may be chosen by a regisseur in the UI or API. ``SYSTEM_TRANSITIONS`` happen
only as the effect of recording something (an aanvraag, a decision) through :mod:`schakel.cases.services`.
"""

from __future__ import annotations

from .models import CaseStatus as S


class TransitionNotAllowed(ValueError):
    """The requested status change is not in the table."""


USER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.MELDING: frozenset({S.ONDERZOEK, S.AFGESLOTEN}),
    S.ONDERZOEK: frozenset({S.UITVOERING, S.AFGESLOTEN}),
    S.AANVRAAG: frozenset({S.AFGESLOTEN}),
    S.BESCHIKT: frozenset({S.UITVOERING, S.AFGESLOTEN}),
    S.UITVOERING: frozenset({S.EVALUATIE, S.AFGESLOTEN}),
    S.EVALUATIE: frozenset({S.UITVOERING, S.AFGESLOTEN}),
    S.AFGESLOTEN: frozenset(),
}

SYSTEM_TRANSITIONS: dict[str, frozenset[str]] = {
    S.MELDING: frozenset({S.AANVRAAG}),
    S.ONDERZOEK: frozenset({S.AANVRAAG}),
    S.UITVOERING: frozenset({S.AANVRAAG}),
    S.EVALUATIE: frozenset({S.AANVRAAG}),
    S.AANVRAAG: frozenset({S.BESCHIKT}),
}

#: States that only the system sets (never offered to a user).
SYSTEM_ONLY_STATES = frozenset({S.AANVRAAG, S.BESCHIKT})


def allowed_user_targets(status: str) -> frozenset[str]:
    return USER_TRANSITIONS.get(status, frozenset())


def check(current: str, target: str, *, by_system: bool) -> None:
    """Raise :class:`TransitionNotAllowed` unless ``current → target`` is in the table for this actor."""
    allowed = USER_TRANSITIONS.get(current, frozenset())
    if by_system:
        allowed = allowed | SYSTEM_TRANSITIONS.get(current, frozenset())
    if target not in allowed:
        raise TransitionNotAllowed(
            f"Van '{S(current).label}' naar '{S(target).label}' is geen toegestane statuswijziging."
        )
