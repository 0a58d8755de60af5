"""API writes of allocations (issue 4): allocate, change, withdraw and delete through ``/api/v1/toewijzingen/``.

Happy paths queue the 301 on commit exactly as the screens do (the exchange hook on ``AllocationChange``) and
write the services' processing-log entries. Every rule violation answers 400 with the service's Dutch message
at the API field name and stores nothing. Access: ``test_api_write_access.py``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.contracts import services
from schakel.contracts.models import Allocation, AllocationChange
from schakel.core.models import ProcessingLogEntry
from schakel.exchange import xml
from schakel.exchange.models import Message

from . import helpers as h

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def url(name: str, **kwargs) -> str:
    return reverse(f"api:toewijzing-{name}", kwargs={"version": "v1", **kwargs})


def rows() -> tuple[int, int, int]:
    """Allocations, their history and outgoing messages: unchanged after a refused request."""
    return Allocation.objects.count(), AllocationChange.objects.count(), Message.objects.count()


def snapshot(allocation: Allocation) -> dict:
    fresh = Allocation.objects.get(pk=allocation.pk)
    return {
        f: getattr(fresh, f)
        for f in ("end_date", "volume", "budget_cents", "status", "reason", "allocated_at")
    }


def last_301(allocation: Allocation):
    message = Message.objects.filter(direction="uit", message_type="301", allocations=allocation).latest("pk")
    parsed = xml.parse_message(bytes(message.raw))
    return next(p for p in parsed.Client.ToegewezenProducten if p.ToewijzingNummer == allocation.number)


@pytest.fixture
def api(world):
    return api_for(world.regisseur)


@pytest.fixture
def allocation(world, market):
    """3 hours per week of 01A01 at De Linde, ending in 50 days (allocated through the service)."""
    return services.allocate(
        world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(50)
    )


def refused(response, field: str, text: str, before) -> None:
    assert response.status_code == 400, response.content
    messages = response.json()[field]
    assert any(text in m for m in messages), messages
    assert rows() == before


# --------------------------------------------------------------------------- happy paths


def test_allocate_through_the_api_queues_the_301(world, market, api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            url("list"), {"beschiktProduct": market.dp.pk, "contractproduct": market.hh.pk}, format="json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    allocation = Allocation.objects.get()
    assert body["id"] == allocation.pk and body["toewijzingNummer"] == allocation.number >= 10_000_001
    # period and Omvang taken from the decision product; the provider from the contracted product
    assert (body["aanbieder"], body["beschiktProduct"]) == (market.linde.pk, market.dp.pk)
    assert (body["volume"], body["eenheid"], body["frequentie"]) == (3, "04", "2")
    assert body["einddatum"] == market.dp.end_date.isoformat() and body["redenWijziging"] == ""
    assert body["status"] == "actief" and body["budgetCent"] is None
    assert allocation.changes.get().kind == "toegewezen"
    product = last_301(allocation)
    assert product.RedenWijziging is None and product.Omvang.Volume == 3
    assert ProcessingLogEntry.objects.filter(
        user=world.regisseur,
        action="toevoegen",
        operation="Toewijzing aan aanbieder",
        processing_activity__code="toewijzing-zorgaanbieder",
        object_id=str(market.person.pk),
    ).exists()


def test_allocate_with_explicit_period_and_budget(world, market, api):
    response = api.post(
        url("list"),
        {
            "beschiktProduct": market.dp.pk,
            "contractproduct": market.hh.pk,
            "aanbieder": market.linde.pk,
            "ingangsdatum": TODAY.isoformat(),
            "einddatum": (TODAY + timedelta(30)).isoformat(),
            "budgetCent": 150_000,
            "volume": None,
            "eenheid": None,
            "frequentie": None,
            "commentaar": "Start na de zomer",
        },
        format="json",
    )
    # 01A01 has a product code: Omvang is required (CD041), so a budget is refused ...
    assert response.status_code == 400 and "CD041" in response.json()["volume"][0]
    # ... but the aspecifiek product (category 02, no code) takes a budget.
    dp = h.decision_product(
        market.case, market.person, category="02", code="", volume=None, unit="", frequency=""
    )
    response = api.post(
        url("list"),
        {
            "beschiktProduct": dp.pk,
            "contractproduct": market.aspecifiek.pk,
            "einddatum": (TODAY + timedelta(30)).isoformat(),
            "budgetCent": 150_000,
            "commentaar": "Start na de zomer",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["budgetCent"] == 150_000 and body["volume"] is None and body["commentaar"] == "Start na de zomer"
    )


def test_change_end_date_queues_a_301_with_the_reason(
    world, market, api, allocation, django_capture_on_commit_callbacks
):
    new_end = TODAY + timedelta(20)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            url("wijzigen", pk=allocation.pk),
            {"redenWijziging": "05", "einddatum": new_end.isoformat()},
            format="json",
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["einddatum"] == new_end.isoformat() and body["redenWijziging"] == "05"
    assert body["toewijzingNummer"] == allocation.number  # same ToewijzingNummer (OP033x1)
    product = last_301(allocation)
    assert product.RedenWijziging == "05" and product.Einddatum == new_end
    assert Allocation.objects.get(pk=allocation.pk).changes.filter(kind="gewijzigd").count() == 1


def test_change_volume_with_frequentie_6(world, market, api):
    dp = h.decision_product(
        market.case, market.person, category="11", code="11X01", unit="82", frequency="6", volume=10
    )
    allocation = services.allocate(world.regisseur, dp, market.linde, market.output)
    response = api.post(
        url("wijzigen", pk=allocation.pk), {"redenWijziging": "04", "volume": 12}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["volume"] == 12


def test_withdraw_queues_a_301(world, market, api, allocation, django_capture_on_commit_callbacks):
    end = TODAY + timedelta(10)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            url("intrekken", pk=allocation.pk),
            {"redenWijziging": "09", "einddatum": end.isoformat()},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ingetrokken"
    product = last_301(allocation)
    assert product.RedenWijziging == "09" and product.Einddatum == end


def test_delete_queues_a_301_with_reason_13(
    world, market, api, allocation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url("verwijderen", pk=allocation.pk))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "verwijderd" and body["redenWijziging"] == "13"
    assert body["einddatum"] == body["ingangsdatum"]  # CS335
    product = last_301(allocation)
    assert product.RedenWijziging == "13" and product.Einddatum == allocation.start_date


# --------------------------------------------------------------------------- rules: 400, nothing stored


def test_allocate_rule_violations(world, market, api, allocation):
    before = rows()
    post = lambda **body: api.post(url("list"), {"beschiktProduct": market.dp.pk, **body}, format="json")  # noqa: E731
    # OP259: the same product for the same client in an overlapping period, even at another provider
    refused(
        post(contractproduct=market.hh_beuk.pk),
        "ingangsdatum",
        "Stapelen is niet toegestaan (regel OP259)",
        before,
    )
    later = {"ingangsdatum": (TODAY + timedelta(60)).isoformat()}
    # CD077/CD078: Omvang and Budget both
    refused(
        post(contractproduct=market.hh_beuk.pk, budgetCent=1000, volume=2, **later),
        "budgetCent",
        "niet allebei (regels CD077/CD078)",
        before,
    )
    # CS338/CS343 and the contract: frequentie 1 (per dag) is not contracted for this product
    refused(
        post(contractproduct=market.hh_beuk.pk, frequentie="1", **later), "frequentie", "CS338/CS343", before
    )
    # the provider must be the contract's
    refused(
        post(contractproduct=market.hh_beuk.pk, aanbieder=market.linde.pk, **later),
        "contractproduct",
        "hoort niet bij het contract van deze aanbieder",
        before,
    )
    # within the granted period
    refused(
        post(contractproduct=market.hh_beuk.pk, ingangsdatum=(TODAY - timedelta(30)).isoformat()),
        "ingangsdatum",
        "binnen de beschikte periode",
        before,
    )
    # taakgericht: no per-client allocation (§4)
    lump = h.product(
        h.contract(h.provider("98000003", "Buurtteam"), world.gemeente),
        variant="taakgericht",
        unit="",
        frequencies=(),
        tariff=None,
    )
    before = rows()
    refused(post(contractproduct=lump.pk, **later), "contractproduct", "niet per cliënt toegewezen", before)
    # edge: types and ranges (LDT_Volume), unknown fields
    refused(
        post(contractproduct=market.hh_beuk.pk, volume=100_000_000, **later), "volume", "99999999", before
    )
    refused(post(contractproduct=market.hh_beuk.pk, kleur="rood", **later), "kleur", "Onbekend veld.", before)
    refused(post(), "contractproduct", "vereist", before)


def test_change_rule_violations(world, market, api, allocation):
    before, state = rows(), snapshot(allocation)
    change = lambda **body: api.post(url("wijzigen", pk=allocation.pk), body, format="json")  # noqa: E731
    refused(change(redenWijziging="05", volume=5), "volume", "regel OP033x1", before)
    refused(change(redenWijziging="05", budgetCent=5000), "budgetCent", "regel IV066", before)
    refused(change(redenWijziging="01", einddatum=TODAY.isoformat()), "redenWijziging", "regel IV066", before)
    refused(change(redenWijziging="13", einddatum=TODAY.isoformat()), "redenWijziging", "regel IV066", before)
    refused(change(redenWijziging="05", eenheid="01"), "eenheid", "regels OP033x1 en IV066", before)
    refused(change(redenWijziging="05", ingangsdatum=TODAY.isoformat()), "ingangsdatum", "OP033x1", before)
    refused(
        change(redenWijziging="05", einddatum=(allocation.start_date - timedelta(1)).isoformat()),
        "einddatum",
        "regel CS003",
        before,
    )
    refused(
        change(redenWijziging="04", einddatum=(TODAY + timedelta(400)).isoformat()),
        "einddatum",
        "na de beschikte periode",
        before,
    )
    # no Einddatum = open-ended: beyond the granted period
    refused(change(redenWijziging="04", einddatum=None), "einddatum", "na de beschikte periode", before)
    refused(change(redenWijziging="05"), "non_field_errors", "Er is niets gewijzigd.", before)
    refused(change(), "redenWijziging", "vereist", before)
    assert snapshot(allocation) == state


def test_extending_after_the_old_end_date_is_refused(world, market, api):
    """OP380: stretch the same ToewijzingNummer only while the old Einddatum has not passed."""
    allocation = services.allocate(
        world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY - timedelta(1)
    )
    before, state = rows(), snapshot(allocation)
    response = api.post(
        url("wijzigen", pk=allocation.pk),
        {"redenWijziging": "04", "einddatum": (TODAY + timedelta(30)).isoformat()},
        format="json",
    )
    refused(response, "einddatum", "regel OP380", before)
    assert snapshot(allocation) == state


def test_withdraw_rule_violations(world, market, api, allocation):
    before, state = rows(), snapshot(allocation)
    withdraw = lambda **body: api.post(url("intrekken", pk=allocation.pk), body, format="json")  # noqa: E731
    refused(
        withdraw(redenWijziging="09", einddatum=(TODAY + timedelta(60)).isoformat()),
        "einddatum",
        "niet later dan de huidige",
        before,
    )
    refused(
        withdraw(redenWijziging="09", einddatum=(allocation.start_date - timedelta(1)).isoformat()),
        "einddatum",
        "regel CS003",
        before,
    )
    refused(
        withdraw(redenWijziging="01", einddatum=TODAY.isoformat()), "redenWijziging", "regel IV066", before
    )
    refused(withdraw(redenWijziging="09"), "einddatum", "vereist", before)
    assert snapshot(allocation) == state
    # withdrawn is final: no further change, withdrawal or deletion
    assert withdraw(redenWijziging="09", einddatum=TODAY.isoformat()).status_code == 200
    before, state = rows(), snapshot(allocation)
    refused(
        withdraw(redenWijziging="09", einddatum=TODAY.isoformat()), "non_field_errors", "ingetrokken", before
    )
    refused(api.post(url("verwijderen", pk=allocation.pk)), "non_field_errors", "ingetrokken", before)
    assert snapshot(allocation) == state


def test_delete_refused_after_approved_claims(world, market, api, allocation):
    """TR385: no deletion once approved claim lines exist; withdraw instead."""
    services.record_claim_approved(allocation)
    before, state = rows(), snapshot(allocation)
    refused(api.post(url("verwijderen", pk=allocation.pk)), "non_field_errors", "regel TR385", before)
    assert snapshot(allocation) == state
