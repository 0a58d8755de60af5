"""Views of the case screens (work queue, melding wizard, workflow steps, plan editor)."""

from .household import household
from .melding import melding_new
from .plan import action_add, action_edit, goal_add, goal_edit, plan, plan_agree
from .steps import aanvraag, decision, evaluation, onderzoek, start_onderzoek, status
from .workqueue import workqueue

__all__ = [
    "aanvraag",
    "action_add",
    "action_edit",
    "decision",
    "evaluation",
    "goal_add",
    "goal_edit",
    "household",
    "melding_new",
    "onderzoek",
    "plan",
    "plan_agree",
    "start_onderzoek",
    "status",
    "workqueue",
]
