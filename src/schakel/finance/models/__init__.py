"""Models of the finance app (issue 5): one integral social-domain budget, commitments, realisation,
payments on results.

All money is integer eurocent (``*_cents``, IV024 convention of the iStandaarden); history is appended,
never edited (:class:`BudgetAmendment`). See ``docs/financien.md``.
"""

from .budget import Budget, BudgetAlert, BudgetAmendment, BudgetKind, Earmark, EarmarkKind
from .ledger import ClaimIntakeLine, Commitment, CostSplitRule, PayableLine, ResultPaymentRule
from .payments import PaymentAccount, PaymentRun, PaymentRunLine, PaymentRunStatus

__all__ = [
    "Budget",
    "BudgetAlert",
    "BudgetAmendment",
    "BudgetKind",
    "ClaimIntakeLine",
    "Commitment",
    "CostSplitRule",
    "Earmark",
    "EarmarkKind",
    "PayableLine",
    "PaymentAccount",
    "PaymentRun",
    "PaymentRunLine",
    "PaymentRunStatus",
    "ResultPaymentRule",
]
