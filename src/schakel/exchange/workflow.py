"""The explicit table of allowed message status transitions (DESIGN.md §5).

All transitions are system transitions: a message's status follows from processing it (incoming) or
from sending it and receiving its retour (outgoing). Nothing is user-settable.

Incoming: ``ontvangen`` → ``afgewezen`` (level 1: XSD or envelope failure, no retour, IV032) |
``goedgekeurd`` (retour 0200) | ``deels`` (some classes rejected, e.g. a 325 with rejected lines) |
``afgekeurd`` (level 2–4 failure) | ``dubbel`` (TR056, retour 9056).
Outgoing: ``klaar`` → ``verzonden`` (exported or fetched) → ``beantwoord`` (retour received, IV028).
"""

from __future__ import annotations

from .models import MessageStatus as S


class TransitionNotAllowed(ValueError):
    """The requested status change is not in the table."""


TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.REJECTED, S.APPROVED, S.PARTIAL, S.DECLINED, S.DUPLICATE}),
    S.REJECTED: frozenset(),
    S.APPROVED: frozenset(),
    S.PARTIAL: frozenset(),
    S.DECLINED: frozenset(),
    S.DUPLICATE: frozenset(),
    S.READY: frozenset({S.SENT, S.ANSWERED}),
    S.SENT: frozenset({S.ANSWERED}),
    S.ANSWERED: frozenset(),
}

#: The states a new message starts in, per direction.
INITIAL = {"in": S.RECEIVED, "uit": S.READY}
FINAL_INCOMING = frozenset({S.REJECTED, S.APPROVED, S.PARTIAL, S.DECLINED, S.DUPLICATE})


def check(current: str, target: str) -> None:
    """Raise :class:`TransitionNotAllowed` unless ``current → target`` is in the table."""
    if target not in TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            f"Van '{S(current).label}' naar '{S(target).label}' is geen toegestane statuswijziging."
        )
