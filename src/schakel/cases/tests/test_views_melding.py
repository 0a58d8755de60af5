"""The new-melding wizard end-to-end with the local BRP: search (POST only), household, melding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases.models import Case, Melding
from schakel.core.models import ProcessingLogEntry
from schakel.people.models import Household
from schakel.testing.factories import PersonFactory

URL = reverse("cases:melding_new")


@pytest.fixture
def inwoner(world):
    return PersonFactory(
        gemeente=world.gemeente,
        geslachtsnaam="Verbeek",
        voornamen="Sanne",
        birth_date=date(1980, 4, 12),
        birth_year=1980,
        birth_month=4,
        birth_day=12,
        postcode="1234AB",
        huisnummer=7,
    )


def _search(client, **data):
    return client.post(URL, {"stap": "zoeken", **data})


def test_wizard_end_to_end_new_household(client, login, world, inwoner):
    login(client, world.regisseur)
    assert client.get(URL).status_code == 200
    found = _search(client, geslachtsnaam="verbeek", geboortedatum="12-04-1980")
    html = found.content.decode()
    assert "Sanne Verbeek" in html and inwoner.bsn not in html and "******" in html
    token = found.context["hits"][0].token
    assert ProcessingLogEntry.objects.filter(action=ProcessingLogEntry.Action.SEARCH).count() == 1

    chosen = client.post(URL, {"stap": "kiezen", "kandidaat": token})
    assert chosen.status_code == 302 and inwoner.bsn not in chosen["Location"]
    step2 = client.get(URL)
    assert step2.context["step"] == 2 and "Nieuw huishouden aanmaken" in step2.content.decode()

    client.post(
        URL, {"stap": "huishouden", "household": "nieuw", "name": "Huishouden Verbeek", "relation": "ouder"}
    )
    household = Household.objects.get(name="Huishouden Verbeek")
    assert household.memberships.get().person == inwoner
    step3 = client.get(URL)
    assert step3.context["step"] == 3 and step3.context["form"]["regisseur"].value() == world.regisseur.pk

    received = date.today() - timedelta(days=2)
    done = client.post(
        URL,
        {
            "stap": "melding",
            "received_on": received.isoformat(),
            "channel": "telefoon",
            "laws": ["wmo", "schuldhulp"],
            "question": "Hulp bij schulden en huishouden",
            "team": world.team.pk,
            "regisseur": world.regisseur.pk,
        },
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("cases:household", kwargs={"pk": household.pk})
    case = Case.objects.get(household=household)
    assert case.regisseur == world.regisseur and sorted(case.laws) == ["schuldhulp", "wmo"]
    due = (received + timedelta(weeks=4)).strftime("%d-%m-%Y")  # schuldhulp (Wgs art. 4) comes before Wmo
    assert f"Rond het onderzoek af vóór {due}" in done.content.decode()
    assert "melding_wizard" not in client.session


def test_bsn_search_only_by_post_and_never_in_a_url(client, login, world, inwoner):
    login(client, world.regisseur)
    response = client.get(URL, {"bsn": inwoner.bsn})
    assert response.context["hits"] is None  # GET parameters are not a search
    found = _search(client, bsn=inwoner.bsn)
    assert [h.person.bsn for h in found.context["hits"]] == [inwoner.bsn]
    assert inwoner.bsn not in found.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12ab"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
        ({"postcode": "12345", "huisnummer": "3"}, "postcode", "Vul een geldige postcode in"),
        (
            {"geslachtsnaam": "Jansen", "geboortedatum": "31-02-1980"},
            "geboortedatum",
            "Voer een geldige datum in.",
        ),
        ({"geslachtsnaam": "Jansen", "geboortedatum": "01-01-2999"}, "geboortedatum", "in de toekomst"),
        ({"geslachtsnaam": "Jansen"}, "geboortedatum", "Vul de geboortedatum in."),
        ({"postcode": "1234AB"}, "huisnummer", "Vul het huisnummer in."),
    ],
)
def test_search_validation_messages(client, login, world, data, field, message):
    login(client, world.regisseur)
    response = _search(client, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors)
    assert f'id="id_{field}-fout"' in response.content.decode()


def test_empty_search_explains_the_combinations(client, login, world):
    login(client, world.regisseur)
    response = _search(client)
    assert (
        "Zoek op BSN, op achternaam en geboortedatum, of op postcode en huisnummer."
        in response.content.decode()
    )


def test_expired_token_restarts(client, login, world):
    login(client, world.regisseur)
    response = client.post(URL, {"stap": "kiezen", "kandidaat": "verzonnen"}, follow=True)
    assert "Zoek de persoon opnieuw" in response.content.decode()


def test_melding_for_existing_household_from_household_page(client, login, world, open_case):
    login(client, world.regisseur)
    start = client.get(URL, {"huishouden": open_case.household_id})
    assert start.status_code == 302
    step3 = client.get(URL)
    assert step3.context["step"] == 3
    bad = client.post(
        URL,
        {
            "stap": "melding",
            "received_on": "2999-01-01",
            "channel": "telefoon",
            "laws": [],
            "question": "",
            "team": world.team.pk,
            "regisseur": world.regisseur.pk,
        },
    )
    errors = bad.context["form"].errors
    assert "received_on" in errors and "laws" in errors and "question" in errors
    client.post(
        URL,
        {
            "stap": "melding",
            "received_on": date.today().isoformat(),
            "channel": "email",
            "laws": ["jeugd"],
            "question": "Zorgen over de kinderen",
            "team": world.team.pk,
            "regisseur": world.regisseur.pk,
        },
    )
    assert Melding.objects.filter(case=open_case).count() == 2
    open_case.refresh_from_db()
    assert "jeugd" in open_case.laws


def test_existing_household_of_someone_else_cannot_be_started_by_url(client, login, world, open_case):
    login(client, world.other_team_regisseur)
    assert client.get(URL, {"huishouden": open_case.household_id}).status_code == 403


def test_wizard_denied_to_contractmanager_and_anonymous(client, login, world):
    assert client.get(URL).status_code == 302
    login(client, world.contractmanager)
    assert client.get(URL).status_code == 403
