"""The explicit transition table of a referral (DESIGN.md §5): aangemeld → gestart → afgerond / uitgevallen."""

from __future__ import annotations

from .models import ReferralStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.REGISTERED: frozenset({S.STARTED, S.DROPPED_OUT}),
    S.STARTED: frozenset({S.COMPLETED, S.DROPPED_OUT}),
    S.COMPLETED: frozenset(),
    S.DROPPED_OUT: frozenset(),
}
FINAL = frozenset({S.COMPLETED, S.DROPPED_OUT})


def allowed_targets(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def is_allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
