"""The monitor API: permission, municipality scoping, disclosure control, filters and Dutch 400 answers."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from schakel.api.tests.fixtures import *  # noqa: F403  (the API fixtures)
from schakel.api.tests.fixtures import API
from schakel.core.models import Membership, ProcessingLogEntry, Role
from schakel.monitoring import services
from schakel.monitoring.indicators import REGISTRY, Params
from schakel.monitoring.tests import extract_fixture as fx
from schakel.testing.factories import make_user

pytestmark = pytest.mark.django_db

LIST = f"{API}/monitor/indicatoren/"


def detail(name: str) -> str:
    return f"{LIST}{name}/"


@pytest.fixture(autouse=True)
def _fresh_results():
    services._cache.clear()
    cache.clear()
    yield
    services._cache.clear()


@pytest.fixture
def extract(settings, tmp_path, world):
    """The hand-made extract for ``world.gemeente`` (0001), every person five times over (disjoint copies), so
    counts reach the disclosure threshold: 3 jeugd clients become 15, 2 participatie clients 10."""
    settings.MONITOR_DIR = str(tmp_path)
    fx.write(tmp_path, gemeente_code=world.gemeente.code, copies=5)
    return tmp_path


@pytest.fixture
def small_extract(settings, tmp_path, world):
    """The hand-made extract once: every count is below 10."""
    settings.MONITOR_DIR = str(tmp_path)
    fx.write(tmp_path, gemeente_code=world.gemeente.code)
    return tmp_path


@pytest.fixture
def beleid(world):
    return make_user("beleidsmedewerker", world.gemeente, username="beleid")


def test_list_of_indicators(api_as, beleid):
    response = api_as(beleid).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert [i["id"] for i in body] == list(REGISTRY)
    first = {i["id"]: i for i in body}["clients_per_law"]
    assert first["titel"] == "Cliënten per wet per 1.000 inwoners"
    assert first["thema"] == "usage" and first["themaTitel"] == "Gebruik van voorzieningen"
    assert first["eenheid"] == "per 1.000 inwoners"
    assert first["omschrijving"].startswith("Personen met minstens één voorziening")
    assert first["aantallen"] == ["clients", "inhabitants"] and first["afgeleid"] == ["per_1000"]


@pytest.mark.parametrize("who", ["regisseur", "contractmanager", "beheerder"])
def test_without_the_monitor_permission_nothing(api_as, world, who, extract):
    user = getattr(world, who)
    client = api_as(user)
    assert client.get(LIST).status_code == 403
    assert client.get(detail("clients_per_law"), {"jaar": 2025}).status_code == 403


def test_anonymous_is_refused(client, extract):
    assert client.get(LIST, HTTP_ACCEPT="application/json").status_code in (401, 403)


def test_result_is_rounded_and_suppressed_like_the_council_report(api_as, beleid, extract):
    response = api_as(beleid).get(detail("clients_per_law"), {"jaar": 2025})
    assert response.status_code == 200
    body = response.json()
    assert (body["gemeente"], body["van"], body["tot"], body["wijk"]) == (
        "0001",
        "2025-01-01",
        "2025-12-31",
        None,
    )
    assert {k["naam"]: k["soort"] for k in body["kolommen"]} == {
        "law": "sleutel",
        "clients": "aantal",
        "inhabitants": "aantal",
        "per_1000": "afgeleid",
    }
    rows = {r["law"]: r for r in body["rijen"]}
    # jeugd 3 × 5 = 15 of 60 inhabitants → 250 per 1,000; participatie 2 × 5 = 10
    assert (rows["jeugd"]["clients"], rows["jeugd"]["inhabitants"], rows["jeugd"]["per_1000"]) == (
        15,
        60,
        250.0,
    )
    assert rows["participatie"]["clients"] == 10 and rows["participatie"]["onderdrukt"] == []
    # the same figures as the dashboards and the council report
    council = services.results(
        beleid, beleid.memberships.first().gemeente, Params.year(2025), ["clients_per_law"]
    )
    assert [r["clients"] for r in body["rijen"]] == council["clients_per_law"]["clients"].tolist()


def test_small_counts_and_what_rests_on_them_are_suppressed(api_as, beleid, small_extract):
    body = api_as(beleid).get(detail("clients_per_law"), {"jaar": 2025}).json()
    jeugd = next(r for r in body["rijen"] if r["law"] == "jeugd")
    # 3 clients: suppressed, and the rate per 1,000 with it; 12 inhabitants rounds to 10
    assert jeugd["clients"] is None and jeugd["per_1000"] is None
    assert jeugd["inhabitants"] == 10
    assert jeugd["onderdrukt"] == ["clients", "per_1000"]


def test_no_persons_or_cases_in_any_result(api_as, beleid, extract):
    client = api_as(beleid)
    for name in REGISTRY:
        response = client.get(detail(name), {"jaar": 2025})
        assert response.status_code == 200, name
        columns = {k["naam"] for k in response.json()["kolommen"]}
        assert not columns & {"person_key", "household_key", "case_id", "provision_id"}, name
    assert not ProcessingLogEntry.objects.filter(operation__startswith="api.monitor").exists()


def test_filters_half_year_and_wijk(api_as, beleid, extract):
    client = api_as(beleid)
    response = client.get(detail("clients_by_wijk"), {"jaar": 2025, "halfjaar": 1, "wijk": fx.W2})
    assert response.status_code == 200
    body = response.json()
    assert (body["van"], body["tot"], body["wijk"]) == ("2025-01-01", "2025-06-30", fx.W2)
    assert {r["wijk_code"] for r in body["rijen"]} <= {fx.W2}
    expected = services.results(
        beleid,
        beleid.memberships.first().gemeente,
        Params.half_year(2025, 1, wijk_code=fx.W2),
        ["clients_by_wijk"],
    )["clients_by_wijk"]
    assert len(body["rijen"]) == len(expected)


def test_other_municipality_is_refused(api_as, beleid, extract):
    response = api_as(beleid).get(detail("clients_per_law"), {"jaar": 2025, "gemeente": "0002"})
    assert response.status_code == 403
    assert "gemeente" in response.json()["detail"]


def test_user_of_two_municipalities_must_choose(api_as, world, beleid, extract):
    Membership.objects.create(
        user=beleid, gemeente=world.other_gemeente, role=Role.objects.get(code="controller")
    )
    client = api_as(beleid)
    response = client.get(detail("clients_per_law"), {"jaar": 2025})
    assert response.status_code == 400
    assert "kies er een" in response.json()["gemeente"][0]
    ok = client.get(detail("clients_per_law"), {"jaar": 2025, "gemeente": "0001"})
    assert ok.status_code == 200 and ok.json()["gemeente"] == "0001"
    other = client.get(detail("clients_per_law"), {"jaar": 2025, "gemeente": "0002"}).json()
    assert other["gemeente"] == "0002" and other["rijen"] == []  # nothing of 0001 leaks into 0002


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({}, "jaar", "Geef het jaar op"),
        ({"jaar": "twintig"}, "jaar", "Het jaar moet een geheel getal zijn."),
        ({"jaar": 1800}, "jaar", "Kies een jaar tussen 2000 en volgend jaar."),
        ({"jaar": 2025, "halfjaar": 3}, "halfjaar", "Kies het eerste of tweede halfjaar."),
        ({"jaar": 2025, "halfjaar": "x"}, "halfjaar", "Het halfjaar moet 1 of 2 zijn."),
        ({"jaar": 2025, "wijk": "Centrum"}, "wijk", "CBS-wijkcode"),
        ({"jaar": 2025, "wijk": "WK999999"}, "wijk", "hoort niet bij de gemeente"),
        ({"jaar": 2025, "gemeente": "Utrecht"}, "gemeente", "vier cijfers"),
    ],
)
def test_bad_parameters_are_400_in_dutch(api_as, beleid, extract, query, field, message):
    response = api_as(beleid).get(detail("clients_per_law"), query)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_unknown_indicator_is_404(api_as, beleid, extract):
    assert api_as(beleid).get(detail("bestaat_niet"), {"jaar": 2025}).status_code == 404


def test_without_extract_an_empty_result(api_as, beleid, settings, tmp_path):
    settings.MONITOR_DIR = str(tmp_path / "leeg")
    response = api_as(beleid).get(detail("stapeling_persons"), {"jaar": 2025})
    assert response.status_code == 200
    assert response.json()["rijen"] == []
