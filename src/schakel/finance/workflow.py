"""Transition table of payment runs (four-eyes principle: the approver is not the preparer).

``USER_TRANSITIONS[status]`` maps an action to (new status, permission, who). ``who`` is ``preparer``
(only the user who prepared the run), ``other`` (anyone but the preparer: four eyes) or ``any``.
"""

from __future__ import annotations

from .models import PaymentRunStatus as S

PREPARE = "finance.add_paymentrun"
APPROVE = "finance.approve_paymentrun"

USER_TRANSITIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    S.CONCEPT: {
        "indienen": (S.SUBMITTED, PREPARE, "any"),
        "annuleren": (S.CANCELLED, PREPARE, "any"),
    },
    S.SUBMITTED: {
        "goedkeuren": (S.APPROVED, APPROVE, "other"),
        "afkeuren": (S.REJECTED, APPROVE, "other"),
        "terugtrekken": (S.CONCEPT, PREPARE, "preparer"),
    },
    S.APPROVED: {
        "betaald": (S.PAID, APPROVE, "any"),
    },
    S.PAID: {},
    S.REJECTED: {},
    S.CANCELLED: {},
}

#: Statuses whose lines are released (may go into a new run).
RELEASING = {S.REJECTED, S.CANCELLED}
#: Statuses in which the SEPA/CSV export may be downloaded.
EXPORTABLE = {S.APPROVED, S.PAID}


def allowed_actions(status: str) -> list[str]:
    return list(USER_TRANSITIONS.get(status, {}))
