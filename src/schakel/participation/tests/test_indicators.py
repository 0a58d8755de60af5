"""Indicators for the monitor: requests per council, on-time rates, adoption, unrequested share, themes."""

from __future__ import annotations

from datetime import date

import pytest

from schakel.participation import indicators, services
from schakel.participation.models import AdviceRequest

from .conftest import make_advice, make_request

pytestmark = pytest.mark.django_db
YEAR = date.today().year


def _answer(c, advice, outcomes):
    points = list(advice.points.order_by("number"))
    services.record_response(
        c.beleid,
        advice,
        outcomes={
            p.pk: (o, "" if o == "overgenomen" else "Reden") for p, o in zip(points, outcomes, strict=True)
        },
    )
    services.publish_response(c.beleid, advice)


def test_indicators(councils, django_assert_max_num_queries):
    g = councils.wmo.gemeente.pk
    request = make_request(councils, field="wmo_6")  # both councils have wmo_6
    requested = make_advice(councils, request=request)
    unrequested = make_advice(councils, council=councils.client, user=councils.member_client)
    _answer(councils, requested, ["overgenomen", "deels"])
    _answer(councils, unrequested, ["niet_overgenomen", "overgenomen"])
    # a late advice: deadline moved into the past after submission
    AdviceRequest.objects.filter(pk=request.pk).update(advice_deadline=date(YEAR, 1, 1))
    with django_assert_max_num_queries(1):
        assert indicators.requests_per_council(g, YEAR) == {
            "Cliëntenraad Schakeldam": 1,
            "Wmo-raad Schakeldam": 1,
        }
    if date.today() != date(YEAR, 1, 1):
        assert indicators.advice_on_time_rate(g, YEAR) == 0.0
    assert indicators.response_on_time_rate(g, YEAR) == 1.0
    assert indicators.adoption_rate(g, YEAR) == pytest.approx((1 + 0.5 + 0 + 1) / 4, abs=0.001)
    assert indicators.unrequested_share(g, YEAR) == 0.5
    assert indicators.themes(g, YEAR)[0]["code"] == "wmo_4"
    with django_assert_max_num_queries(2):
        rows = {r["council"]: r for r in indicators.per_council(g, YEAR)}
    assert rows["Wmo-raad Schakeldam"]["requested"] == 1 and rows["Wmo-raad Schakeldam"]["partly"] == 1
    assert rows["Cliëntenraad Schakeldam"]["unrequested"] == 1
    assert rows["Cliëntenraad Schakeldam"]["adoption_rate"] == 0.5
    summary = indicators.summary(g, YEAR)
    assert set(summary) == {
        "requests_per_council",
        "advice_on_time_rate",
        "response_on_time_rate",
        "adoption_rate",
        "unrequested_share",
        "themes",
    }


def test_indicators_without_data(councils):
    g = councils.wmo.gemeente.pk
    assert indicators.adoption_rate(g, YEAR) is None
    assert indicators.per_council(g, YEAR) == []
