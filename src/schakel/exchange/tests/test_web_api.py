"""Pages and the provider REST transport: access (a provider sees only its own), processing log, bounded
query counts on the list pages, the rules page generated from the registry."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.contracts.tests import helpers as h
from schakel.core.models import ProcessingLogEntry
from schakel.exchange import synthetic as s
from schakel.exchange.models import Message
from schakel.exchange.rules import implemented

from .conftest import TODAY


@pytest.fixture
def traffic(exch, run):
    """A few processed messages of De Linde (and their retours)."""
    run(
        s.start_message(exch.target, run.ident(), TODAY),
        s.vot_message(exch.target, run.ident(), TODAY, referentie="Q1"),
    )
    return exch


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_inbox_outbox_and_detail_for_message_viewers(traffic, world, client, login):
    login(client, world.contractmanager)
    inbox = client.get(reverse("exchange:inbox"))
    assert inbox.status_code == 200 and "WMO305" in inbox.content.decode()
    assert (
        "Goedgekeurd: er is niets op aan te merken."
        in client.get(reverse("exchange:outbox")).content.decode()
    )
    message = Message.objects.filter(direction="in").first()
    before = ProcessingLogEntry.objects.count()
    detail = client.get(reverse("exchange:message", kwargs={"pk": message.pk}))
    assert detail.status_code == 200 and ProcessingLogEntry.objects.count() > before


def test_regisseur_and_foreign_staff_see_no_inbox(traffic, world, client, login):
    login(client, world.regisseur)
    assert client.get(reverse("exchange:inbox")).status_code == 403
    login(client, world.foreign_regisseur)
    message = Message.objects.first()
    assert client.get(reverse("exchange:message", kwargs={"pk": message.pk})).status_code in (403, 404)


def test_inbox_query_count_is_bounded(exch, run, world, client, login, django_assert_max_num_queries):
    login(client, world.contractmanager)
    run(*[s.start_message(exch.target, run.ident(), TODAY) for _ in range(3)])
    with django_assert_max_num_queries(12):
        client.get(reverse("exchange:inbox"))
    run(*[s.vot_message(exch.target, run.ident(), TODAY, referentie=f"R{i}") for i in range(8)])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("exchange:inbox")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("exchange:requests")).status_code == 200


def test_request_page_answers_with_319(traffic, world, client, login):
    from schakel.exchange.models import Request

    login(client, world.contractmanager)
    request = Request.objects.get()
    url = reverse("exchange:request", kwargs={"pk": request.pk})
    assert client.get(url).status_code == 200
    bad = client.post(url, {"antwoord": "1"})
    assert bad.status_code == 200 and "reden" in bad.content.decode().lower()
    assert client.post(url, {"antwoord": "1", "reden": "3"}).status_code == 302
    assert Message.objects.filter(direction="uit", message_type="319").count() == 1


def test_request_page_shows_dutch_dates_and_euros(traffic, world, client, login):
    from datetime import timedelta

    from schakel.exchange.models import Request

    login(client, world.contractmanager)
    request = Request.objects.get()
    url = reverse("exchange:request", kwargs={"pk": request.pk})
    start = TODAY + timedelta(days=14)
    body = client.get(url).content.decode()
    assert start.strftime("%d-%m-%Y") in body and start.isoformat() not in body
    assert "Uur (04)" in body and "Per week (2)" in body and "Gemeente (01)" in body
    vow = {
        "reden": "1",
        "ongewijzigd": [11, 12],
        "te_wijzigen": [{"nummer": 13, "ingangsdatum": start.isoformat(), "einddatum": "", "volume": None,
                         "budget": 123456}],
        "nieuw": [],
    }  # fmt: skip
    Request.objects.filter(pk=request.pk).update(kind="vow", detail=vow)
    body = client.get(url).content.decode()
    assert "€ 1.234,56" in body and "123456" not in body
    assert start.strftime("%d-%m-%Y") in body and start.isoformat() not in body
    assert "Verandering cliëntsituatie (1)" in body and "11, 12" in body and "toewijzing 13" in body


def test_rules_page_lists_the_registry(world, client, login):
    login(client, world.regisseur)
    body = client.get(reverse("exchange:rules")).content.decode()
    for rule in implemented():
        assert rule.id in body


def test_provider_api_sees_only_own_messages(traffic, world, run):
    linde_user = h.provider_user("linde", traffic.linde, world.gemeente)
    beuk_user = h.provider_user("beuk", traffic.beuk, world.gemeente)
    api = _api(linde_user)
    listed = api.get(reverse("api:aanbieder-bericht-list", kwargs={"version": "v1"})).json()
    assert listed["count"] == Message.objects.filter(provider=traffic.linde).count() > 0
    other = _api(beuk_user)
    assert other.get(reverse("api:aanbieder-bericht-list", kwargs={"version": "v1"})).json()["count"] == 0
    message = Message.objects.filter(provider=traffic.linde).first()
    url = reverse("api:aanbieder-bericht-detail", kwargs={"version": "v1", "pk": message.pk})
    assert other.get(url).status_code == 404
    assert api.get(url).status_code == 200
    allocations = api.get(reverse("api:aanbieder-toewijzing-list", kwargs={"version": "v1"})).json()
    assert [a["toewijzingnummer"] for a in allocations["results"]] == [traffic.allocation.number]
    assert other.get(reverse("api:aanbieder-toewijzing-list", kwargs={"version": "v1"})).json()["count"] == 0


def test_provider_api_delivers_and_fetches(exch, world):
    user = h.provider_user("linde", exch.linde, world.gemeente)
    api = _api(user)
    raw = s.encode(s.start_message(exch.target, "API1", TODAY))
    created = api.post(
        reverse("api:aanbieder-bericht-list", kwargs={"version": "v1"}), raw, content_type="application/xml"
    )
    assert created.status_code == 201 and created.json()["status"] == "goedgekeurd"
    retour_id = created.json()["retourbericht"]
    fetched = api.post(reverse("api:aanbieder-bericht-fetched", kwargs={"version": "v1", "pk": retour_id}))
    assert fetched.status_code == 200 and fetched.json()["status"] == "verzonden"
    # a provider cannot deliver in another provider's name
    other = _api(h.provider_user("beuk", exch.beuk, world.gemeente))
    raw2 = s.encode(s.start_message(exch.target, "API2", TODAY))
    answer = other.post(
        reverse("api:aanbieder-bericht-list", kwargs={"version": "v1"}), raw2, content_type="application/xml"
    )
    assert answer.json()["status"] == "afgewezen"


def test_staff_cannot_use_provider_api(traffic, world):
    api = _api(world.contractmanager)
    assert api.get(reverse("api:aanbieder-bericht-list", kwargs={"version": "v1"})).status_code == 403


def test_allocation_history_include(traffic):
    from django.template.loader import render_to_string

    html = render_to_string("exchange/_allocation_messages.html", {"allocation": traffic.allocation})
    assert (
        "WMO305" in html and "WMO306" not in html
    )  # the heenbericht is linked; its retour via the detail page
