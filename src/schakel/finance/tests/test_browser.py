"""In a real browser (issue 5): a controller prepares and submits a payment run, a second controller approves
it (four eyes) and downloads the SEPA file; the budget overview and a refused amendment; axe on every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from schakel.finance import services
from schakel.finance.models import BudgetAmendment, PaymentRun
from schakel.testing.browser import PASSWORD, describe, serious_violations
from schakel.testing.browser import totp_code as _code
from schakel.testing.factories import add_totp

from .conftest import claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accessible(tab, name: str) -> None:
    violations = serious_violations(tab)
    assert not violations, f"axe on {name}: {describe(violations)}"


def _login(tab, user) -> None:
    device = add_totp(user)
    tab.goto("/inloggen/")
    tab.get_by_label("Gebruikersnaam").fill(user.username)
    tab.get_by_label("Wachtwoord").fill(PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_label(re.compile("code", re.I)).fill(_code(device))
    tab.get_by_role("button", name="Bevestigen").click()
    tab.wait_for_url(lambda url: "/inloggen/" not in url and "/verifieren/" not in url)


def test_payment_run_prepared_and_approved_by_two_users(page, fin):  # noqa: F811 - fixture
    services.book_claim_lines([claim(fin, "323:1", 19500), claim(fin, "323:2", 20000, month=2)])
    services.recompute_commitments(fin.gemeente, date.today().year)

    _login(page, fin.controller)
    page.goto("/financien/")
    assert "Prognose jaareinde" in page.content()
    page.wait_for_timeout(500)  # the chart renders after the page
    _accessible(page, "budgetoverzicht")

    page.goto(f"/financien/begroting/{fin.budget.pk}/wijziging/")
    page.get_by_role("button", name="Wijziging vastleggen").click()  # empty: errors, nothing stored
    assert page.locator(".utrecht-form-field-error-message").count() >= 2
    assert not BudgetAmendment.objects.exists()
    _accessible(page, "begrotingswijziging met fouten")

    page.goto("/financien/betaalrondes/")
    _accessible(page, "betaalrondes")
    page.get_by_label("Aanbieder").select_option(f"{fin.gemeente.pk}:{fin.provider.pk}")
    page.get_by_label("Uitvoeringsdatum").fill((date.today() + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Betaalronde voorbereiden").click()
    page.wait_for_url(re.compile(r"/financien/betaalrondes/\d+/$"))
    _accessible(page, "betaalronde (concept)")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    page.wait_for_load_state()
    assert "Vier ogen" in page.content()
    assert page.get_by_role("button", name="Goedkeuren").count() == 0
    run_url = page.url
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    _login(page, fin.approver)
    page.goto(run_url)
    _accessible(page, "betaalronde (ter goedkeuring)")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    run = PaymentRun.objects.get()
    assert (
        run.status == "goedgekeurd" and run.approved_by == fin.approver and run.prepared_by == fin.controller
    )
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("SEPA-betaalbestand")).click()
    assert download.value.suggested_filename.endswith(".xml")
    _accessible(page, "betaalronde (goedgekeurd)")
