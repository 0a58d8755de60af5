"""Views of the finance app: budget overview, budgets and amendments, drill-down, alerts, payment runs,
cost-split rules."""

from .alerts import alert_handle, alerts
from .budgets import budget, budget_amend, budget_new, drilldown, overview
from .payments import costsplit, run, run_action, run_csv, run_sepa, runs

__all__ = [
    "alert_handle",
    "alerts",
    "budget",
    "budget_amend",
    "budget_new",
    "costsplit",
    "drilldown",
    "overview",
    "run",
    "run_action",
    "run_csv",
    "run_sepa",
    "runs",
]
