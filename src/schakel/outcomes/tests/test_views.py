"""The outcome screens: measurement grid (relevance first, htmx), household fragment, goal attainment,
the work queue's evaluation signal; bounded query counts; reads in the processing log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services as case_services
from schakel.cases.models import Case
from schakel.core.models import ProcessingLogEntry
from schakel.outcomes.models import Measurement, OutcomeSettings

from .conftest import measure

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def _url(case):
    return reverse("outcomes:measurement_new", kwargs={"pk": case.pk})


def _post(person, zrm, **extra):
    data = {
        "person": person.pk,
        "instrument": zrm.pk,
        "moment": "intake",
        "measured_on": date.today().isoformat(),
        "stap": "opslaan",
    }
    data.update(extra)
    return data


def test_grid_asks_relevance_first(client, login, world, open_case, zrm):
    login(client, world.regisseur)
    response = client.get(_url(open_case))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('name="rel-') == 13
    assert 'name="score-' not in body  # no score before a domain is marked relevant


def test_marking_a_domain_relevant_shows_its_scores_htmx(client, login, world, open_case, person, zrm):
    login(client, world.regisseur)
    response = client.post(
        _url(open_case), {**_post(person, zrm), "stap": "raster", "rel-financien": "on"}, headers=HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="meetraster"' in body and "<html" not in body
    assert body.count('name="score-financien"') == 5
    assert 'name="score-huisvesting"' not in body


def test_saving_a_measurement(client, login, world, open_case, person, zrm):
    login(client, world.regisseur)
    response = client.post(
        _url(open_case),
        _post(
            person,
            zrm,
            **{
                "rel-financien": "on",
                "score-financien": "2",
                "eigen-financien": "60",
                "netwerk-financien": "20",
                "prof-financien": "20",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/huishouden/{open_case.household_id}/#uitkomsten"
    m = Measurement.objects.get()
    assert m.scores.get(domain__code="financien").score == 2


def test_errors_are_shown_at_the_domain_and_nothing_is_stored(client, login, world, open_case, person, zrm):
    login(client, world.regisseur)
    response = client.post(_url(open_case), _post(person, zrm, **{"rel-financien": "on"}))
    assert response.status_code == 200
    assert "Geef een score voor Financiën" in response.content.decode()
    response = client.post(
        _url(open_case),
        _post(
            person,
            zrm,
            measured_on=(date.today() + timedelta(1)).isoformat(),
            **{"rel-financien": "on", "score-financien": "2"},
        ),
    )
    assert "in de toekomst" in response.content.decode()
    response = client.post(_url(open_case), _post(person, zrm))
    assert "minstens één domein" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_score_without_relevance_is_not_taken(client, login, world, open_case, person, zrm):
    """The grid only reads scores of domains marked relevant (a stale score field is ignored)."""
    login(client, world.regisseur)
    client.post(
        _url(open_case),
        _post(person, zrm, **{"rel-financien": "on", "score-financien": "2", "score-justitie": "4"}),
    )
    assert Measurement.objects.get().scores.get(domain__code="justitie").score is None


def test_household_fragment_shows_chart_table_and_goals(client, login, world, open_case, person, zrm):
    user = world.regisseur
    measure(user, open_case, person, zrm)
    goal = case_services.add_goal(
        user, open_case, life_domain="financien", description="Schulden regelen", person=person
    )
    login(client, user)
    url = reverse("outcomes:household", kwargs={"pk": open_case.household_id})
    before = ProcessingLogEntry.objects.filter(operation="uitkomst.huishouden_inzien").count()
    response = client.get(url, headers=HX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="grafiek-' in body and "data-chart-spec=" in body
    assert "&quot;score&quot;: 2" in body and "Schulden regelen" in body
    assert reverse("outcomes:goal", kwargs={"pk": goal.pk}) in body
    assert ProcessingLogEntry.objects.filter(operation="uitkomst.huishouden_inzien").count() == before + 1
    full = client.get(url)
    assert "<html" in full.content.decode() and "charts.js" in full.content.decode()


def test_household_page_loads_the_fragment(client, login, world, open_case):
    login(client, world.regisseur)
    body = client.get(reverse("cases:household", kwargs={"pk": open_case.household_id})).content.decode()
    assert reverse("outcomes:household", kwargs={"pk": open_case.household_id}) in body
    assert 'hx-trigger="load"' in body


@pytest.mark.parametrize("measurements", [1, 6])
def test_household_fragment_query_count_is_bounded(
    client, login, world, open_case, person, zrm, measurements, django_assert_max_num_queries
):
    user = world.regisseur
    moments = ["intake", "tussenmeting", "evaluatie", "afsluiting"]
    for i in range(measurements):
        measure(user, open_case, person, zrm, moment=moments[i % 4], on=date.today() - timedelta(days=i // 4))
        case_services.add_goal(
            user, open_case, life_domain="financien", description=f"Doel {i}", person=person
        )
    login(client, user)
    url = reverse("outcomes:household", kwargs={"pk": open_case.household_id})
    client.get(url, headers=HX)
    with django_assert_max_num_queries(24):
        client.get(url, headers=HX)


def test_goal_attainment_page(client, login, world, open_case, person):
    user = world.regisseur
    goal = case_services.add_goal(user, open_case, life_domain="financien", description="Doel", person=person)
    login(client, user)
    url = reverse("outcomes:goal", kwargs={"pk": goal.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"target_score": "4", "result": "bereikt", "gas_score": "1", "assessed_on": date.today().isoformat()},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "bereikt" and goal.outcome.target_score == 4 and goal.outcome.gas_score == 1
    response = client.post(
        url,
        {"target_score": "", "result": "bereikt", "assessed_on": (date.today() + timedelta(3)).isoformat()},
    )
    assert response.status_code == 200 and "in de toekomst" in response.content.decode()


def _due_case(world, open_case):
    Case.objects.filter(pk=open_case.pk).update(
        status="uitvoering", opened_on=date.today() - timedelta(days=200)
    )
    return Case.objects.get(pk=open_case.pk)


def test_work_queue_shows_cases_whose_evaluation_is_due(client, login, world, open_case, person, zrm):
    case = _due_case(world, open_case)
    login(client, world.regisseur)
    url = reverse("cases:workqueue")
    response = client.get(url, {"tab": "evaluatie"})
    assert [r["case"].pk for r in response.context["rows"]] == [case.pk]
    assert "Evaluatie nodig" in response.content.decode()
    # a recent measurement resets the clock
    measure(world.regisseur, case, person, zrm, moment="evaluatie", on=date.today() - timedelta(days=5))
    assert client.get(url, {"tab": "evaluatie"}).context["rows"] == []


def test_the_interval_is_configurable_per_municipality(client, login, world, open_case):
    _due_case(world, open_case)
    OutcomeSettings.objects.create(gemeente=world.gemeente, evaluation_interval_months=12)
    login(client, world.regisseur)
    assert client.get(reverse("cases:workqueue"), {"tab": "evaluatie"}).context["rows"] == []
    OutcomeSettings.objects.filter(gemeente=world.gemeente).delete()
    assert len(client.get(reverse("cases:workqueue"), {"tab": "evaluatie"}).context["rows"]) == 1


def test_an_interval_changed_elsewhere_applies_at_once(client, login, world, open_case):
    """No per-process cache: an update that sends no signal in this process (another worker, a bulk
    update) is seen by the next request."""
    _due_case(world, open_case)
    OutcomeSettings.objects.create(gemeente=world.gemeente, evaluation_interval_months=12)
    login(client, world.regisseur)
    url = reverse("cases:workqueue")
    assert client.get(url, {"tab": "evaluatie"}).context["rows"] == []
    OutcomeSettings.objects.filter(gemeente=world.gemeente).update(evaluation_interval_months=3)
    assert len(client.get(url, {"tab": "evaluatie"}).context["rows"]) == 1


def test_months_before():
    from schakel.outcomes.services import months_before

    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)
