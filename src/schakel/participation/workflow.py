"""Explicit status transition tables of advice requests and advice (DESIGN.md §5).

``USER_TRANSITIONS`` may be chosen directly (withdrawing a request); ``SYSTEM_TRANSITIONS`` happen only as the
effect of recording something through :mod:`schakel.participation.services` (sending a request, the
coordination point assigning councils, advice being submitted, a response being published).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import AdviceStatus as A
from .models import RequestStatus as R


class TransitionNotAllowed(ValueError):
    """The requested status change is not in the table."""


REQUEST_USER_TRANSITIONS: dict[str, frozenset[str]] = {
    R.CONCEPT: frozenset({R.INGETROKKEN}),
    R.COORDINATIE: frozenset({R.INGETROKKEN}),
    R.UITGEZET: frozenset({R.INGETROKKEN}),
    R.ADVIES: frozenset(),
    R.BEANTWOORD: frozenset(),
    R.INGETROKKEN: frozenset(),
}

REQUEST_SYSTEM_TRANSITIONS: dict[str, frozenset[str]] = {
    # sending: to the councils directly, or to the coordination point (models 1c and 4)
    R.CONCEPT: frozenset({R.UITGEZET, R.COORDINATIE}),
    # the coordination point decides which council(s) advise
    R.COORDINATIE: frozenset({R.UITGEZET, R.ADVIES}),
    # advice submitted on the request
    R.UITGEZET: frozenset({R.ADVIES}),
    # the last response on the request's advice published
    R.ADVIES: frozenset({R.BEANTWOORD}),
}

ADVICE_TRANSITIONS: dict[str, frozenset[str]] = {
    # a draft is submitted (or sent as pre-advice), or withdrawn by its council; given advice is public and
    # stays (it can only be answered)
    A.CONCEPT: frozenset({A.PRE_ADVICE, A.UITGEBRACHT, A.INGETROKKEN}),
    A.PRE_ADVICE: frozenset(),  # the coordination point issues the joint advice; the pre-advice stays
    A.UITGEBRACHT: frozenset({A.BEANTWOORD}),
    A.BEANTWOORD: frozenset(),
    A.INGETROKKEN: frozenset(),
}


def check_request(current: str, target: str, *, by_system: bool) -> None:
    allowed = REQUEST_USER_TRANSITIONS.get(current, frozenset())
    if by_system:
        allowed = allowed | REQUEST_SYSTEM_TRANSITIONS.get(current, frozenset())
    if target not in allowed:
        raise TransitionNotAllowed(
            _("Van '%(a)s' naar '%(b)s' is geen toegestane statuswijziging van de adviesaanvraag.")
            % {"a": R(current).label, "b": R(target).label}
        )


def check_advice(current: str, target: str) -> None:
    if target not in ADVICE_TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            _("Van '%(a)s' naar '%(b)s' is geen toegestane statuswijziging van het advies.")
            % {"a": A(current).label, "b": A(target).label}
        )
