"""The finance app's one door: budgets, commitments, booking, forecast and alerts, payments, results.

Public functions (one transaction each; permissions checked in the owner's municipality):
"""

from .booking import (
    ClaimRecord,
    book_approved_declaration_lines,
    book_claim_lines,
    book_correction,
    book_lump_sum_instalments,
    split_cost,
)
from .budgets import EarmarkInput, amend_budget, create_budget, current_amounts, set_alert_margin
from .commitments import (
    recompute_commitments,
    refresh_commitment,
    refresh_lump_sums,
    refresh_regional_lump_sums,
)
from .forecast import Figures, evaluate_alerts, figures_for, handle_alert
from .interventions import book_intervention_cost
from .payments import prepare_run, run_csv, sepa_xml, set_payment_account, transition
from .results import Attainment, add_cost_split_rule, settle_result_area

__all__ = [
    "Attainment",
    "ClaimRecord",
    "EarmarkInput",
    "Figures",
    "add_cost_split_rule",
    "amend_budget",
    "book_approved_declaration_lines",
    "book_claim_lines",
    "book_correction",
    "book_intervention_cost",
    "book_lump_sum_instalments",
    "create_budget",
    "current_amounts",
    "evaluate_alerts",
    "figures_for",
    "handle_alert",
    "prepare_run",
    "recompute_commitments",
    "refresh_commitment",
    "refresh_lump_sums",
    "refresh_regional_lump_sums",
    "run_csv",
    "sepa_xml",
    "set_alert_margin",
    "set_payment_account",
    "settle_result_area",
    "split_cost",
    "transition",
]
