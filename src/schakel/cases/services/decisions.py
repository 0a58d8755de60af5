"""Beschikking, evaluation, status changes, hand-over and the household timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schakel.core import deadlines as deadline_service
from schakel.core.access import policy_for
from schakel.core.models import Team
from schakel.people.models import Household, Person

from .. import workflow
from ..models import (
    Aanvraag,
    Case,
    CaseEvent,
    CaseStatus,
    Decision,
    DecisionProduct,
    Evaluation,
)
from ._base import (
    CHANGE_CASE,
    Act,
    _event,
    _log_change,
    _not_in_future,
    _require,
    _require_visible,
    _set_status,
)
from .deadlines import refresh_deadline


@dataclass(frozen=True)
class GrantedProduct:
    person: Person
    product_category: str
    description: str
    start_date: date
    end_date: date | None = None
    product_code: str = ""
    volume: int | None = None
    unit: str = ""
    frequency: str = ""


@transaction.atomic
def record_decision(
    user,
    aanvraag: Aanvraag,
    *,
    decided_on: date,
    outcome: str,
    motivation: str,
    products: Iterable[GrantedProduct] = (),
) -> Decision:
    """Record a beschikking on an aanvraag; the bezwaar term (Awb art. 6:7) is computed."""
    case = aanvraag.case
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if outcome not in Decision.Outcome.values:
        raise ValidationError({"outcome": _("Kies de uitkomst van het besluit.")})
    if decided_on < aanvraag.received_on:
        raise ValidationError({"decided_on": _("Het besluit kan niet vóór de aanvraag liggen.")})
    _not_in_future(decided_on, "decided_on")
    if not motivation.strip():
        raise ValidationError({"motivation": _("Een beschikking moet gemotiveerd zijn (Awb art. 3:46).")})
    products = list(products)
    if outcome != Decision.Outcome.REFUSED and not products:
        raise ValidationError({"products": _("Een toekenning vermeldt minstens één product.")})
    members = set(case.household.memberships.values_list("person_id", flat=True))
    for product in products:
        if product.person.pk not in members:
            raise ValidationError(
                {"products": _("Een product is toegekend aan iemand buiten het huishouden.")}
            )
        if product.end_date and product.end_date < product.start_date:
            raise ValidationError({"products": _("De einddatum ligt vóór de ingangsdatum.")})
    bezwaar = deadline_service.due_date(deadline_service.Kind.BEZWAAR, aanvraag.law, decided_on)
    decision = Decision.objects.create(
        case=case,
        aanvraag=aanvraag,
        law=aanvraag.law,
        decided_on=decided_on,
        outcome=outcome,
        motivation=motivation.strip(),
        bezwaar_deadline=bezwaar,
        decided_by=user,
    )
    DecisionProduct.objects.bulk_create(
        DecisionProduct(
            decision=decision,
            person=p.person,
            product_category=p.product_category,
            product_code=p.product_code,
            description=p.description,
            start_date=p.start_date,
            end_date=p.end_date,
            volume=p.volume,
            unit=p.unit,
            frequency=p.frequency,
        )
        for p in products
    )
    _event(
        case, CaseEvent.Kind.DECISION, _("Beschikking: %(o)s") % {"o": decision.get_outcome_display()}, user
    )
    open_aanvragen = case.aanvragen.exclude(decisions__isnull=False).exists()
    if case.status == CaseStatus.AANVRAAG and not open_aanvragen:
        _set_status(
            case, CaseStatus.BESCHIKT, user, by_system=True, summary=_("Alle aanvragen zijn beschikt")
        )
    else:
        refresh_deadline(case)
    _log_change(user, case, Act.CREATE, "beschikking.vastleggen")
    return decision


@transaction.atomic
def record_evaluation(
    user, case: Case, *, evaluated_on: date, summary: str, continue_support: bool
) -> Evaluation:
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    _not_in_future(evaluated_on, "evaluated_on")
    if not summary.strip():
        raise ValidationError({"summary": _("Beschrijf de bevindingen van de evaluatie.")})
    if case.status != CaseStatus.EVALUATIE:
        _set_status(case, CaseStatus.EVALUATIE, user, by_system=False, summary=_("Evaluatie gestart"))
    evaluation = Evaluation.objects.create(
        case=case, evaluated_on=evaluated_on, summary=summary.strip(), continue_support=continue_support
    )
    _event(case, CaseEvent.Kind.EVALUATION, _("Evaluatie vastgelegd"), user)
    _log_change(user, case, Act.CREATE, "evaluatie.vastleggen")
    return evaluation


@transaction.atomic
def change_status(user, case: Case, target: str, *, reason: str = "") -> Case:
    """A user-chosen status change, checked against :data:`workflow.USER_TRANSITIONS`."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if target in workflow.SYSTEM_ONLY_STATES:
        raise workflow.TransitionNotAllowed(_("Deze status wordt alleen door het systeem gezet."))
    if target == CaseStatus.UITVOERING and not case.plan.is_agreed:
        raise ValidationError(_("Stel eerst het plan vast met de inwoner."))
    if target == CaseStatus.AFGESLOTEN and not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor het afsluiten.")})
    summary = str(CaseStatus(target).label) + (f": {reason.strip()}" if reason.strip() else "")
    _set_status(case, target, user, by_system=False, summary=summary)
    _log_change(user, case, Act.UPDATE, "casus.status")
    return case


@transaction.atomic
def reassign(user, case: Case, *, regisseur, team: Team) -> Case:
    """Hand the case to another regisseur (one regisseur at a time)."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if team.gemeente_id != case.gemeente_id:
        raise ValidationError({"team": _("Het team hoort niet bij de gemeente van de casus.")})
    if not policy_for(regisseur).has_perm(CHANGE_CASE, case.gemeente_id):
        raise ValidationError(
            {"regisseur": _("Deze medewerker kan geen casussen behandelen in deze gemeente.")}
        )
    case.regisseur, case.team = regisseur, team
    case.save(update_fields=["regisseur", "team", "updated_at"])
    _event(case, CaseEvent.Kind.REGISSEUR, _("Regisseur: %(r)s") % {"r": regisseur}, user)
    _log_change(user, case, Act.UPDATE, "casus.regisseur")
    return case


def timeline(household: Household, limit: int = 200):
    """The household's timeline across all its cases: one indexed query."""
    return list(
        CaseEvent.objects.filter(household=household)
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
