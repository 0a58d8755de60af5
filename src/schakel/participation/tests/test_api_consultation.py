"""API: meetings with agenda items and the information log, scoped like the web pages; bounded queries;
signals are not in the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import NoReverseMatch, reverse

from schakel.participation import services

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(f"api:{name}", kwargs={"version": "v1", **kwargs})


@pytest.fixture
def consultation(councils):
    day = date.today() + timedelta(days=10)
    meetings = []
    for council, secretaris in (
        (councils.wmo, councils.secretaris),
        (councils.client, councils.secretaris),
    ):
        meeting = services.create_meeting(secretaris, council, date=day)
        services.submit_agenda_item(secretaris, meeting, title=f"Agenda {council.name}")
        services.log_information(secretaris, council, title=f"Info {council.name}")
        meetings.append(meeting)
    return meetings


def test_member_sees_only_own_council(councils, consultation, client, login):
    login(client, councils.member_wmo)
    body = client.get(api("overleg-list")).json()
    assert [m["raad"] for m in body["results"]] == [councils.wmo.pk]
    assert body["results"][0]["agendapunten"][0]["onderwerp"] == f"Agenda {councils.wmo.name}"
    assert "submitted_by" not in body["results"][0]["agendapunten"][0]
    info = client.get(api("informatie-list")).json()["results"]
    assert [i["raad"] for i in info] == [councils.wmo.pk]
    other = consultation[1]
    assert client.get(api("overleg-detail", pk=other.pk)).status_code == 404
    assert client.get(api("overleg-detail", pk=consultation[0].pk)).status_code == 200


def test_staff_and_foreign(councils, consultation, client, login):
    login(client, councils.beleid)
    assert len(client.get(api("overleg-list")).json()["results"]) == 2
    assert len(client.get(api("informatie-list")).json()["results"]) == 2
    client.logout()
    login(client, councils.member_foreign)
    assert client.get(api("overleg-list")).json()["results"] == []
    assert client.get(api("informatie-list")).json()["results"] == []


def test_read_only_and_no_signals(councils, consultation, client, login):
    login(client, councils.secretaris)
    assert client.post(api("overleg-list"), {}, content_type="application/json").status_code == 405
    with pytest.raises(NoReverseMatch):
        api("signaal-list")


def test_api_query_counts_bounded(councils, consultation, client, login, django_assert_max_num_queries):
    login(client, councils.secretaris)
    for meeting in consultation:
        for i in range(5):
            services.submit_agenda_item(councils.secretaris, meeting, title=f"Extra {i}")
    for i in range(10):
        services.log_information(councils.secretaris, councils.wmo, title=f"Stuk {i}")
    for i in range(6):
        services.create_meeting(
            councils.secretaris, councils.client, date=date.today() + timedelta(days=20 + i)
        )
    for name in ("overleg-list", "informatie-list"):
        with django_assert_max_num_queries(15):
            assert client.get(api(name)).status_code == 200
