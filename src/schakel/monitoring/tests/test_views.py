"""Dashboards, drill-through, report downloads and refresh: permissions, disclosure control, logging."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from schakel.core.models import ProcessingLogEntry
from schakel.monitoring.extract import job
from schakel.monitoring.tests import extract_fixture as fx
from schakel.testing.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture_extract(settings, tmp_path, world):
    settings.MONITOR_DIR = str(tmp_path)
    fx.write(tmp_path, gemeente_code=world.gemeente.code)
    return tmp_path


@pytest.fixture
def beleid(world):
    return make_user("beleidsmedewerker", world.gemeente, username="beleid")


@pytest.fixture
def controller(world):
    return make_user("controller", world.gemeente, username="controller")


def test_dashboard_for_beleidsmedewerker_is_disclosure_controlled(client, login, beleid, fixture_extract):
    login(client, beleid)
    response = client.get(reverse("monitoring:dashboard"), {"gemeente": "0001", "jaar": 2025})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Monitor sociaal domein" in body
    # Every count in the fixture is below 10: all suppressed, shown as "."
    assert 'data-indicator="stapeling"' in body
    assert '<td class="utrecht-table__cell">.</td>' in body
    assert "Bekijk casussen" not in body  # no drill-through without the permission
    sections = response.context["sections"]
    stapeling = next(s for s in sections if s.code == "stapeling").blocks[0]
    # persons column of "Alleen Jeugd" (3 persons) is suppressed
    assert stapeling.table["rows"][0][1] == "."


def test_dashboard_filtered_by_wijk_and_half_year(client, login, controller, fixture_extract):
    login(client, controller)
    response = client.get(
        reverse("monitoring:dashboard"), {"gemeente": "0001", "jaar": 2025, "halfjaar": 1, "wijk": fx.W2}
    )
    assert response.status_code == 200
    params = response.context["params"]
    assert (params.period_start, params.period_end, params.wijk_code) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
        fx.W2,
    )


def test_dashboard_bad_filter_gives_a_dutch_error(client, login, beleid, fixture_extract):
    login(client, beleid)
    response = client.get(reverse("monitoring:dashboard"), {"gemeente": "0001", "jaar": 1800})
    assert response.status_code == 200
    assert response.context["sections"] == []
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_dashboard_without_extract(client, login, beleid, settings, tmp_path):
    settings.MONITOR_DIR = str(tmp_path / "leeg")
    login(client, beleid)
    response = client.get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    assert "Er is nog geen extract" in response.content.decode()


def test_dashboard_refused_without_permission(client, login, world, fixture_extract):
    login(client, world.regisseur)
    assert client.get(reverse("monitoring:dashboard")).status_code == 403


def test_dashboard_query_count_is_bounded(
    client, login, beleid, fixture_extract, django_assert_max_num_queries
):
    """Indicators come from the extract; the database serves the session, the access policy, the menu and the
    advisory-council aggregates (a fixed number of grouped queries)."""
    login(client, beleid)
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("monitoring:dashboard"), {"gemeente": "0001", "jaar": 2025}).status_code == 200
        )


@pytest.fixture
def db_extract(settings, tmp_path, open_case):
    settings.MONITOR_DIR = str(tmp_path)
    job.run(tmp_path)
    return open_case


def test_teamleider_drills_through_to_cases_and_it_is_logged(client, login, world, db_extract):
    case = db_extract
    login(client, world.teamleider)
    dashboard = client.get(reverse("monitoring:dashboard"), {"gemeente": "0001", "jaar": case.opened_on.year})
    assert "Bekijk casussen" in dashboard.content.decode()
    before = ProcessingLogEntry.objects.count()
    response = client.get(
        reverse("monitoring:drill"),
        {"gemeente": "0001", "jaar": case.opened_on.year, "indicator": "deadline_onderzoek", "law": "wmo"},
    )
    assert response.status_code == 200
    assert list(response.context["cases"]) == [case]
    logged = ProcessingLogEntry.objects.count() - before
    assert logged == case.household.members.count() > 0
    entry = ProcessingLogEntry.objects.order_by("-id").first()
    assert entry.operation == "monitor.doorklikken"


def test_drill_through_shows_only_visible_cases(client, login, world, db_extract):
    other_leader = make_user("teamleider", world.gemeente, world.other_team, username="leider-zuid")
    login(client, other_leader)
    response = client.get(
        reverse("monitoring:drill"),
        {
            "gemeente": "0001",
            "jaar": db_extract.opened_on.year,
            "indicator": "deadline_onderzoek",
            "law": "wmo",
        },
    )
    assert response.status_code == 200
    assert response.context["cases"] == [] and response.context["hidden"] == 1


def test_drill_through_refused_for_beleidsmedewerker(client, login, beleid, db_extract):
    login(client, beleid)
    response = client.get(reverse("monitoring:drill"), {"indicator": "deadline_onderzoek", "law": "wmo"})
    assert response.status_code == 403


def test_drill_unknown_indicator_is_a_dutch_error(client, login, world, db_extract):
    login(client, world.teamleider)
    response = client.get(
        reverse("monitoring:drill"), {"gemeente": "0001", "jaar": 2025, "indicator": "kosten"}
    )
    assert response.status_code == 200
    assert "Voor dit cijfer kunt u niet doorklikken." in response.content.decode()


def test_report_downloads(client, login, controller, fixture_extract):
    login(client, controller)
    page = client.get(reverse("monitoring:report"), {"gemeente": "0001", "jaar": 2025})
    assert page.status_code == 200 and "formaat=pdf" in page.content.decode()
    csv = client.get(reverse("monitoring:export"), {"gemeente": "0001", "jaar": 2025, "formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith(
        "Perioden;Wijken en buurten;Soort regio;Codering;Personen: totaal;Personen: Alleen Jeugd"
    )
    # municipality row: persons total 7 → ".", every combination below 10 → "."
    assert first.split(";")[:5] == ["2025", "Schakeldam", "Gemeente", "GM0001", "."]
    xlsx = client.get(reverse("monitoring:export"), {"gemeente": "0001", "jaar": 2025, "formaat": "xlsx"})
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["A3"].value == "Perioden" and ws["E4"].value == "."
    pdf = client.get(reverse("monitoring:export"), {"gemeente": "0001", "jaar": 2025, "formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_report_refused_for_teamleider(client, login, world, fixture_extract):
    login(client, world.teamleider)
    assert client.get(reverse("monitoring:report")).status_code == 403
    assert client.get(reverse("monitoring:export"), {"formaat": "csv"}).status_code == 403


def test_refresh_by_functioneel_beheerder(client, login, world, settings, tmp_path):
    settings.MONITOR_DIR = str(tmp_path)
    login(client, world.beheerder)
    response = client.post(reverse("monitoring:refresh"))
    assert response.status_code == 302
    assert (tmp_path / "manifest.json").exists()
    login(client, world.teamleider)
    assert client.post(reverse("monitoring:refresh")).status_code == 403


def test_drill_through_query_count_is_independent_of_the_number_of_cases(
    client, login, world, settings, tmp_path, django_assert_max_num_queries
):
    from schakel.cases import services as case_services
    from schakel.testing.factories import household_with_members

    settings.MONITOR_DIR = str(tmp_path)
    login(client, world.teamleider)
    query = {"gemeente": "0001", "jaar": date.today().year, "indicator": "deadline_onderzoek", "law": "wmo"}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, queries = [], []
    for n in (1, 4):
        while len(counts) < n:
            case_services.register_melding(
                world.regisseur,
                household=household_with_members(world.gemeente, adults=1, children=1),
                received_on=date.today(),
                channel="telefoon",
                laws=["wmo"],
                question="Hulpvraag",
                team=world.team,
            )
            counts.append(1)
        job.run(tmp_path)
        client.get(reverse("monitoring:drill"), query)  # warm the per-process caches (activity register)
        with django_assert_max_num_queries(20), CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("monitoring:drill"), query)
        assert len(response.context["cases"]) == n
        queries.append(len(captured))
    assert queries[0] == queries[1]
