"""The public entry points of casusregie. Each function is one transaction and appends to the timeline.

Every change of a person's data is written to the processing log (activity ``casusregie-sociaal-domein``).
"""

from .deadlines import Deadline, case_deadlines, refresh_deadline
from .decisions import GrantedProduct, change_status, reassign, record_decision, record_evaluation, timeline
from .intake import record_aanvraag, record_onderzoek, register_melding, start_onderzoek
from .plan import add_action, add_goal, agree_plan, update_action, update_goal

__all__ = [
    "Deadline",
    "GrantedProduct",
    "add_action",
    "add_goal",
    "agree_plan",
    "case_deadlines",
    "change_status",
    "reassign",
    "record_aanvraag",
    "record_decision",
    "record_evaluation",
    "record_onderzoek",
    "refresh_deadline",
    "register_melding",
    "start_onderzoek",
    "timeline",
    "update_action",
    "update_goal",
]
