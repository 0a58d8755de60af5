"""Every API route × roles: allowed or denied, without leaking existence; reads always logged (issue 2 §8)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from schakel.cases.models import Goal
from schakel.core.models import ProcessingLogEntry

from .fixtures import API

pytestmark = pytest.mark.django_db


def read_routes(case):
    goal = Goal.objects.get(plan=case.plan)
    person_id = case.household.memberships.first().person_id
    return {
        "personen": (f"{API}/personen/", f"{API}/personen/{person_id}/"),
        "huishoudens": (f"{API}/huishoudens/", f"{API}/huishoudens/{case.household_id}/"),
        "casussen": (f"{API}/casussen/", f"{API}/casussen/{case.pk}/"),
        "plannen": (None, f"{API}/plannen/{case.plan.pk}/"),
        "doelen": (f"{API}/doelen/", f"{API}/doelen/{goal.pk}/"),
        "acties": (f"{API}/acties/", f"{API}/acties/{goal.actions.get().pk}/"),
        "beschikkingen": (f"{API}/beschikkingen/", f"{API}/beschikkingen/{case.decisions.get().pk}/"),
    }


def test_every_read_endpoint_returns_data_to_the_regisseur_and_logs_every_person(api_client, full_case):
    members = full_case.household.memberships.count()
    for name, (list_url, detail_url) in read_routes(full_case).items():
        for url, suffix in ((list_url, "lijst"), (detail_url, "inzien")):
            if url is None:
                continue
            response = api_client.get(url)
            assert response.status_code == 200, url
            logged = ProcessingLogEntry.objects.filter(operation=f"api.{name}.{suffix}")
            expected = 1 if url == detail_url and name == "personen" else members
            assert logged.count() == expected, url
            assert all(e.processing_activity_id and e.subject_hash for e in logged), url


@pytest.mark.parametrize("who", ["other_team_regisseur", "foreign_regisseur"])
def test_other_team_and_other_municipality_see_nothing(api_as, world, full_case, who):
    client = api_as(getattr(world, who))
    for list_url, detail_url in read_routes(full_case).values():
        if list_url:
            response = client.get(list_url)
            assert response.status_code == 200
            assert response.json()["results"] == [], list_url
        assert client.get(detail_url).status_code == 404, detail_url
    assert not ProcessingLogEntry.objects.filter(
        result=ProcessingLogEntry.Result.SUCCESS, channel="api"
    ).exists()
    assert ProcessingLogEntry.objects.filter(result=ProcessingLogEntry.Result.DENIED).count() == 7


@pytest.mark.parametrize("who", ["contractmanager", "privacy_officer", "beheerder"])
def test_roles_without_case_access_get_403_everywhere(api_as, world, full_case, who):
    client = api_as(getattr(world, who))
    for list_url, detail_url in read_routes(full_case).values():
        for url in (list_url, detail_url):
            if url:
                assert client.get(url).status_code == 403, url
    assert (
        client.post(
            f"{API}/casussen/{full_case.pk}/status/", {"status": "afgesloten"}, format="json"
        ).status_code
        == 403
    )
    # The same answer for an id that does not exist: nothing to learn from the status code.
    assert client.get(f"{API}/casussen/987654/").status_code == 403


def test_anonymous_gets_401_with_a_token_challenge(client, full_case):
    for list_url, detail_url in read_routes(full_case).values():
        for url in (list_url, detail_url):
            if url:
                response = client.get(url)
                assert response.status_code == 401, url
                assert response["WWW-Authenticate"] == "Token"
    assert client.post(f"{API}/personen/zoeken/", {"burgerservicenummer": "111222333"}).status_code == 401


def test_a_session_without_the_second_factor_is_refused(world, full_case):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(world.regisseur)
    response = client.get(f"{API}/casussen/")
    assert response.status_code == 403
    assert "tweestapsverificatie" in response.json()["detail"]


def test_a_session_without_2fa_is_accepted_only_in_the_demo_mode(world, full_case):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(world.regisseur)
    with override_settings(DEMO_WITHOUT_2FA=True):
        assert client.get(f"{API}/casussen/").status_code == 200


def test_token_authentication_applies_the_same_policy(token_client, world, full_case):
    assert token_client(world.regisseur).get(f"{API}/casussen/{full_case.pk}/").status_code == 200
    assert token_client(world.other_team_regisseur).get(f"{API}/casussen/{full_case.pk}/").status_code == 404
    assert token_client(world.contractmanager).get(f"{API}/casussen/").status_code == 403
    bad = token_client(world.regisseur)
    bad.credentials(HTTP_AUTHORIZATION="Token 0000")
    assert bad.get(f"{API}/casussen/").status_code == 401


def test_an_inactive_users_token_is_refused(token_client, world, full_case):
    client = token_client(world.regisseur)
    world.regisseur.is_active = False
    world.regisseur.save()
    assert client.get(f"{API}/casussen/").status_code == 401
