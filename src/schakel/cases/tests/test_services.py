from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.cases import services
from schakel.cases.models import Case, CaseEvent, CaseStatus
from schakel.cases.workflow import TransitionNotAllowed
from schakel.core.models import ProcessingLogEntry

TODAY = date.today()


def test_melding_opens_one_case_with_one_regisseur_and_a_deadline(world, household):
    case = services.register_melding(
        world.regisseur,
        household=household,
        received_on=TODAY,
        channel="loket",
        laws=["wmo"],
        question="Hulp bij douchen",
        team=world.team,
    )
    assert case.regisseur == world.regisseur and case.status == CaseStatus.MELDING
    assert case.next_deadline == TODAY + timedelta(weeks=6) and case.next_deadline_kind == "onderzoek"
    again = services.register_melding(
        world.colleague,
        household=household,
        received_on=TODAY,
        channel="telefoon",
        laws=["jeugd"],
        question="Zorgen om zoon",
        team=world.team,
    )
    assert again.pk == case.pk and sorted(again.laws) == ["jeugd", "wmo"]
    assert Case.objects.filter(household=household).count() == 1
    assert ProcessingLogEntry.objects.filter(action="toevoegen").count() == 2 * household.memberships.count()


def test_melding_validation(world, household):
    with pytest.raises(ValidationError) as info:
        services.register_melding(
            world.regisseur,
            household=household,
            received_on=TODAY + timedelta(days=1),
            channel="loket",
            laws=[],
            question=" ",
            team=world.team,
        )
    assert "laws" in info.value.message_dict
    with pytest.raises(ValidationError):
        services.register_melding(
            world.regisseur,
            household=household,
            received_on=TODAY + timedelta(days=1),
            channel="loket",
            laws=["wmo"],
            question="x",
            team=world.team,
        )


def test_melding_needs_permission(world, household):
    with pytest.raises(PermissionDenied):
        services.register_melding(
            world.contractmanager,
            household=household,
            received_on=TODAY,
            channel="loket",
            laws=["wmo"],
            question="x",
            team=world.team,
        )


def test_whole_flow_melding_to_closure(world, open_case):
    user, case = world.regisseur, open_case
    services.start_onderzoek(user, case)
    services.record_onderzoek(user, case, findings={"huisvesting": "Trap is een probleem"}, complete=True)
    member = case.household.memberships.first().person
    goal = services.add_goal(
        user, case, life_domain="basale_adl", description="Zelfstandig douchen", person=member
    )
    services.add_action(user, goal, description="Douchestoel regelen", carrier="maatwerk")
    services.add_action(user, goal, description="Dochter helpt op zaterdag", carrier="netwerk")
    services.agree_plan(user, case, agreed_on=TODAY, method="handtekening")
    aanvraag = services.record_aanvraag(user, case, received_on=TODAY, law="wmo", description="Hulpmiddel")
    case.refresh_from_db()
    assert case.status == CaseStatus.AANVRAAG
    assert case.next_deadline == TODAY + timedelta(weeks=2) and case.next_deadline_kind == "beschikking"
    decision = services.record_decision(
        user,
        aanvraag,
        decided_on=TODAY,
        outcome="toegekend",
        motivation="Voldoet aan de verordening",
        products=[
            services.GrantedProduct(
                person=member, product_category="02", description="Douchestoel", start_date=TODAY
            )
        ],
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.BESCHIKT and case.next_deadline is None
    assert decision.bezwaar_deadline == TODAY + timedelta(weeks=6)
    services.change_status(user, case, CaseStatus.UITVOERING)
    services.record_evaluation(user, case, evaluated_on=TODAY, summary="Gaat goed", continue_support=False)
    services.change_status(user, case, CaseStatus.AFGESLOTEN, reason="Doelen bereikt")
    case.refresh_from_db()
    assert case.status == CaseStatus.AFGESLOTEN and case.closed_on == TODAY
    statuses = list(
        CaseEvent.objects.filter(case=case, kind="status").order_by("id").values_list("to_status", flat=True)
    )
    assert statuses == ["onderzoek", "aanvraag", "beschikt", "uitvoering", "evaluatie", "afgesloten"]
    timeline = services.timeline(case.household)
    assert timeline[0].to_status == "afgesloten"


def test_user_cannot_set_system_states_or_skip(world, open_case):
    with pytest.raises(TransitionNotAllowed):
        services.change_status(world.regisseur, open_case, CaseStatus.BESCHIKT)
    with pytest.raises(TransitionNotAllowed):
        services.change_status(world.regisseur, open_case, CaseStatus.EVALUATIE)
    with pytest.raises(ValidationError):
        services.change_status(world.regisseur, open_case, CaseStatus.AFGESLOTEN, reason="")


def test_plan_cannot_be_agreed_without_goals_and_execution_needs_agreement(world, open_case):
    services.start_onderzoek(world.regisseur, open_case)
    with pytest.raises(ValidationError):
        services.agree_plan(world.regisseur, open_case, agreed_on=TODAY, method="mondeling")
    with pytest.raises(ValidationError):
        services.change_status(world.regisseur, open_case, CaseStatus.UITVOERING)


def test_other_team_cannot_change_the_case(world, open_case):
    with pytest.raises(PermissionDenied):
        services.start_onderzoek(world.other_team_regisseur, open_case)
    with pytest.raises(PermissionDenied):
        services.start_onderzoek(world.foreign_regisseur, open_case)


def test_decision_needs_motivation_and_products(world, open_case):
    aanvraag = services.record_aanvraag(
        world.regisseur, open_case, received_on=TODAY, law="wmo", description="x"
    )
    with pytest.raises(ValidationError):
        services.record_decision(
            world.regisseur, aanvraag, decided_on=TODAY, outcome="toegekend", motivation=""
        )
    with pytest.raises(ValidationError):
        services.record_decision(
            world.regisseur, aanvraag, decided_on=TODAY, outcome="toegekend", motivation="ok"
        )
    refused = services.record_decision(
        world.regisseur,
        aanvraag,
        decided_on=TODAY,
        outcome="afgewezen",
        motivation="Voorliggende voorziening volstaat",
    )
    assert refused.products.count() == 0


def test_overdue_onderzoek_is_flagged(world, household):
    case = services.register_melding(
        world.regisseur,
        household=household,
        received_on=TODAY - timedelta(weeks=7),
        channel="loket",
        laws=["wmo"],
        question="x",
        team=world.team,
    )
    [deadline] = services.case_deadlines(case)
    assert deadline.flag == "verlopen" and deadline.source == "Wmo 2015 art. 2.3.2 lid 1"


def test_timeline_is_append_only(world, open_case):
    event = CaseEvent.objects.filter(case=open_case).first()
    event.summary = "gewijzigd"
    with pytest.raises(PermissionError):
        event.save()
