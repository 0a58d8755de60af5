"""In a real browser (issue 3): the regisseur enters a measurement in the keyboard-friendly grid and sees the
household's chart change; axe-core on the household view with the chart and on the grid (zero serious or
critical violations); no Content-Security-Policy violations (Vega runs with its expression interpreter)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from schakel.cases.models import Case
from schakel.outcomes import services
from schakel.outcomes.models import Instrument
from schakel.outcomes.reference import install
from schakel.testing.browser import describe, serious_violations
from schakel.testing.browser import login as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = ".schakel-chart[data-chart-state='ready'] g.mark-symbol.role-mark path"


def _accessible(page, name: str) -> None:
    violations = serious_violations(page)
    assert not violations, f"axe on {name}: {describe(violations)}"


def _chart_points(page) -> int:
    page.wait_for_selector(".schakel-chart[data-chart-state='ready'] svg", timeout=20_000)
    return page.locator(POINTS).count()


def test_enter_a_measurement_and_see_the_chart_change(page, world, open_case):
    install()  # reference data (a transactional test starts from a flushed database)
    Case.objects.filter(pk=open_case.pk).update(
        opened_on=date.today() - timedelta(days=90), status="uitvoering"
    )
    case = Case.objects.get(pk=open_case.pk)
    person = case.household.memberships.order_by("id").first().person
    zrm = Instrument.objects.get(code="zrm", version="2017")
    services.record_measurement(
        world.regisseur,
        case,
        person=person,
        instrument=zrm,
        moment="intake",
        measured_on=date.today() - timedelta(days=60),
        scores=[services.ScoreInput("financien", True, 2), services.ScoreInput("huisvesting", True, 3)],
    )
    csp_errors: list[str] = []
    page.on(
        "console", lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
    )

    _login(page, world.regisseur)
    page.goto(f"/casussen/huishouden/{case.household_id}/")
    assert _chart_points(page) == 2
    _accessible(page, "huishouden met uitkomsten")

    page.get_by_role("link", name="Meting vastleggen").click()
    page.wait_for_url(re.compile(r"/uitkomsten/casus/\d+/meting/"))
    _accessible(page, "meetraster")
    page.get_by_label("Moment").select_option("evaluatie")
    # Keyboard: relevance first (Space on the checkbox), then the score radios appear for that domain only.
    page.get_by_label("Relevant: Financiën").focus()
    page.keyboard.press("Space")
    page.wait_for_selector("#score-financien-4")
    assert page.locator("input[name='score-huisvesting']").count() == 0
    page.locator("#score-financien-4").check()
    page.get_by_label("Relevant: Huisvesting").check()
    page.wait_for_selector("#score-huisvesting-3")
    assert page.locator("#score-financien-4").is_checked()  # the htmx swap kept the earlier answer
    page.locator("#score-huisvesting-3").check()
    _accessible(page, "meetraster met scores")
    page.get_by_role("button", name="Meting opslaan").click()

    page.wait_for_url(re.compile(r"/casussen/huishouden/\d+/"))
    assert _chart_points(page) == 4
    assert not csp_errors, csp_errors


def test_grid_errors_are_accessible(page, world, open_case):
    install()
    _login(page, world.regisseur)
    page.goto(f"/uitkomsten/casus/{open_case.pk}/meting/")
    page.get_by_label("Relevant: Financiën").check()
    page.wait_for_selector("#score-financien-1")
    page.get_by_role("button", name="Meting opslaan").click()
    page.wait_for_selector(".schakel-grid__error")
    assert "Geef een score voor Financiën" in page.locator("#meetraster").inner_text()
    _accessible(page, "meetraster met fouten")
