"""The regisseur's day in a real browser (issue 2 §9): log in with 2FA, take a melding through onderzoek to an
agreed plan, see the deadline in the work queue; axe-core on every main page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from schakel.testing.browser import PASSWORD, describe, serious_violations
from schakel.testing.browser import totp_code as _code
from schakel.testing.factories import PersonFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_accessible(page, name: str) -> None:
    violations = serious_violations(page)
    assert not violations, f"axe on {name}: {describe(violations)}"


def _login(page, user) -> None:
    device = add_totp(user)
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label(re.compile("code", re.I)).fill(_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/casussen/werkvoorraad/"))


def test_melding_to_agreed_plan(page, world):
    PersonFactory(
        gemeente=world.gemeente,
        voornamen="Grietje",
        geslachtsnaam="Bakkervoort",
        birth_date=date(1948, 3, 4),
        birth_year=1948,
        birth_month=3,
        birth_day=4,
    )
    _login(page, world.regisseur)
    _assert_accessible(page, "werkvoorraad")

    page.get_by_role("link", name="Nieuwe melding").first.click()
    _assert_accessible(page, "nieuwe melding")
    page.get_by_label("Achternaam (geslachtsnaam)").fill("Bakkervoort")
    page.get_by_label("Geboortedatum").fill("1948-03-04")
    page.get_by_role("button", name=re.compile("Zoeken")).click()
    page.get_by_role("button", name=re.compile("Deze persoon kiezen")).click()

    page.get_by_label("Naam van het nieuwe huishouden").fill("Huishouden Bakkervoort")
    page.get_by_role("button", name="Verder").click()

    page.get_by_label("Wmo 2015").check()
    page.get_by_label("Hulpvraag").fill("Mevrouw kan de trap niet meer op en wil thuis blijven wonen.")
    page.get_by_role("button", name="Melding registreren").click()
    expect_text(page, "Huishouden Bakkervoort")
    _assert_accessible(page, "huishouden")

    # The deadline of the onderzoek (6 weeks, Wmo 2015 art. 2.3.2) is in the work queue.
    due = date.today() + timedelta(weeks=6)
    page.goto("/casussen/werkvoorraad/")
    row = page.get_by_role("row").filter(has_text="Huishouden Bakkervoort")
    assert due.strftime("%d-%m-%Y") in row.inner_text()

    # Onderzoek: start, record findings, complete.
    row.get_by_role("link").first.click()
    page.get_by_role("button", name=re.compile("Onderzoek starten")).click()
    page.get_by_role("link", name=re.compile("Gespreksverslag|Onderzoek vastleggen")).first.click()
    _assert_accessible(page, "onderzoek")
    page.get_by_label("Huisvesting").fill("Woont boven; de trap is onveilig geworden.")
    page.get_by_label("Onderzoek afronden").check()
    page.get_by_role("button", name=re.compile("Opslaan")).click()

    # Plan: a goal with an action, without a page reload (htmx), then the citizen's agreement.
    url_before = page.url
    page.get_by_label("Leefgebied").select_option(label="Huisvesting")
    page.get_by_label("Doel", exact=True).fill("Veilig en zelfstandig thuis wonen")
    page.get_by_role("button", name=re.compile("Doel toevoegen")).click()
    expect_text(page, "Veilig en zelfstandig thuis wonen")
    assert page.url == url_before
    page.get_by_role("link", name=re.compile("Actie toevoegen")).first.click()
    page.get_by_label("Actie", exact=True).fill("Dochter helpt met boodschappen")
    page.get_by_label(re.compile("Uitgevoerd door|Wie voert")).select_option(label="Informeel netwerk")
    page.get_by_role("button", name="Actie toevoegen").click()
    expect_text(page, "Dochter helpt met boodschappen")
    page.get_by_label("Hoe gaf de inwoner akkoord?").select_option(label="Ondertekend")
    page.get_by_role("button", name="Akkoord vastleggen").click()
    expect_text(page, re.compile(r"De inwoner ging op \d\d-\d\d-\d{4} akkoord \(ondertekend\)"))
    _assert_accessible(page, "huishouden met vastgesteld plan")

    # After the aanvraag the beschikking term (2 weeks, Wmo 2015 art. 2.3.5) is the next deadline.
    page.get_by_role("link", name="Aanvraag vastleggen").click()
    _assert_accessible(page, "aanvraag")
    page.get_by_label("Wat wordt aangevraagd?").fill("Traplift")
    page.get_by_role("button", name=re.compile("Opslaan|Aanvraag vastleggen")).click()
    expect_text(page, "Aanvraag ontvangen")
    page.goto("/casussen/werkvoorraad/")
    row = page.get_by_role("row").filter(has_text="Huishouden Bakkervoort")
    assert (date.today() + timedelta(weeks=2)).strftime("%d-%m-%Y") in row.inner_text()


def expect_text(page, text) -> None:
    from playwright.sync_api import expect

    expect(page.locator("main")).to_contain_text(text)


def test_wrong_second_factor_is_refused(page, world):
    add_totp(world.regisseur)
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label(re.compile("code", re.I)).fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect_text(page, re.compile("onjuist|ongeldig|klopt niet", re.I))
    _assert_accessible(page, "verificatie met fout")
    page.goto("/casussen/werkvoorraad/")
    assert "/inloggen/" in page.url


def test_privacy_officer_pages_are_accessible(page, world):
    _login_privacy(page, world)
    _assert_accessible(page, "verwerkingenlog")
    page.goto("/privacy/beveiligingslog/")
    _assert_accessible(page, "beveiligingslog")


def _login_privacy(page, world):
    device = add_totp(world.privacy_officer)
    page.goto("/inloggen/")
    _assert_accessible(page, "inloggen")
    page.get_by_label("Gebruikersnaam").fill("fg")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label(re.compile("code", re.I)).fill(_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.goto("/privacy/verwerkingenlog/")
