"""Screens: flows through the forms, Dutch errors on the page, and bounded query counts on every list and detail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from schakel.contracts.models import Allocation, Contract, ContractTariff, Provider

from . import helpers as h

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


def _many_allocations(world, market, n: int) -> None:
    for i in range(n):
        dp = h.decision_product(
            market.case,
            market.person,
            start=TODAY + timedelta(days=400 * (i + 1)),
            end=TODAY + timedelta(days=400 * (i + 1) + 300),
        )
        h.allocation(dp, market.hh)


def test_provider_create_and_edit_flow(world, client, login):
    login(client, world.contractmanager)
    response = client.post(
        reverse("contracts:provider_new"), {"name": "Zorgboog", "agb_code": "12", "iban": "NL00"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Een AGB-code bestaat uit 8 cijfers." in body and "Dit IBAN is ongeldig" in body
    assert not Provider.objects.exists()
    response = client.post(
        reverse("contracts:provider_new"),
        {"name": "Zorgboog", "agb_code": "98000010", "iban": "NL91ABNA0417164300", "active": "on"},
    )
    provider = Provider.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("contracts:provider_edit", kwargs={"pk": provider.pk}),
        {"name": "Zorgboog BV", "agb_code": "98000010", "active": "on"},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Zorgboog BV"


def test_contract_product_tariff_flow(world, client, login):
    provider = h.provider()
    login(client, world.contractmanager)
    response = client.post(
        reverse("contracts:contract_new"),
        {
            "provider": provider.pk,
            "gemeente": world.gemeente.pk,
            "reference": "C-1",
            "name": "Wmo 2026",
            "procurement_form": "open_house",
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = Contract.objects.get()
    response = client.post(
        reverse("contracts:product_new", kwargs={"pk": contract.pk}),
        {
            "law": "wmo",
            "product_category": "01",
            "product_code": "01A01",
            "description": "HH",
            "variant": "outputgericht",
            "unit": "04",
            "frequencies": ["2"],
        },
    )
    assert "past niet bij outputgericht" in response.content.decode()
    response = client.post(
        reverse("contracts:product_new", kwargs={"pk": contract.pk}),
        {
            "law": "wmo",
            "product_category": "01",
            "product_code": "01A01",
            "description": "HH",
            "variant": "inspanningsgericht",
            "unit": "04",
            "frequencies": ["2", "4"],
        },
    )
    assert response.status_code == 302
    product = contract.products.get()
    response = client.post(
        reverse("contracts:tariff_new", kwargs={"pk": product.pk}),
        {"start_date": TODAY.isoformat(), "amount": "65,50"},
    )
    assert response.status_code == 302
    assert ContractTariff.objects.get().amount_cents == 6550
    response = client.post(
        reverse("contracts:tariff_new", kwargs={"pk": product.pk}),
        {"start_date": TODAY.isoformat(), "amount": "zes euro"},
    )
    assert "Vul een bedrag in euro" in response.content.decode()
    page = client.get(reverse("contracts:contract_detail", kwargs={"pk": contract.pk})).content.decode()
    assert "€ 65,50" in page


def test_allocate_flow_from_the_case(world, market, client, login):
    login(client, world.regisseur)
    page = client.get(reverse("contracts:case_allocations", kwargs={"pk": market.case.pk}))
    assert "Nog niet toegewezen" in page.content.decode()
    url = reverse("contracts:allocate", kwargs={"pk": market.dp.pk})
    assert "Zorggroep De Linde" in client.get(url).content.decode()
    data = {
        "contract_product": market.hh.pk,
        "start_date": market.dp.start_date.isoformat(),
        "end_date": market.dp.end_date.isoformat(),
        "volume": "3",
        "unit": "04",
        "frequency": "1",
    }
    response = client.post(url, data)
    assert "CS343" in response.content.decode()  # per dag is not contracted
    response = client.post(url, {**data, "frequency": "2"})
    allocation = Allocation.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/toewijzingen/{allocation.pk}/")
    detail = client.get(response.url).content.decode()
    assert allocation.number_display in detail and "Toegewezen aan Zorggroep De Linde" in detail
    response = client.post(
        reverse("contracts:allocation_change", kwargs={"pk": allocation.pk}),
        {"reason": "05", "end_date": (TODAY + timedelta(30)).isoformat(), "volume": "9"},
    )
    assert "OP033x1" in response.content.decode()  # volume only changes with frequentie 6
    response = client.post(
        reverse("contracts:allocation_change", kwargs={"pk": allocation.pk}),
        {"reason": "05", "end_date": (TODAY + timedelta(30)).isoformat(), "volume": "3"},
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.volume == 3 and allocation.end_date == TODAY + timedelta(30)
    response = client.post(
        reverse("contracts:allocation_withdraw", kwargs={"pk": allocation.pk}),
        {"reason": "09", "end_date": (TODAY + timedelta(40)).isoformat()},
    )
    assert "niet later dan de huidige" in response.content.decode()
    client.post(
        reverse("contracts:allocation_withdraw", kwargs={"pk": allocation.pk}),
        {"reason": "09", "end_date": TODAY.isoformat()},
    )
    allocation.refresh_from_db()
    assert allocation.status == "ingetrokken"
    response = client.post(reverse("contracts:allocation_delete", kwargs={"pk": allocation.pk}), follow=True)
    assert "kan niet meer worden gewijzigd" in response.content.decode()


# --------------------------------------------------------------------------- query counts


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("n", [1, 12])
def test_allocation_list_query_count(world, market, client, login, django_assert_max_num_queries, n):
    _many_allocations(world, market, n)
    login(client, world.regisseur)
    _count_queries(client, reverse("contracts:allocation_list"), django_assert_max_num_queries, 16)


@pytest.mark.parametrize("n", [1, 12])
def test_case_allocations_query_count(world, market, client, login, django_assert_max_num_queries, n):
    _many_allocations(world, market, n)
    login(client, world.regisseur)
    url = reverse("contracts:case_allocations", kwargs={"pk": market.case.pk})
    _count_queries(client, url, django_assert_max_num_queries, 17)


@pytest.mark.parametrize("n", [1, 12])
def test_allocation_detail_query_count(world, market, client, login, django_assert_max_num_queries, n):
    from schakel.contracts import services

    a = services.allocate(world.regisseur, market.dp, market.linde, market.hh)
    for i in range(n):
        a = services.change_allocation(world.regisseur, a, end_date=a.end_date - timedelta(1), reason="05")
    login(client, world.regisseur)
    url = reverse("contracts:allocation_detail", kwargs={"pk": a.pk})
    _count_queries(client, url, django_assert_max_num_queries, 18)


@pytest.mark.parametrize("n", [1, 12])
def test_provider_and_contract_lists_query_count(world, client, login, django_assert_max_num_queries, n):
    for i in range(n):
        p = h.provider(f"9700{i:04d}", f"Aanbieder {i}")
        c = h.contract(p, world.gemeente)
        h.product(c)
    login(client, world.contractmanager)
    _count_queries(client, reverse("contracts:provider_list"), django_assert_max_num_queries, 10)
    _count_queries(client, reverse("contracts:contract_list"), django_assert_max_num_queries, 11)
    _count_queries(
        client, reverse("contracts:provider_detail", kwargs={"pk": p.pk}), django_assert_max_num_queries, 11
    )


@pytest.mark.parametrize("n", [1, 12])
def test_contract_detail_query_count(world, client, login, django_assert_max_num_queries, n):
    c = h.contract(h.provider(), world.gemeente)
    for i in range(n):
        cp = h.product(
            c, category="11", code=f"11X{i:02d}", variant="outputgericht", unit="82", frequencies=["6"]
        )
        area = cp.result_areas.create(name="Mobiliteit")
        area.agreements.create(indicator="doelen_behaald", target_percent=70, start_date=TODAY)
    login(client, world.contractmanager)
    _count_queries(
        client, reverse("contracts:contract_detail", kwargs={"pk": c.pk}), django_assert_max_num_queries, 14
    )


def test_decision_page_links_to_the_allocations(world, market, client, login):
    login(client, world.regisseur)
    body = client.get(reverse("cases:decision", kwargs={"pk": market.case.pk})).content.decode()
    assert reverse("contracts:case_allocations", kwargs={"pk": market.case.pk}) in body
