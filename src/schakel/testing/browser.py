"""Browser-test plugin: one headless Chromium per test session (Playwright's sync API allows one per process),
a fresh context per test, axe-core and a login helper. Registered in the root ``conftest.py``; browser tests
only mark themselves ``browser`` and use the ``page`` fixture.

Without Chromium the tests skip with a clear message, except in CI (``CI=true``), where a missing browser is a
failure.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from django_otp.oath import totp

from .factories import add_totp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("SCHAKEL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The password of every user made by the test factories.
PASSWORD = "Wachtwoord-voor-test-1"


def _available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not _available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install Debian's chromium package")
        pytest.skip(f"Chromium not installed ({CHROMIUM}); install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, flushable_logs):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server, flushable_logs):
    """A factory of pages, each in its own browser context (several users side by side in one test)."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        return tab

    yield make
    for context in contexts:
        context.close()


def serious_violations(page) -> list[dict]:
    """axe-core on the current page; only violations with impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return "; ".join(
        f"{v['id']}: {v['help']} at "
        + ", ".join(str(n.get("target")) + " " + n.get("failureSummary", "")[:120] for n in v["nodes"][:4])
        for v in violations
    )


def assert_accessible(page, name: str) -> None:
    violations = serious_violations(page)
    assert not violations, f"axe on {name}: {describe(violations)}"


def totp_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def login(page, user) -> None:
    """Log in through the login page and the second factor; wait until the start page has loaded."""
    device = add_totp(user)
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label(re.compile("code", re.I)).fill(totp_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)
