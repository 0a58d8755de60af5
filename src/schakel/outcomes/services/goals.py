"""Targets and attainment of plan goals (issue 3): a target score on the goal's domain, and the result
(bereikt / deels bereikt / niet bereikt, optional Goal Attainment Scale −2..+2, Kiresuk & Sherman 1968).

Recording attainment also sets ``cases.Goal.status`` through the cases service (one transaction).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.cases.models import Goal
from schakel.cases.services.plan import set_goal_status, update_goal

from ..models import GoalOutcome, Instrument, InstrumentDomain
from ..reference import ZRM_2017
from ._base import CHANGE_GOAL_OUTCOME, Act, log, require, require_visible

RESULTS = (Goal.Status.ACHIEVED, Goal.Status.PARTLY, Goal.Status.NOT_ACHIEVED)


def default_domain(goal: Goal) -> InstrumentDomain | None:
    """The ZRM 2017 domain of the goal's life domain (``core.vocab.LifeDomain``)."""
    return (
        InstrumentDomain.objects.filter(
            instrument__code=ZRM_2017[0], instrument__version=ZRM_2017[1], life_domain=goal.life_domain
        )
        .select_related("instrument")
        .first()
    )


def _outcome(goal: Goal) -> GoalOutcome:
    outcome = GoalOutcome.objects.filter(goal=goal).first()
    return outcome or GoalOutcome(goal=goal, gemeente_id=goal.plan.case.gemeente_id)


def _persons(goal: Goal) -> list:
    if goal.person_id:
        return [goal.person]
    return [m.person for m in goal.plan.case.household.memberships.select_related("person")]


@transaction.atomic
def set_goal_target(
    user,
    goal: Goal,
    *,
    target_score: int | None,
    domain: InstrumentDomain | None = None,
    target_date: date | None | object = ...,
) -> GoalOutcome:
    """A target ("virtual score") on the goal's domain; optionally change the goal's target date."""
    case = goal.plan.case
    require(user, CHANGE_GOAL_OUTCOME, case.gemeente_id)
    require_visible(user, case)
    domain = domain or default_domain(goal)
    if target_score is not None:
        if domain is None or domain.instrument.kind == Instrument.Kind.GOAL_ATTAINMENT:
            raise ValidationError({"target_domain": _("Kies het domein waarop de streefscore geldt.")})
        levels = list(domain.instrument.levels.values_list("value", flat=True))
        if target_score not in levels:
            raise ValidationError(
                {
                    "target_score": _("De streefscore valt buiten de schaal (%(lo)s–%(hi)s).")
                    % {"lo": min(levels), "hi": max(levels)}
                }
            )
    if target_date is not ... and target_date != goal.target_date:
        update_goal(
            user,
            goal,
            life_domain=goal.life_domain,
            description=goal.description,
            person=goal.person,
            target_date=target_date,
        )
    outcome = _outcome(goal)
    outcome.target_domain = domain if target_score is not None else None
    outcome.target_score = target_score
    outcome.save()
    log(user, _persons(goal), action=Act.UPDATE, operation="uitkomst.streefscore", categories=["plan"])
    return outcome


@transaction.atomic
def record_goal_attainment(
    user,
    goal: Goal,
    *,
    result: str,
    gas_score: int | None = None,
    assessed_on: date | None = None,
    today: date | None = None,
) -> GoalOutcome:
    """Record whether the goal was reached; sets the goal's status in the plan."""
    case = goal.plan.case
    require(user, CHANGE_GOAL_OUTCOME, case.gemeente_id)
    require_visible(user, case)
    today = today or timezone.localdate()
    assessed_on = assessed_on or today
    errors = {}
    if result not in RESULTS:
        errors["result"] = _("Kies of het doel bereikt, deels bereikt of niet bereikt is.")
    if gas_score is not None and not (-2 <= gas_score <= 2):
        errors["gas_score"] = _("De GAS-score ligt tussen −2 en +2.")
    if assessed_on > today:
        errors["assessed_on"] = _("De datum van de beoordeling ligt in de toekomst.")
    elif assessed_on < case.opened_on:
        errors["assessed_on"] = _("De datum van de beoordeling ligt vóór de start van de casus.")
    if errors:
        raise ValidationError(errors)
    set_goal_status(user, goal, result)
    outcome = _outcome(goal)
    outcome.result, outcome.gas_score = result, gas_score
    outcome.assessed_on, outcome.assessed_by = assessed_on, user
    outcome.save()
    log(user, _persons(goal), action=Act.UPDATE, operation="uitkomst.doelrealisatie", categories=["plan"])
    return outcome
