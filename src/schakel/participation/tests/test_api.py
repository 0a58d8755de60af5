"""API: requests, advice and the response per point; bad input answered 400 with nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.participation.models import AdviceRequest, Response

from .conftest import make_advice

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(f"api:{name}", kwargs={"version": "v1", **kwargs})


def test_request_create_send_and_past_deadline(councils, client, login):
    login(client, councils.beleid)
    payload = {
        "gemeente": councils.wmo.gemeente.code,
        "onderwerp": "Mantelzorg",
        "beleidsveld": "wmo_4",
        "fase": "verkenning",
        "uitersteDatumAdvies": str(date.today() + timedelta(days=20)),
    }
    created = client.post(api("adviesaanvraag-list"), payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["raden"] == [councils.wmo.pk] and body["vroegtijdig"] is True
    sent = client.post(api("adviesaanvraag-versturen", pk=body["id"]))
    assert sent.json()["status"] == "uitgezet"
    past = client.post(
        api("adviesaanvraag-list"),
        {**payload, "uitersteDatumAdvies": str(date.today() - timedelta(days=1))},
        content_type="application/json",
    )
    assert past.status_code == 400 and "uitersteDatumAdvies" in past.json()
    assert AdviceRequest.objects.count() == 1


def test_advice_and_response_flow(councils, client, login):
    login(client, councils.member_wmo)
    created = client.post(
        api("advies-list"),
        {"raad": councils.wmo.pk, "titel": "Ongevraagd", "beleidsveld": "wmo_4", "punten": ["Een", "Twee"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    advice_id = created.json()["id"]
    submitted = client.post(api("advies-uitbrengen", pk=advice_id)).json()
    assert submitted["status"] == "uitgebracht" and submitted["gevraagd"] is False
    points = [p["id"] for p in submitted["punten"]]
    # a member cannot respond on behalf of the municipality
    assert client.post(
        api("advies-reactie", pk=advice_id), {}, content_type="application/json"
    ).status_code in (400, 403)
    login(client, councils.beleid)
    bad = client.post(
        api("advies-reactie", pk=advice_id),
        {
            "punten": [
                {"punt": points[0], "reactie": "overgenomen"},
                {"punt": points[1], "reactie": "niet_overgenomen"},
            ]
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and f"point_{points[1]}" in bad.json()
    assert not Response.objects.exists()
    good = client.post(
        api("advies-reactie", pk=advice_id),
        {
            "punten": [
                {"punt": points[0], "reactie": "overgenomen"},
                {"punt": points[1], "reactie": "niet_overgenomen", "motivering": "Geen budget"},
            ],
            "raadsvoorstelUrl": "https://example.org/rv",
            "publiceren": True,
        },
        content_type="application/json",
    )
    assert good.status_code == 200, good.content
    assert good.json()["status"] == "beantwoord"


def test_member_cannot_post_for_another_council(councils, client, login):
    login(client, councils.member_wmo)
    response = client.post(
        api("advies-list"),
        {"raad": councils.client.pk, "titel": "X", "beleidsveld": "wmo_6", "punten": ["a"]},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_council_list(councils, client, login):
    make_advice(councils)
    login(client, councils.member_client)
    body = client.get(api("adviesraad-list")).json()
    assert [c["id"] for c in body["results"]] == [councils.client.pk]
