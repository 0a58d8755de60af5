"""API of the outcomes app: instruments, measurements and goal attainment; errors in Dutch (400), access via
the case visibility, processing-log entries, bounded query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.cases import services as case_services
from schakel.core.models import ProcessingLogEntry
from schakel.outcomes.models import Measurement

from .conftest import measure

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"api:{name}", kwargs={"version": "v1", **kwargs})


def body(case, person, instrument, **extra):
    data = {
        "casus": case.pk,
        "persoon": person.pk,
        "instrument": instrument.pk,
        "moment": "intake",
        "datum": date.today().isoformat(),
        "scores": [
            {
                "domein": "financien",
                "relevant": True,
                "score": 2,
                "eigenKracht": 50,
                "netwerk": 25,
                "professioneleHulp": 25,
            },
            {"domein": "justitie", "relevant": False},
        ],
    }
    data.update(extra)
    return data


def test_instruments(client, login, world, zrm):
    login(client, world.contractmanager)
    response = client.get(url("meetinstrument-list"))
    assert response.status_code == 200
    items = response.json()["results"]
    names = {(i["code"], i["versie"]) for i in items}
    assert {("zrm", "2017"), ("zrm", "2013"), ("participatieladder", "1"), ("doelrealisatie", "1")} <= names
    detail = client.get(url("meetinstrument-detail", pk=zrm.pk)).json()
    assert len(detail["domeinen"]) == 13 and detail["schaal"][0] == {
        "waarde": 1,
        "label": "Acute problematiek",
        "omschrijving": "",
    }


def test_create_list_and_detail(client, login, world, open_case, person, zrm):
    login(client, world.regisseur)
    response = client.post(url("meting-list"), body(open_case, person, zrm), content_type="application/json")
    assert response.status_code == 201, response.json()
    created = response.json()
    scores = {s["domein"]: s for s in created["scores"]}
    assert scores["financien"]["score"] == 2 and scores["financien"]["eigenKracht"] == 50
    assert scores["justitie"] == {**scores["justitie"], "relevant": False, "score": None}
    assert ProcessingLogEntry.objects.filter(operation="uitkomst.meting_vastleggen").count() == 1
    listed = client.get(url("meting-list"), {"casus": open_case.pk}).json()
    assert [m["id"] for m in listed["results"]] == [created["id"]]
    assert ProcessingLogEntry.objects.filter(
        operation="api.metingen.lijst", processing_activity__code="uitkomstmeting-sociaal-domein"
    ).exists()
    detail = client.get(url("meting-detail", pk=created["id"]))
    assert detail.status_code == 200
    assert ProcessingLogEntry.objects.filter(operation="api.metingen.inzien").exists()


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        (
            {"scores": [{"domein": "financien", "relevant": True, "score": 7}]},
            "scores.financien",
            "buiten de schaal",
        ),
        (
            {"scores": [{"domein": "justitie", "relevant": False, "score": 3}]},
            "scores.justitie",
            "niet relevant",
        ),
        ({"datum": (date.today() + timedelta(days=1)).isoformat()}, "datum", "toekomst"),
        ({"datum": "2001-01-01"}, "datum", "vóór de start van de casus"),
    ],
)
def test_bad_input_is_a_dutch_400_and_nothing_is_stored(
    client, login, world, open_case, person, zrm, change, field, text
):
    login(client, world.regisseur)
    response = client.post(
        url("meting-list"), body(open_case, person, zrm, **change), content_type="application/json"
    )
    assert response.status_code == 400
    assert text in str(response.json()[field])
    assert not Measurement.objects.exists()


def test_duplicate_moment_same_day(client, login, world, open_case, person, zrm):
    login(client, world.regisseur)
    assert (
        client.post(
            url("meting-list"), body(open_case, person, zrm), content_type="application/json"
        ).status_code
        == 201
    )
    response = client.post(url("meting-list"), body(open_case, person, zrm), content_type="application/json")
    assert response.status_code == 400 and "al een meting" in str(response.json()["moment"])
    assert Measurement.objects.count() == 1


@pytest.mark.parametrize("kind", ["other_team_regisseur", "foreign_regisseur"])
def test_outside_the_work_queue(client, login, world, open_case, person, zrm, kind):
    m = measure(world.regisseur, open_case, person, zrm)
    login(client, getattr(world, kind))
    assert client.get(url("meting-detail", pk=m.pk)).status_code == 404
    assert client.get(url("meting-list")).json()["results"] == []
    response = client.post(
        url("meting-list"), body(open_case, person, zrm, moment="evaluatie"), content_type="application/json"
    )
    assert response.status_code == 400 and "casus" in response.json()
    assert Measurement.objects.count() == 1


def test_without_permission(client, login, world):
    login(client, world.contractmanager)
    assert client.get(url("meting-list")).status_code == 403
    assert client.get(url("doelrealisatie-list")).status_code == 403


@pytest.mark.parametrize("n", [1, 8])
def test_list_query_count_is_bounded(
    client, login, world, open_case, person, zrm, n, django_assert_max_num_queries
):
    moments = ["intake", "tussenmeting", "evaluatie", "afsluiting"]
    for i in range(n):
        measure(
            world.regisseur,
            open_case,
            person,
            zrm,
            moment=moments[i % 4],
            on=date.today() - timedelta(days=i // 4),
        )
    login(client, world.regisseur)
    client.get(url("meting-list"))
    with django_assert_max_num_queries(12):
        response = client.get(url("meting-list"))
    assert len(response.json()["results"]) == n


def test_goal_attainment(client, login, world, open_case, person):
    goal = case_services.add_goal(
        world.regisseur, open_case, life_domain="financien", description="Doel", person=person
    )
    login(client, world.regisseur)
    response = client.post(
        url("doelrealisatie-list"),
        {"doel": goal.pk, "streefscore": 4, "resultaat": "deels", "gasScore": -1},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["status"], data["streefscore"], data["gasScore"], data["streefdomein"]) == (
        "deels",
        4,
        -1,
        "financien",
    )
    goal.refresh_from_db()
    assert goal.status == "deels"
    assert client.get(url("doelrealisatie-detail", pk=data["id"])).status_code == 200
    assert len(client.get(url("doelrealisatie-list")).json()["results"]) == 1


def test_goal_attainment_bad_input(client, login, world, open_case, person):
    goal = case_services.add_goal(
        world.regisseur, open_case, life_domain="financien", description="Doel", person=person
    )
    login(client, world.regisseur)
    bad = client.post(
        url("doelrealisatie-list"),
        {"doel": goal.pk, "resultaat": "bereikt", "gasScore": 5},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "−2 en +2" in str(bad.json()["gasScore"])
    empty = client.post(url("doelrealisatie-list"), {"doel": goal.pk}, content_type="application/json")
    assert empty.status_code == 400
    target = client.post(
        url("doelrealisatie-list"), {"doel": goal.pk, "streefscore": 9}, content_type="application/json"
    )
    assert target.status_code == 400 and "buiten de schaal" in str(target.json()["streefscore"])
    goal.refresh_from_db()
    assert goal.status == "open"
    login(client, world.other_team_regisseur)
    hidden = client.post(
        url("doelrealisatie-list"), {"doel": goal.pk, "resultaat": "bereikt"}, content_type="application/json"
    )
    assert hidden.status_code == 400 and "doel" in hidden.json()
