"""The monitor dashboard in a real browser: log in as beleidsmedewerker, charts render with the vendored
Vega libraries under the CSP, the wijk filter works, the report page links; axe-core finds no serious or
critical violations."""

from __future__ import annotations

import re

import pytest

from schakel.monitoring.tests import extract_fixture as fx
from schakel.testing.browser import describe as _describe
from schakel.testing.browser import login as _login
from schakel.testing.browser import serious_violations as _serious
from schakel.testing.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _all_charts_done(page) -> None:
    page.wait_for_function(
        "document.querySelectorAll('[data-chart-spec]').length > 0 && "
        "document.querySelectorAll('[data-chart-state=loading]').length === 0"
    )


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
