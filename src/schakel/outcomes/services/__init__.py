"""The public entry points of the outcomes app (issue 3). Each changing function is one transaction,
checks the permission in the object's municipality and writes the processing log
(activity ``uitkomstmeting-sociaal-domein``).
"""

from .aggregates import DIMENSIONS, DomainChange, GoalShare, domain_changes, goal_attainment, per_case_loop
from .evaluation import DEFAULT_INTERVAL_MONTHS, evaluation_due_q, intervals, months_before
from .goals import default_domain, record_goal_attainment, set_goal_target
from .measurements import ScoreInput, measurements_of, record_measurement, validate_header

__all__ = [
    "DEFAULT_INTERVAL_MONTHS",
    "DIMENSIONS",
    "DomainChange",
    "GoalShare",
    "ScoreInput",
    "default_domain",
    "domain_changes",
    "evaluation_due_q",
    "goal_attainment",
    "intervals",
    "measurements_of",
    "months_before",
    "per_case_loop",
    "record_goal_attainment",
    "record_measurement",
    "set_goal_target",
    "validate_header",
]
