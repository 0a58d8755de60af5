"""API: plans (agreement), goals and actions through the services, and decisions (read-only)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.api.tests.fixtures import *  # noqa: F403  (the API fixtures)
from schakel.api.tests.fixtures import API
from schakel.cases.models import Action, CaseEvent, Goal
from schakel.core.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db
TODAY = date.today()


def test_plan_shows_goals_with_actions_and_is_logged(api_client, full_case):
    response = api_client.get(f"{API}/plannen/{full_case.plan.pk}/")
    assert response.status_code == 200
    [goal] = response.json()["doelen"]
    assert goal["leefgebied"] == "huisvesting"
    assert goal["acties"][0]["uitvoerder"] == "maatwerk"
    assert ProcessingLogEntry.objects.filter(operation="api.plannen.inzien").count() == 4


def test_agreeing_the_plan(api_client, full_case):
    url = f"{API}/plannen/{full_case.plan.pk}/"
    response = api_client.put(
        url, {"akkoordOp": TODAY.isoformat(), "wijzeVanAkkoord": "digitaal"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["akkoordOp"] == TODAY.isoformat()
    future = api_client.put(
        url,
        {"akkoordOp": (TODAY + timedelta(days=1)).isoformat(), "wijzeVanAkkoord": "digitaal"},
        format="json",
    )
    assert future.json() == {"akkoordOp": ["Deze datum ligt in de toekomst."]}
    assert (
        api_client.put(
            url, {"akkoordOp": TODAY.isoformat(), "wijzeVanAkkoord": "knipoog"}, format="json"
        ).status_code
        == 400
    )
    assert api_client.delete(url).status_code == 405


def test_a_plan_without_goals_cannot_be_agreed(api_client, open_case):
    response = api_client.put(
        f"{API}/plannen/{open_case.plan.pk}/",
        {"akkoordOp": TODAY.isoformat(), "wijzeVanAkkoord": "mondeling"},
        format="json",
    )
    assert response.status_code == 400
    assert "zonder doelen" in response.json()["non_field_errors"][0]


def test_add_and_update_a_goal(api_client, open_case):
    person = open_case.household.memberships.first().person
    created = api_client.post(
        f"{API}/doelen/",
        {
            "plan": open_case.plan.pk,
            "leefgebied": "financien",
            "omschrijving": "Overzicht in de post",
            "persoon": person.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    goal_id = created.json()["id"]
    assert created.json()["voortgang"] == "open"
    patched = api_client.patch(f"{API}/doelen/{goal_id}/", {"voortgang": "bereikt"}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["voortgang"] == "bereikt"
    assert patched.json()["omschrijving"] == "Overzicht in de post"
    goal = Goal.objects.get(pk=goal_id)
    assert goal.person == person
    summaries = list(CaseEvent.objects.filter(case=open_case, kind="plan").values_list("summary", flat=True))
    assert any("Doel gewijzigd" in s for s in summaries)
    listed = api_client.get(f"{API}/doelen/", {"plan": open_case.plan.pk}).json()["results"]
    assert [g["id"] for g in listed] == [goal_id]


def test_goal_validation_messages_use_api_field_names(api_client, open_case):
    response = api_client.post(
        f"{API}/doelen/",
        {
            "plan": open_case.plan.pk,
            "leefgebied": "financien",
            "omschrijving": "x",
            "streefdatum": "2000-01-01",
        },
        format="json",
    )
    assert response.json() == {"streefdatum": ["De streefdatum ligt vóór de start van de casus."]}
    response = api_client.post(
        f"{API}/doelen/",
        {"plan": open_case.plan.pk, "leefgebied": "geluk", "omschrijving": "x"},
        format="json",
    )
    assert "leefgebied" in response.json()


def test_add_and_update_an_action(api_client, full_case):
    goal = Goal.objects.get(plan=full_case.plan)
    contact = full_case.household.memberships.first().person.network.first()
    created = api_client.post(
        f"{API}/acties/",
        {
            "doel": goal.pk,
            "omschrijving": "Boodschappen samen doen",
            "uitvoerder": "netwerk",
            "netwerkcontact": contact.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    action_id = created.json()["id"]
    done = api_client.patch(f"{API}/acties/{action_id}/", {"gedaan": True}, format="json")
    assert done.json()["gedaan"] is True
    assert done.json()["netwerkcontact"] == contact.pk
    assert Action.objects.get(pk=action_id).done
    put = api_client.put(
        f"{API}/acties/{action_id}/", {"omschrijving": "Anders", "uitvoerder": "wie"}, format="json"
    )
    assert "uitvoerder" in put.json()
    assert api_client.delete(f"{API}/acties/{action_id}/").status_code == 405


def test_goals_and_actions_of_another_team_are_invisible_and_unwritable(api_as, world, full_case):
    client = api_as(world.other_team_regisseur)
    goal = Goal.objects.get(plan=full_case.plan)
    assert client.get(f"{API}/doelen/").json()["results"] == []
    assert client.get(f"{API}/doelen/{goal.pk}/").status_code == 404
    assert client.get(f"{API}/plannen/{full_case.plan.pk}/").status_code == 404
    response = client.post(
        f"{API}/doelen/",
        {"plan": full_case.plan.pk, "leefgebied": "financien", "omschrijving": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "plan" in response.json()
    response = client.post(
        f"{API}/acties/", {"doel": goal.pk, "omschrijving": "x", "uitvoerder": "inwoner"}, format="json"
    )
    assert "doel" in response.json()
    assert Goal.objects.count() == 1


def test_decisions_list_filter_and_detail(api_client, full_case):
    decision = full_case.decisions.get()
    assert [
        d["id"] for d in api_client.get(f"{API}/beschikkingen/", {"uitkomst": "toegekend"}).json()["results"]
    ] == [decision.pk]
    assert api_client.get(f"{API}/beschikkingen/", {"uitkomst": "afgewezen"}).json()["results"] == []
    body = api_client.get(f"{API}/beschikkingen/{decision.pk}/").json()
    assert body["bezwaarMogelijkTot"] == decision.bezwaar_deadline.isoformat()
    assert ProcessingLogEntry.objects.filter(operation="api.beschikkingen.inzien").count() == 4
