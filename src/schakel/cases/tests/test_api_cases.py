"""API: cases (list filters, detail, registering a melding) and their POST sub-actions through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.api.tests.fixtures import *  # noqa: F403  (the API fixtures)
from schakel.api.tests.fixtures import API
from schakel.cases import services
from schakel.cases.models import Case, CaseEvent
from schakel.core.models import ProcessingLogEntry
from schakel.testing.factories import household_with_members

pytestmark = pytest.mark.django_db
TODAY = date.today()


def make_case(world, *, regisseur=None, team=None, received_on=None, laws=("wmo",)):
    household = household_with_members(world.gemeente, adults=1, children=0)
    return services.register_melding(
        regisseur or world.regisseur,
        household=household,
        received_on=received_on or TODAY,
        channel="loket",
        laws=list(laws),
        question="Vraag",
        team=team or world.team,
    )


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_case_list_is_my_work_and_is_logged_per_household_member(api_client, world, open_case):
    mine = make_case(world, laws=["jeugd"])
    other_team = make_case(world, regisseur=world.other_team_regisseur, team=world.other_team)
    response = api_client.get(f"{API}/casussen/")
    assert ids(response) == {open_case.pk, mine.pk}
    assert other_team.pk not in ids(response)
    logged = ProcessingLogEntry.objects.filter(operation="api.casussen.lijst")
    assert logged.count() == 4 + 1
    assert set(logged.values_list("object_type", flat=True)) == {"persoon"}


def test_case_list_filters(api_client, world, open_case):
    colleague_case = make_case(world, regisseur=world.colleague, laws=["jeugd", "participatie"])
    overdue = make_case(world, received_on=TODAY - timedelta(weeks=7))
    assert ids(api_client.get(f"{API}/casussen/", {"wet": "jeugd"})) == {colleague_case.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"wet": "wmo"})) == {open_case.pk, overdue.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"mijn": "true"})) == {open_case.pk, overdue.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"mijn": "false"})) == {colleague_case.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"termijn": "verlopen"})) == {overdue.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"termijn": "op_tijd"})) == {open_case.pk}
    assert ids(api_client.get(f"{API}/casussen/", {"team": world.other_team.pk})) == set()
    assert ids(api_client.get(f"{API}/casussen/", {"team": world.team.pk})) == {
        open_case.pk,
        overdue.pk,
        colleague_case.pk,
    }
    services.start_onderzoek(world.regisseur, open_case)
    assert ids(api_client.get(f"{API}/casussen/", {"status": "onderzoek"})) == {open_case.pk}
    listed = api_client.get(f"{API}/casussen/", {"termijn": "verlopen"}).json()["results"][0]
    assert listed["termijnsignaal"] == "verlopen"


@pytest.mark.parametrize(
    "query",
    [{"status": "bestaat_niet"}, {"team": "abc"}, {"termijn": "ooit"}, {"team": "99999999999999999999"}],
)
def test_bad_filters_are_400(api_client, world, query):
    assert api_client.get(f"{API}/casussen/", query).status_code == 400


def test_case_detail_has_the_whole_story_and_deadlines(api_client, full_case):
    response = api_client.get(f"{API}/casussen/{full_case.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "beschikt"
    assert body["meldingen"][0]["kanaal"] == "telefoon"
    assert body["onderzoek"]["bevindingen"] == {"huisvesting": "Trap is een probleem"}
    assert body["aanvragen"][0]["wet"] == "wmo"
    [decision] = body["beschikkingen"]
    assert decision["uitkomst"] == "toegekend"
    assert decision["producten"][0]["omschrijving"] == "Traplift"
    kinds = {d["soort"]: d for d in body["termijnen"]}
    assert kinds["onderzoek"]["bron"] == "Wmo 2015 art. 2.3.2 lid 1"
    assert kinds["beschikking"]["voldaan"] is True
    assert kinds["bezwaar"]["uiterlijk"] == (TODAY + timedelta(weeks=6)).isoformat()
    assert body["plan"] == full_case.plan.pk
    assert body["toegestaneStatussen"] == ["afgesloten", "uitvoering"]
    assert ProcessingLogEntry.objects.filter(operation="api.casussen.inzien").count() == 4


def test_register_a_melding_for_a_household_in_my_work(api_client, world, open_case):
    body = {
        "huishouden": open_case.household_id,
        "ontvangenOp": TODAY.isoformat(),
        "kanaal": "email",
        "wetten": ["jeugd"],
        "hulpvraag": "Zorgen over de kinderen",
        "team": world.team.pk,
    }
    response = api_client.post(f"{API}/casussen/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["id"] == open_case.pk
    assert response.json()["wetten"] == ["jeugd", "wmo"]
    assert len(response.json()["meldingen"]) == 2
    assert ProcessingLogEntry.objects.filter(operation="melding.registreren", channel="api").count() == 4


def test_register_a_melding_validation(api_client, world, open_case):
    other = household_with_members(world.gemeente)
    body = {
        "huishouden": other.pk,
        "ontvangenOp": (TODAY + timedelta(days=3)).isoformat(),
        "kanaal": "duif",
        "wetten": ["onbekend"],
        "hulpvraag": "",
        "team": world.team.pk,
    }
    errors = api_client.post(f"{API}/casussen/", body, format="json").json()
    assert set(errors) == {"huishouden", "kanaal", "wetten", "hulpvraag"}
    body.update(huishouden=open_case.household_id, kanaal="email", wetten=["wmo"], hulpvraag="Vraag")
    response = api_client.post(f"{API}/casussen/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"ontvangenOp": ["Deze datum ligt in de toekomst."]}
    response = api_client.post(f"{API}/casussen/", {**body, "ontvangenOp": "gisteren"}, format="json")
    assert "ontvangenOp" in response.json()
    response = api_client.post(
        f"{API}/casussen/", {**body, "ontvangenOp": TODAY.isoformat(), "wetten": []}, format="json"
    )
    assert "minstens één wet" in response.json()["wetten"][0]


def test_the_flow_through_sub_actions(api_client, world, open_case):
    url = f"{API}/casussen/{open_case.pk}"
    started = api_client.post(f"{url}/onderzoek/", {}, format="json")
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "onderzoek"
    report = api_client.post(
        f"{url}/gespreksverslag/", {"bevindingen": {"financien": "Schulden"}, "afronden": True}, format="json"
    )
    assert report.json()["onderzoek"]["afgerondOp"] == TODAY.isoformat()
    aanvraag = api_client.post(
        f"{url}/aanvragen/",
        {"ontvangenOp": TODAY.isoformat(), "wet": "schuldhulp", "omschrijving": "Schuldhulp"},
        format="json",
    )
    assert aanvraag.status_code == 201
    assert aanvraag.json()["status"] == "aanvraag"
    aanvraag_id = aanvraag.json()["aanvragen"][0]["id"]
    person_id = open_case.household.memberships.first().person_id
    decision = api_client.post(
        f"{url}/beschikkingen/",
        {
            "aanvraag": aanvraag_id,
            "besluitdatum": TODAY.isoformat(),
            "uitkomst": "toegekend",
            "motivering": "Voldoet",
            "producten": [
                {
                    "persoon": person_id,
                    "productcategorie": "10",
                    "omschrijving": "Schuldregeling",
                    "ingangsdatum": TODAY.isoformat(),
                }
            ],
        },
        format="json",
    )
    assert decision.status_code == 201, decision.json()
    assert decision.json()["status"] == "beschikt"
    plan = open_case.plan
    services.add_goal(world.regisseur, open_case, life_domain="financien", description="Schuldenvrij")
    services.agree_plan(world.regisseur, open_case, agreed_on=TODAY, method="mondeling")
    assert (
        api_client.post(f"{url}/status/", {"status": "uitvoering"}, format="json").json()["status"]
        == "uitvoering"
    )
    evaluation = api_client.post(
        f"{url}/evaluaties/",
        {"evaluatiedatum": TODAY.isoformat(), "bevindingen": "Gaat goed", "ondersteuningLooptDoor": True},
        format="json",
    )
    assert evaluation.status_code == 201
    assert evaluation.json()["status"] == "evaluatie"
    closed = api_client.post(
        f"{url}/status/", {"status": "afgesloten", "reden": "Doelen bereikt"}, format="json"
    )
    assert closed.json()["geslotenOp"] == TODAY.isoformat()
    assert plan.pk == closed.json()["plan"]
    kinds = list(CaseEvent.objects.filter(case=open_case).values_list("kind", flat=True))
    assert kinds.count("status") >= 5


def test_status_changes_outside_the_table_are_400(api_client, open_case):
    url = f"{API}/casussen/{open_case.pk}/status/"
    response = api_client.post(url, {"status": "evaluatie"}, format="json")
    assert response.status_code == 400
    assert "geen toegestane statuswijziging" in response.json()["status"][0]
    assert api_client.post(url, {"status": "beschikt"}, format="json").status_code == 400
    assert api_client.post(url, {"status": "vliegend"}, format="json").status_code == 400
    closing = api_client.post(url, {"status": "afgesloten"}, format="json")
    assert closing.json() == {"reden": ["Geef een reden voor het afsluiten."]}
    Case.objects.get(pk=open_case.pk).status == "melding"


def test_decision_needs_an_aanvraag_of_this_case_and_a_motivation(api_client, world, full_case):
    other = make_case(world)
    services.start_onderzoek(world.regisseur, other)
    foreign_aanvraag = services.record_aanvraag(
        world.regisseur, other, received_on=TODAY, law="wmo", description="x"
    )
    url = f"{API}/casussen/{full_case.pk}/beschikkingen/"
    response = api_client.post(
        url,
        {
            "aanvraag": foreign_aanvraag.pk,
            "besluitdatum": TODAY.isoformat(),
            "uitkomst": "afgewezen",
            "motivering": "x",
        },
        format="json",
    )
    assert "aanvraag" in response.json()
    aanvraag = full_case.aanvragen.first()
    response = api_client.post(
        url,
        {
            "aanvraag": aanvraag.pk,
            "besluitdatum": (TODAY - timedelta(days=30)).isoformat(),
            "uitkomst": "afgewezen",
            "motivering": "Geen grond",
        },
        format="json",
    )
    assert response.json() == {"besluitdatum": ["Het besluit kan niet vóór de aanvraag liggen."]}


def test_writes_on_a_case_outside_my_work_are_404_and_change_nothing(api_as, world, open_case):
    client = api_as(world.other_team_regisseur)
    response = client.post(f"{API}/casussen/{open_case.pk}/onderzoek/", {}, format="json")
    assert response.status_code == 404
    open_case.refresh_from_db()
    assert open_case.status == "melding"


def test_teamleider_sees_team_cases_but_privacy_officer_gets_403(api_as, world, open_case):
    assert ids(api_as(world.teamleider).get(f"{API}/casussen/")) == {open_case.pk}
    assert api_as(world.privacy_officer).get(f"{API}/casussen/").status_code == 403


def test_case_list_json_equals_the_case_serializer(api_client, world, open_case):
    """The lean list (``case_list``) answers exactly what ``CaseSerializer`` would (openapi.yaml unchanged)."""
    from schakel.cases.api.serializers import CaseSerializer

    closed = make_case(world, regisseur=world.colleague, laws=["jeugd", "participatie"])
    Case.objects.filter(pk=closed.pk).update(status="afgesloten", closed_on=TODAY, next_deadline=None)
    world.colleague.first_name, world.colleague.last_name = "", ""
    world.colleague.save()
    response = api_client.get(f"{API}/casussen/")
    assert response.status_code == 200, response.content
    expected = CaseSerializer(
        Case.objects.visible_to(world.regisseur).order_by("-opened_on", "-id"), many=True
    ).data
    assert response.json()["results"] == [dict(item) for item in expected]
    assert {item["id"] for item in response.json()["results"]} >= {open_case.pk, closed.pk}
