"""Shared checks of the outcome services: permissions in the object's municipality and the processing log."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from schakel.cases.models import Case
from schakel.core import processing_log
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry

#: Processing activity of this app (``outcomes/data/configuration.yaml``).
ACTIVITY = "uitkomstmeting-sociaal-domein"
ADD_MEASUREMENT = "outcomes.add_measurement"
VIEW_MEASUREMENT = "outcomes.view_measurement"
CHANGE_GOAL_OUTCOME = "outcomes.change_goaloutcome"
VIEW_AGGREGATES = "outcomes.view_outcome_aggregates"
#: Data categories of a measurement: ZRM domains include health (AVG art. 9) data.
CATEGORIES = ["uitkomstmeting", "zelfredzaamheid", "gezondheid"]
Act = ProcessingLogEntry.Action


def require(user, perm: str, gemeente_id: int) -> None:
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def require_visible(user, case: Case) -> None:
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))


def log(user, persons: Iterable, *, action: str, operation: str, categories=None) -> None:
    """One processing-log entry per person (activity ``uitkomstmeting-sociaal-domein``)."""
    subjects = [processing_log.Subject("persoon", p.pk, p.bsn, p.gemeente_id) for p in persons]
    if subjects:
        processing_log.record(
            user=user,
            action=action,
            operation=operation,
            activity_code=ACTIVITY,
            subjects=subjects,
            data_categories=list(categories or CATEGORIES),
        )
