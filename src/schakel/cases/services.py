"""The public entry points of casusregie. Each function is one transaction and appends to the timeline.

Every change of a person's data is written to the processing log (activity ``casusregie-sociaal-domein``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core import activities, processing_log
from schakel.core import deadlines as deadline_service
from schakel.core.access import policy_for
from schakel.core.models import ProcessingLogEntry, Team
from schakel.core.vocab import Law, LifeDomain
from schakel.people.models import Household, Person

from . import workflow
from .models import (
    Aanvraag,
    Action,
    Case,
    CaseEvent,
    CaseStatus,
    Decision,
    DecisionProduct,
    Evaluation,
    Goal,
    Melding,
    Onderzoek,
    Plan,
)

CHANGE_CASE = "cases.change_case"
ADD_CASE = "cases.add_case"
Act = ProcessingLogEntry.Action


# --------------------------------------------------------------------------- helpers


def _require(user, perm: str, case_or_gemeente_id) -> None:
    gemeente_id = getattr(case_or_gemeente_id, "gemeente_id", case_or_gemeente_id)
    if not policy_for(user).has_perm(perm, gemeente_id):
        raise PermissionDenied(_("U heeft geen recht op deze handeling."))


def _require_visible(user, case: Case) -> None:
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("Deze casus valt buiten uw werkvoorraad."))


def _event(
    case: Case,
    kind: str,
    summary: str,
    user,
    *,
    from_status: str = "",
    to_status: str = "",
    at: datetime | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        household_id=case.household_id,
        case=case,
        kind=kind,
        summary=summary[:300],
        actor=user,
        from_status=from_status,
        to_status=to_status,
        occurred_at=at or timezone.now(),
    )


def _log_change(
    user, case: Case, action: str, operation: str, persons: Iterable[Person] | None = None
) -> None:
    members = (
        list(persons)
        if persons is not None
        else list(Person.objects.filter(household_memberships__household_id=case.household_id))
    )
    processing_log.record(
        user=user,
        action=action,
        operation=operation,
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", p.pk, p.bsn, case.gemeente_id) for p in members],
        data_categories=["casusgegevens"],
    )


def _validate_laws(laws: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(laws))
    if not values:
        raise ValidationError(
            {"laws": _("Kies minstens één wet of terrein waarop de hulpvraag betrekking heeft.")}
        )
    unknown = [law for law in values if law not in Law.values]
    if unknown:
        raise ValidationError({"laws": _("Onbekende wet: %(law)s") % {"law": ", ".join(unknown)}})
    return values


def _not_in_future(value: date, field: str, today: date | None = None) -> None:
    if value > (today or timezone.localdate()):
        raise ValidationError({field: _("Deze datum ligt in de toekomst.")})


def _set_status(case: Case, target: str, user, *, by_system: bool, summary: str = "") -> None:
    workflow.check(case.status, target, by_system=by_system)
    previous = case.status
    case.status = target
    if target == CaseStatus.AFGESLOTEN:
        case.closed_on = timezone.localdate()
    refresh_deadline(case, save=False)
    case.save()
    _event(
        case,
        CaseEvent.Kind.STATUS,
        summary or _("Status: %(s)s") % {"s": CaseStatus(target).label},
        user,
        from_status=previous,
        to_status=target,
    )


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: date
    source: str
    met: bool
    flag: str


def case_deadlines(case: Case, today: date | None = None) -> list[Deadline]:
    """The legal deadlines of a case (onderzoek, beschikking per aanvraag, bezwaar per decision)."""
    today = today or timezone.localdate()
    result: list[Deadline] = []
    meldingen = list(case.meldingen.all())
    onderzoek = getattr(case, "onderzoek", None) if hasattr(case, "onderzoek") else None
    aanvragen = list(case.aanvragen.all())
    decisions = list(case.decisions.all())
    if meldingen:
        first = meldingen[0]
        for law in first.laws:
            term = deadline_service.term(deadline_service.Kind.ONDERZOEK, law)
            if term is None:
                continue
            met = (
                bool(aanvragen)
                or bool(onderzoek and onderzoek.completed_on)
                or case.status == CaseStatus.AFGESLOTEN
            )
            due = term.due(first.received_on)
            result.append(
                Deadline(
                    "onderzoek",
                    _("Onderzoek afronden"),
                    due,
                    term.source,
                    met,
                    deadline_service.flag(due, today, met=met),
                )
            )
    decided = {d.aanvraag_id for d in decisions}
    for aanvraag in aanvragen:
        term = deadline_service.term(deadline_service.Kind.BESCHIKKING, aanvraag.law)
        if term is None:
            continue
        met = aanvraag.pk in decided or case.status == CaseStatus.AFGESLOTEN
        due = term.due(aanvraag.received_on)
        result.append(
            Deadline(
                "beschikking",
                _("Beschikking afgeven"),
                due,
                term.source,
                met,
                deadline_service.flag(due, today, met=met),
            )
        )
    for decision in decisions:
        result.append(
            Deadline(
                "bezwaar",
                _("Bezwaartermijn inwoner"),
                decision.bezwaar_deadline,
                "Awb art. 6:7",
                True,
                deadline_service.Flag.NONE,
            )
        )
    return result


def refresh_deadline(case: Case, *, save: bool = True) -> None:
    """Store the earliest open legal deadline on the case, for the work queue (indexed)."""
    open_deadlines = [d for d in case_deadlines(case) if not d.met] if case.pk else []
    first = min(open_deadlines, key=lambda d: d.due, default=None)
    case.next_deadline = first.due if first else None
    case.next_deadline_kind = first.kind if first else ""
    if save:
        case.save(update_fields=["next_deadline", "next_deadline_kind", "updated_at"])


# --------------------------------------------------------------------------- melding and onderzoek


@transaction.atomic
def register_melding(
    user,
    *,
    household: Household,
    received_on: date,
    channel: str,
    laws: Iterable[str],
    question: str,
    team: Team,
    regisseur=None,
    person: Person | None = None,
) -> Case:
    """Register a melding. Opens the household's case, or adds the melding to its open case."""
    _require(user, ADD_CASE, household.gemeente_id)
    laws = _validate_laws(laws)
    _not_in_future(received_on, "received_on")
    if channel not in Melding.Channel.values:
        raise ValidationError({"channel": _("Kies hoe de melding binnenkwam.")})
    if not question.strip():
        raise ValidationError({"question": _("Beschrijf de hulpvraag.")})
    if team.gemeente_id != household.gemeente_id:
        raise ValidationError({"team": _("Het team hoort niet bij de gemeente van dit huishouden.")})
    if person is not None and not household.memberships.filter(person=person).exists():
        raise ValidationError({"person": _("Deze persoon hoort niet bij het huishouden.")})
    case = (
        Case.objects.select_for_update()
        .filter(household=household)
        .exclude(status=CaseStatus.AFGESLOTEN)
        .first()
    )
    if case is None:
        case = Case.objects.create(
            gemeente_id=household.gemeente_id,
            household=household,
            person=person,
            regisseur=regisseur or user,
            team=team,
            status=CaseStatus.MELDING,
            laws=laws,
            opened_on=received_on,
        )
        Plan.objects.create(case=case)
    else:
        _require_visible(user, case)
        case.laws = sorted(set(case.laws) | set(laws))
        case.save(update_fields=["laws", "updated_at"])
    Melding.objects.create(
        case=case, received_on=received_on, channel=channel, laws=laws, question=question.strip()
    )
    labels = ", ".join(str(Law(law).label) for law in laws)
    _event(case, CaseEvent.Kind.MELDING, _("Melding ontvangen (%(laws)s)") % {"laws": labels}, user)
    refresh_deadline(case)
    _log_change(user, case, Act.CREATE, "melding.registreren")
    return case


@transaction.atomic
def start_onderzoek(user, case: Case, *, started_on: date | None = None) -> Onderzoek:
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    started_on = started_on or timezone.localdate()
    _set_status(case, CaseStatus.ONDERZOEK, user, by_system=False, summary=_("Onderzoek gestart"))
    onderzoek, _created = Onderzoek.objects.get_or_create(case=case, defaults={"started_on": started_on})
    _log_change(user, case, Act.UPDATE, "onderzoek.starten")
    return onderzoek


@transaction.atomic
def record_onderzoek(
    user,
    case: Case,
    *,
    findings: dict[str, str],
    own_strength: str = "",
    summary: str = "",
    complete: bool = False,
) -> Onderzoek:
    """Record the conversation report per life domain (Wmo 2015 art. 2.3.2 lid 4)."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    if case.status != CaseStatus.ONDERZOEK:
        raise ValidationError(
            _("Het onderzoek kan alleen worden vastgelegd zolang de casus in onderzoek is.")
        )
    unknown = [key for key in findings if key not in LifeDomain.values]
    if unknown:
        raise ValidationError({"findings": _("Onbekend leefgebied: %(d)s") % {"d": ", ".join(unknown)}})
    onderzoek, _created = Onderzoek.objects.get_or_create(case=case, defaults={"started_on": case.opened_on})
    onderzoek.findings = {k: v.strip() for k, v in findings.items() if v and v.strip()}
    onderzoek.own_strength = own_strength
    onderzoek.summary = summary
    if complete:
        if not onderzoek.findings:
            raise ValidationError({"findings": _("Leg voor minstens één leefgebied de bevindingen vast.")})
        onderzoek.completed_on = timezone.localdate()
    onderzoek.save()
    _event(
        case,
        CaseEvent.Kind.ONDERZOEK,
        _("Onderzoek afgerond") if complete else _("Gespreksverslag bijgewerkt"),
        user,
    )
    refresh_deadline(case)
    _log_change(user, case, Act.UPDATE, "onderzoek.vastleggen")
    return onderzoek


@transaction.atomic
def record_aanvraag(
    user, case: Case, *, received_on: date, law: str, description: str, signed_report: bool = False
) -> Aanvraag:
    """An aanvraag starts the decision term (Wmo 2015 art. 2.3.5 lid 2; Awb art. 4:13)."""
    _require(user, CHANGE_CASE, case)
    _require_visible(user, case)
    _validate_laws([law])
    _not_in_future(received_on, "received_on")
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er wordt aangevraagd.")})
    aanvraag = Aanvraag.objects.create(
        case=case,
        received_on=received_on,
        law=law,
        description=description.strip(),
        signed_report=signed_report,
    )
    if case.status != CaseStatus.AANVRAAG:
        _set_status(case, CaseStatus.AANVRAAG, user, by_system=True, summary=_("Aanvraag ontvangen"))
    else:
        _event(case, CaseEvent.Kind.AANVRAAG, _("Aanvraag ontvangen"), user)
        refresh_deadline(case)
    _log_change(user, case, Act.CREATE, "aanvraag.registreren")
    return aanvraag


# --------------------------------------------------------------------------- plan


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


# --------------------------------------------------------------------------- decision, evaluation, status


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
