"""In a real browser (Playwright + Debian's Chromium): from advice request to published response, and the
public register without login; axe-core (no serious or critical violations) on the member-facing and public
pages. Skips without a browser unless ``CI=true``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schakel.participation import services
from schakel.testing.browser import assert_accessible as _accessible
from schakel.testing.browser import login as _login
from schakel.testing.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _text(page, text) -> None:
    from playwright.sync_api import expect

    expect(page.locator("main")).to_contain_text(text)


def test_request_to_published_response(new_page, world):
    g = world.gemeente
    secretaris = make_user("secretaris_adviesraad", g, username="secretaris")
    beleid = make_user("beleidsmedewerker", g, username="beleid")
    member = make_user("adviesraadlid", g, username="raadslid")
    council = services.create_council(
        secretaris, g, name="Wmo-raad Schakeldam", kind="wmo_raad", policy_fields=["wmo_4", "wmo_6"]
    )
    services.add_member(secretaris, council, name="Fatima El Amrani", term_start=date.today(), account=member)

    # The policy officer asks for advice; the organisation model routes it to the Wmo-raad.
    officer = new_page()
    _login(officer, beleid)
    officer.goto("/adviesraden/aanvragen/nieuw/")
    _accessible(officer, "nieuwe adviesaanvraag")
    officer.get_by_label("Onderwerp").fill("Mantelzorgwaardering 2027")
    officer.get_by_label("Beleidsveld").select_option("wmo_4")
    officer.get_by_label("Fase in de beleidscyclus").select_option("verkenning")
    officer.get_by_label("Uiterste datum advies").fill((date.today() + timedelta(days=30)).isoformat())
    officer.get_by_role("button", name="Aanvraag aanmaken").click()
    _text(officer, "vroegtijdig betrokken")
    officer.get_by_role("button", name="Aanvraag versturen").click()
    _text(officer, "Uitgezet bij de raad")
    request_url = officer.url

    # The council member drafts the advice with two points and submits it.
    raad = new_page()
    _login(raad, member)
    raad.goto("/adviesraden/")
    _accessible(raad, "overzicht raadslid")
    raad.goto(request_url)
    _accessible(raad, "adviesaanvraag (raadslid)")
    raad.get_by_role("link", name="Advies opstellen").click()
    raad.get_by_label("Titel").fill("Advies mantelzorgwaardering")
    raad.get_by_label("Adviespunten").fill("Geef mantelzorgers een keuze\nBetrek jonge mantelzorgers")
    raad.get_by_role("button", name="Concept opslaan").click()
    _text(raad, "Betrek jonge mantelzorgers")
    _accessible(raad, "conceptadvies")
    raad.get_by_role("button", name="Advies uitbrengen").click()
    _text(raad, "Uitgebracht")
    advice_url = raad.url

    # The response per point: 'not adopted' without motivation is refused, then recorded and published.
    officer.goto(advice_url)
    officer.get_by_role("link", name="Reactie per adviespunt vastleggen").click()
    _accessible(officer, "reactie")
    officer.get_by_role("group", name="Reactie op punt 1").get_by_label("Overgenomen", exact=True).check()
    officer.get_by_role("group", name="Reactie op punt 2").get_by_label("Niet overgenomen").check()
    officer.get_by_role("button", name="Opslaan en publiceren").click()
    _text(officer, "Motiveer waarom adviespunt 2")
    _accessible(officer, "reactie met fout")
    officer.get_by_label("Motivering bij punt 2").fill("Jonge mantelzorgers krijgen een eigen regeling.")
    officer.get_by_label("Link naar het raadsvoorstel").fill("https://example.org/raadsvoorstel/12")
    officer.get_by_role("button", name="Opslaan en publiceren").click()
    _text(officer, "Reactie gepubliceerd")

    # The public register, without login.
    public = new_page()
    public.goto("/adviesraden/register/")
    _accessible(public, "openbaar register")
    _text(public, "Advies mantelzorgwaardering")
    public.get_by_role("link", name="Advies mantelzorgwaardering").click()
    _text(public, "Jonge mantelzorgers krijgen een eigen regeling.")
    _accessible(public, "advies in het register")
