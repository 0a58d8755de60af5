"""The monitor dashboard in a real browser: log in as beleidsmedewerker, charts render with the vendored
Vega libraries under the CSP, the wijk filter works, the report page links; axe-core finds no serious or
critical violations."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from django_otp.oath import totp

from schakel.monitoring.tests import extract_fixture as fx
from schakel.testing.factories import add_totp, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("SCHAKEL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]
PASSWORD = "Wachtwoord-voor-test-1"


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not installed ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, flushable_logs):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _serious(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def _all_charts_done(page) -> None:
    page.wait_for_function(
        "document.querySelectorAll('[data-chart-spec]').length > 0 && "
        "document.querySelectorAll('[data-chart-state=loading]').length === 0"
    )


def _describe(violations) -> str:
    return "; ".join(
        f"{v['id']}: " + ", ".join(f"{n.get('target')} {n.get('html', '')[:200]}" for n in v["nodes"][:3])
        for v in violations
    )


def _login(page, user) -> None:
    device = add_totp(user)
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    page.get_by_label(re.compile("code", re.I)).fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()


def test_dashboard_in_the_browser(page, world, settings, tmp_path):
    settings.MONITOR_DIR = str(tmp_path)
    fx.write(tmp_path, gemeente_code=world.gemeente.code, copies=20)
    user = make_user("beleidsmedewerker", world.gemeente, username="beleid")
    _login(page, user)

    page.get_by_role("link", name="Monitor", exact=True).click()
    page.get_by_label("Jaar", exact=True).select_option("2025")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_selector('[data-chart-spec="spec-clients_per_law"][data-chart-state="ready"]')
    _all_charts_done(page)
    assert page.locator('[data-chart-spec="spec-clients_per_law"] svg').count() == 1
    assert page.locator('[data-chart-state="failed"]').count() == 0
    # 20 copies: jeugd has 60 clients of 240 inhabitants = 250 per 1,000 (counts rounded to 5)
    table = page.get_by_role("table", name="Cliënten per wet per 1.000 inwoners", exact=True)
    assert re.search(r"Jeugdwet\s+60\s+240\s+250,0", table.inner_text())
    violations = _serious(page)
    assert not violations, _describe(violations)

    page.get_by_label("Wijk", exact=True).select_option(fx.W2)
    page.get_by_role("button", name="Toon").click()
    page.wait_for_selector('[data-chart-spec="spec-clients_by_wijk"][data-chart-state="ready"]')
    table = page.get_by_role("table", name="Cliënten per wet per 1.000 inwoners, naar wijk", exact=True)
    assert fx.W1 not in table.inner_text() and fx.W2 in table.inner_text()

    page.get_by_role("link", name="Raadsrapportage").first.click()
    assert page.get_by_role("link", name="Raadsrapportage (PDF)").count() == 1
    assert not _serious(page)
