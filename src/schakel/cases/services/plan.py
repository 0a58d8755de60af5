"""The plan: goals per life domain, actions and who carries them, and the citizen's agreement."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schakel.core.vocab import LifeDomain
from schakel.people.models import Person

from ..models import (
    Action,
    Case,
    CaseEvent,
    Goal,
    Plan,
)
from ._base import CHANGE_CASE, Act, _event, _log_change, _not_in_future, _require, _require_visible


def _plan_for_change(user, case: Case) -> Plan:
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if not case.is_open:
        raise ValidationError(_("Een afgesloten casus kan niet meer worden gewijzigd."))
    return case.plan


def _validate_goal(
    plan: Plan, *, life_domain: str, description: str, person: Person | None, target_date
) -> None:
    if life_domain not in LifeDomain.values:
        raise ValidationError({"life_domain": _("Kies een leefgebied.")})
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf het doel.")})
    if person is not None and not plan.case.household.memberships.filter(person=person).exists():
        raise ValidationError({"person": _("Deze persoon hoort niet bij het huishouden.")})
    if target_date is not None and target_date < plan.case.opened_on:
        raise ValidationError({"target_date": _("De streefdatum ligt vóór de start van de casus.")})


@transaction.atomic
def add_goal(
    user,
    case: Case,
    *,
    life_domain: str,
    description: str,
    person: Person | None = None,
    target_date: date | None = None,
) -> Goal:
    plan = _plan_for_change(user, case)
    _validate_goal(
        plan, life_domain=life_domain, description=description, person=person, target_date=target_date
    )
    goal = Goal.objects.create(
        plan=plan,
        life_domain=life_domain,
        description=description.strip(),
        person=person,
        target_date=target_date,
        position=plan.goals.count(),
    )
    _event(
        case, CaseEvent.Kind.PLAN, _("Doel toegevoegd: %(d)s") % {"d": goal.get_life_domain_display()}, user
    )
    _log_change(user, case, Act.UPDATE, "plan.doel_toevoegen")
    return goal


@transaction.atomic
def update_goal(
    user,
    goal: Goal,
    *,
    life_domain: str,
    description: str,
    person: Person | None = None,
    target_date: date | None = None,
    status: str | None = None,
) -> Goal:
    case = goal.plan.case
    plan = _plan_for_change(user, case)
    _validate_goal(
        plan, life_domain=life_domain, description=description, person=person, target_date=target_date
    )
    if status is not None and status not in Goal.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    goal.life_domain, goal.description, goal.person, goal.target_date = (
        life_domain,
        description.strip(),
        person,
        target_date,
    )
    if status is not None:
        goal.status = status
    goal.save()
    _event(
        case, CaseEvent.Kind.PLAN, _("Doel gewijzigd: %(d)s") % {"d": goal.get_life_domain_display()}, user
    )
    _log_change(user, case, Act.UPDATE, "plan.doel_wijzigen")
    return goal


def _validate_action(case: Case, *, description: str, carrier: str, network_contact) -> None:
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf de actie.")})
    if carrier not in Action.Carrier.values:
        raise ValidationError({"carrier": _("Kies wie de actie uitvoert.")})
    if (
        network_contact is not None
        and not case.household.memberships.filter(person=network_contact.person).exists()
    ):
        raise ValidationError(
            {"network_contact": _("Dit contact hoort niet bij het netwerk van het huishouden.")}
        )


@transaction.atomic
def add_action(
    user,
    goal: Goal,
    *,
    description: str,
    carrier: str,
    carrier_name: str = "",
    network_contact=None,
    due_date: date | None = None,
) -> Action:
    case = goal.plan.case
    _plan_for_change(user, case)
    _validate_action(case, description=description, carrier=carrier, network_contact=network_contact)
    action = Action.objects.create(
        goal=goal,
        description=description.strip(),
        carrier=carrier,
        carrier_name=carrier_name.strip(),
        network_contact=network_contact,
        due_date=due_date,
    )
    _event(
        case, CaseEvent.Kind.PLAN, _("Actie toegevoegd (%(c)s)") % {"c": action.get_carrier_display()}, user
    )
    _log_change(user, case, Act.UPDATE, "plan.actie_toevoegen")
    return action


@transaction.atomic
def update_action(
    user,
    action: Action,
    *,
    description: str,
    carrier: str,
    carrier_name: str = "",
    network_contact=None,
    due_date: date | None = None,
    done: bool = False,
) -> Action:
    case = action.goal.plan.case
    _plan_for_change(user, case)
    _validate_action(case, description=description, carrier=carrier, network_contact=network_contact)
    action.description, action.carrier, action.carrier_name = (
        description.strip(),
        carrier,
        carrier_name.strip(),
    )
    action.network_contact, action.due_date, action.done = network_contact, due_date, done
    action.save()
    _event(case, CaseEvent.Kind.PLAN, _("Actie gewijzigd"), user)
    _log_change(user, case, Act.UPDATE, "plan.actie_wijzigen")
    return action


@transaction.atomic
def agree_plan(user, case: Case, *, agreed_on: date, method: str) -> Plan:
    """Record the citizen's agreement with the plan (S2: the plan is made *with* the citizen)."""
    plan = _plan_for_change(user, case)
    if method not in Plan.AgreementMethod.values:
        raise ValidationError({"agreement_method": _("Kies hoe de inwoner akkoord gaf.")})
    _not_in_future(agreed_on, "agreed_on")
    if not plan.goals.exists():
        raise ValidationError(_("Een plan zonder doelen kan niet worden vastgesteld."))
    plan.agreed_on, plan.agreement_method = agreed_on, method
    plan.save()
    _event(
        case,
        CaseEvent.Kind.PLAN,
        _("Plan vastgesteld met de inwoner (%(m)s)") % {"m": plan.get_agreement_method_display()},
        user,
    )
    _log_change(user, case, Act.UPDATE, "plan.akkoord")
    return plan


@transaction.atomic
def set_goal_status(user, goal: Goal, status: str) -> Goal:
    """Set a goal's status (e.g. from the outcome app's goal attainment); the plan's history keeps the goal."""
    case = goal.plan.case
    _plan_for_change(user, case)
    if status not in Goal.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    goal.status = status
    goal.save(update_fields=["status"])
    _event(
        case,
        CaseEvent.Kind.PLAN,
        _("Doel %(d)s: %(s)s") % {"d": goal.get_life_domain_display(), "s": goal.get_status_display()},
        user,
    )
    _log_change(user, case, Act.UPDATE, "plan.doel_status")
    return goal
