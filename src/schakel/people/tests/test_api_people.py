"""API: persons, the BRP search by POST body, and households — behaviour, access and the processing log."""

from __future__ import annotations

import pytest

from schakel.api.tests.fixtures import *  # noqa: F403  (the API fixtures)
from schakel.api.tests.fixtures import API
from schakel.core.models import ProcessingLogEntry
from schakel.core.pseudonym import pseudonymise
from schakel.testing.factories import household_with_members

pytestmark = pytest.mark.django_db


def entries(operation: str):
    return ProcessingLogEntry.objects.filter(operation=operation)


def test_person_list_shows_only_members_of_households_in_my_work(api_client, open_case, world):
    household_with_members(world.gemeente)  # a household without a case of mine
    response = api_client.get(f"{API}/personen/")
    assert response.status_code == 200
    members = set(open_case.household.memberships.values_list("person_id", flat=True))
    assert {p["id"] for p in response.json()["results"]} == members
    assert "burgerservicenummer" not in response.json()["results"][0]


def test_person_list_logs_one_entry_per_person_on_the_page(api_client, open_case):
    response = api_client.get(f"{API}/personen/")
    logged = entries("api.personen.lijst")
    assert logged.count() == len(response.json()["results"]) == 4
    hashes = {pseudonymise(m.person.bsn) for m in open_case.household.memberships.select_related("person")}
    assert set(logged.values_list("subject_hash", flat=True)) == hashes
    first = logged.first()
    assert first.processing_activity.code == "casusregie-sociaal-domein"
    assert first.channel == "api"
    assert first.data_categories == ["naam", "geboortedatum", "adres"]


def test_person_detail_shows_bsn_households_and_network_and_is_logged(api_client, open_case):
    membership = open_case.household.memberships.select_related("person").first()
    response = api_client.get(f"{API}/personen/{membership.person_id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["burgerservicenummer"] == membership.person.bsn
    assert body["huishoudens"] == [{"huishouden": open_case.household_id, "relatie": membership.relation}]
    assert body["netwerk"][0]["naam"] == "Buurvrouw Jansen"
    entry = entries("api.personen.inzien").get()
    assert entry.object_id == str(membership.person_id)
    assert "bsn" in entry.data_categories


def test_person_of_another_team_is_404_and_the_attempt_is_logged(api_as, world, open_case):
    person_id = open_case.household.memberships.first().person_id
    response = api_as(world.other_team_regisseur).get(f"{API}/personen/{person_id}/")
    assert response.status_code == 404
    denied = ProcessingLogEntry.objects.get(result=ProcessingLogEntry.Result.DENIED)
    assert denied.object_id == str(person_id)
    assert denied.subject_hash == ""


def test_unknown_person_is_the_same_404_without_a_log_entry(api_client, open_case):
    response = api_client.get(f"{API}/personen/999999/")
    assert response.status_code == 404
    assert not ProcessingLogEntry.objects.filter(result=ProcessingLogEntry.Result.DENIED).exists()


# --------------------------------------------------------------------------- search


def test_search_by_bsn_in_the_body_returns_the_person_with_my_id(api_client, open_case):
    person = open_case.household.memberships.first().person
    response = api_client.post(f"{API}/personen/zoeken/", {"burgerservicenummer": person.bsn}, format="json")
    assert response.status_code == 200, response.json()
    [hit] = response.json()
    assert hit["burgerservicenummer"] == person.bsn
    assert hit["persoonId"] == person.pk
    search_entry = ProcessingLogEntry.objects.get(action=ProcessingLogEntry.Action.SEARCH)
    assert search_entry.processing_activity.code == "melding-persoon-zoeken"
    assert search_entry.subject_hash == pseudonymise(person.bsn)


def test_search_does_not_reveal_the_id_of_a_person_outside_my_work(api_as, world, open_case):
    person = open_case.household.memberships.first().person
    response = api_as(world.other_team_regisseur).post(
        f"{API}/personen/zoeken/", {"burgerservicenummer": person.bsn}, format="json"
    )
    assert response.status_code == 200
    assert response.json()[0]["persoonId"] is None


def test_search_by_name_and_birth_date_and_by_postcode(api_client, open_case):
    person = open_case.household.memberships.first().person
    by_name = api_client.post(
        f"{API}/personen/zoeken/",
        {"geslachtsnaam": person.geslachtsnaam, "geboortedatum": person.birth_date.isoformat()},
        format="json",
    )
    assert person.bsn in [hit["burgerservicenummer"] for hit in by_name.json()]
    by_address = api_client.post(
        f"{API}/personen/zoeken/", {"postcode": "1234 ab", "huisnummer": person.huisnummer}, format="json"
    )
    assert by_address.status_code == 200
    assert person.bsn in [hit["burgerservicenummer"] for hit in by_address.json()]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"burgerservicenummer": "123456789"}, "burgerservicenummer", "elfproef"),
        ({"burgerservicenummer": "12AB"}, "burgerservicenummer", "9 cijfers"),
        ({"postcode": "0123 AB", "huisnummer": 4}, "postcode", "geldige postcode"),
        ({"postcode": "1234AB"}, "huisnummer", "huisnummer"),
        ({"geslachtsnaam": "Jansen", "geboortedatum": "31-02-1980"}, "geboortedatum", "formaat"),
        ({"geslachtsnaam": "Jansen", "geboortedatum": "2999-01-01"}, "geboortedatum", "toekomst"),
        ({"geslachtsnaam": "Jansen"}, "geboortedatum", "geboortedatum"),
        ({}, "non_field_errors", "Zoek op BSN"),
        ({"geslachtsnaam": "<script>", "geboortedatum": "1980-01-01"}, "non_field_errors", "tekens"),
    ],
)
def test_search_validation_gives_dutch_field_messages(api_client, world, body, field, message):
    response = api_client.post(f"{API}/personen/zoeken/", body, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not ProcessingLogEntry.objects.exists()


def test_search_is_post_only(api_client, world):
    assert api_client.get(f"{API}/personen/zoeken/", {"burgerservicenummer": "111222333"}).status_code in (
        404,
        405,
    )


def test_contractmanager_may_not_search(api_as, world):
    response = api_as(world.contractmanager).post(
        f"{API}/personen/zoeken/", {"burgerservicenummer": "111222333"}, format="json"
    )
    assert response.status_code == 403


# --------------------------------------------------------------------------- households


def test_household_list_and_detail_with_members_and_cases(api_client, open_case):
    listed = api_client.get(f"{API}/huishoudens/").json()["results"]
    assert [h["id"] for h in listed] == [open_case.household_id]
    detail = api_client.get(f"{API}/huishoudens/{open_case.household_id}/").json()
    assert len(detail["leden"]) == 4
    assert {m["relatie"] for m in detail["leden"]} == {"partner", "kind"}
    [case] = detail["casussen"]
    assert case["id"] == open_case.pk
    assert case["status"] == "melding"
    assert case["eerstvolgendeTermijn"] == open_case.next_deadline.isoformat()
    assert case["termijnsignaal"] == "op_tijd"
    assert entries("api.huishoudens.lijst").count() == 4
    assert entries("api.huishoudens.inzien").count() == 4


def test_household_of_another_municipality_is_not_found(api_as, world, open_case):
    client = api_as(world.foreign_regisseur)
    assert client.get(f"{API}/huishoudens/").json()["results"] == []
    assert client.get(f"{API}/huishoudens/{open_case.household_id}/").status_code == 404


def test_too_many_results_is_the_users_query_not_an_outage(api_client, world, monkeypatch):
    from schakel.people.brp import BrpError, BrpUnavailable
    from schakel.people.brp.local import LocalBrp

    def too_many(self, criteria, *, purpose, user=None):
        raise BrpError("Te veel resultaten, verfijn de zoekvraag.")

    monkeypatch.setattr(LocalBrp, "search", too_many)
    body = {"geslachtsnaam": "Jansen", "geboortedatum": "1980-01-01"}
    response = api_client.post(f"{API}/personen/zoeken/", body, format="json")
    assert response.status_code == 400 and "verfijn" in response.json()["non_field_errors"][0]

    def down(self, criteria, *, purpose, user=None):
        raise BrpUnavailable("De BRP is niet bereikbaar. Probeer het later opnieuw.")

    monkeypatch.setattr(LocalBrp, "search", down)
    assert api_client.post(f"{API}/personen/zoeken/", body, format="json").status_code == 503
