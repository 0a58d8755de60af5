"""Person search: POST only, masked BSN, link to a visible household, else 'nieuwe melding'."""

from __future__ import annotations

from django.urls import reverse

from schakel.core.models import ProcessingLogEntry

URL = reverse("people:search")


def test_search_links_to_visible_household(client, login, world, open_case):
    person = open_case.household.memberships.first().person
    login(client, world.regisseur)
    response = client.post(URL, {"postcode": person.postcode.lower(), "huisnummer": person.huisnummer})
    html = response.content.decode()
    assert reverse("cases:household", kwargs={"pk": open_case.household_id}) in html
    assert person.bsn not in html
    assert ProcessingLogEntry.objects.filter(
        action=ProcessingLogEntry.Action.SEARCH, processing_activity__code="melding-persoon-zoeken"
    ).exists()


def test_search_offers_new_melding_when_household_not_visible(client, login, world, open_case):
    person = open_case.household.memberships.first().person
    login(client, world.other_team_regisseur)
    response = client.post(URL, {"bsn": person.bsn})
    html = response.content.decode()
    assert reverse("cases:household", kwargs={"pk": open_case.household_id}) not in html
    assert 'name="kandidaat"' in html and "Nieuwe melding" in html
    token = response.context["hits"][0].token
    chosen = client.post(reverse("cases:melding_new"), {"stap": "kiezen", "kandidaat": token})
    assert chosen.status_code == 302
    assert client.session["melding_wizard"]["person_id"] == person.pk


def test_search_form_renders_and_get_never_searches(client, login, world, open_case):
    person = open_case.household.memberships.first().person
    login(client, world.regisseur)
    response = client.get(URL, {"bsn": person.bsn})
    assert response.status_code == 200 and response.context["hits"] is None
    assert not ProcessingLogEntry.objects.filter(action=ProcessingLogEntry.Action.SEARCH).exists()


def test_invalid_bsn_gets_dutch_field_message(client, login, world):
    login(client, world.regisseur)
    html = client.post(URL, {"bsn": "111111112"}).content.decode()
    assert "Dit BSN is ongeldig: het voldoet niet aan de elfproef." in html
    assert 'aria-describedby="id_bsn-fout"' in html


def test_search_denied(client, login, world):
    assert client.get(URL).status_code == 302
    login(client, world.contractmanager)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bsn": "111222333"}).status_code == 403
