"""The work queue: tabs, filters, deadline flags, htmx partial, access and query bounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services
from schakel.cases.models import Case
from schakel.core.models import ProcessingLogEntry
from schakel.testing.factories import household_with_members

URL = reverse("cases:workqueue")


def _melding(world, days_ago: int, laws=("wmo",), regisseur=None, team=None):
    household = household_with_members(world.gemeente, adults=1, children=0)
    return services.register_melding(
        world.regisseur,
        household=household,
        received_on=date.today() - timedelta(days=days_ago),
        channel="telefoon",
        laws=list(laws),
        question="Hulpvraag",
        team=team or world.team,
        regisseur=regisseur or world.regisseur,
    )


def test_regisseur_sees_own_cases_with_deadline_flag(client, login, world):
    overdue = _melding(world, 50)  # six weeks passed: onderzoek overdue
    soon = _melding(world, 38)  # due within seven days
    login(client, world.regisseur)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert overdue.household.name in html and soon.household.name in html
    assert "Verlopen" in html and "Binnenkort" in html  # text, not colour alone
    assert "schakel-flag--verlopen" in html


def test_tabs_and_filters(client, login, world):
    mine = _melding(world, 50, laws=["wmo"])
    colleague_case = _melding(world, 1, laws=["jeugd"], regisseur=world.colleague)
    login(client, world.regisseur)
    mijn = client.get(URL, {"tab": "mijn"}).content.decode()
    assert mine.household.name in mijn and colleague_case.household.name not in mijn
    team = client.get(URL, {"tab": "team"}).content.decode()
    assert mine.household.name in team and colleague_case.household.name in team
    verlopen = client.get(URL, {"tab": "verlopen"}).content.decode()
    assert mine.household.name in verlopen and colleague_case.household.name not in verlopen
    jeugd = client.get(URL, {"tab": "team", "wet": "jeugd"}).content.decode()
    assert colleague_case.household.name in jeugd and mine.household.name not in jeugd
    status = client.get(URL, {"tab": "team", "status": "onderzoek"}).content.decode()
    assert mine.household.name not in status


def test_invalid_filter_values_do_not_fail(client, login, world):
    _melding(world, 3)
    login(client, world.regisseur)
    response = client.get(URL, {"tab": "x", "status": "bestaat-niet", "wet": "<script>", "pagina": "abc"})
    assert response.status_code == 200


def test_sort_by_deadline_then_opened(client, login, world):
    late = _melding(world, 50)
    early = _melding(world, 2)
    login(client, world.regisseur)
    html = client.get(URL, {"sorteer": "termijn"}).content.decode()
    assert html.index(late.household.name) < html.index(early.household.name)
    html = client.get(URL, {"sorteer": "-geopend"}).content.decode()
    assert html.index(early.household.name) < html.index(late.household.name)


def test_htmx_filter_returns_only_the_table(client, login, world):
    case = _melding(world, 3)
    login(client, world.regisseur)
    response = client.get(URL, {"tab": "mijn"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="werkvoorraad"' in html and case.household.name in html
    assert "<html" not in html and "schakel-filters" not in html


def test_work_queue_logs_households_shown(client, login, world):
    case = _melding(world, 3)
    login(client, world.regisseur)
    client.get(URL)
    entry = ProcessingLogEntry.objects.get(operation="werkvoorraad.inzien")
    assert entry.object_id == str(case.household_id)
    assert entry.processing_activity.code == "casusregie-sociaal-domein"


def test_other_teams_cases_not_listed(client, login, world):
    case = _melding(world, 3, team=world.other_team, regisseur=world.other_team_regisseur)
    for user in (world.regisseur, world.foreign_regisseur):
        login(client, user)
        html = client.get(URL, {"tab": "team"}).content.decode()
        assert case.household.name not in html


def test_access_denied(client, login, world):
    assert client.get(URL).status_code == 302
    assert reverse("web:login") in client.get(URL)["Location"]
    login(client, world.contractmanager)
    assert client.get(URL).status_code == 403


def test_pagination(client, login, world):
    for _ in range(53):
        _melding(world, 1)
    login(client, world.regisseur)
    first = client.get(URL)
    assert first.context["page"].paginator.num_pages == 2 and len(first.context["rows"]) == 50
    assert len(client.get(URL, {"pagina": 2}).context["rows"]) == 3


@pytest.mark.parametrize("cases", [2, 20])
def test_query_count_is_bounded(client, login, world, django_assert_max_num_queries, cases):
    for _ in range(cases):
        _melding(world, 10)
    login(client, world.regisseur)
    client.get(URL)  # warm the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["rows"]) == Case.objects.count()
