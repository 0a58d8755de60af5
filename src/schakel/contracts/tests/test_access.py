"""Access: a provider user sees only its own provider, contracts and allocations (web and API); query counts
of the API lists and details."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.contracts import services
from schakel.contracts.models import Allocation, Provider
from schakel.core.models import ProcessingLogEntry

from . import helpers as h

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_allocations(world, market):
    own = services.allocate(
        world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(50)
    )
    other = services.allocate(
        world.regisseur, market.dp, market.beuk, market.hh_beuk, start_date=TODAY + timedelta(51)
    )
    return own, other


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def _url(name, **kwargs):
    return reverse(name, kwargs={"version": "v1", **kwargs})


def test_provider_user_sees_only_own_allocations_in_the_api(world, market, two_allocations):
    own, other = two_allocations
    staff = h.provider_user("linde", market.linde, world.gemeente)
    api = _api(staff)
    body = api.get(_url("api:toewijzing-list")).json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert body["results"][0]["toewijzingNummer"] == own.number
    assert api.get(_url("api:toewijzing-detail", pk=own.pk)).status_code == 200
    assert api.get(_url("api:toewijzing-detail", pk=other.pk)).status_code == 404
    assert [p["id"] for p in api.get(_url("api:aanbieder-list")).json()["results"]] == [market.linde.pk]
    assert api.get(_url("api:aanbieder-detail", pk=market.beuk.pk)).status_code == 404
    assert [c["id"] for c in api.get(_url("api:contract-list")).json()["results"]] == [market.contract.pk]
    products = {p["id"] for p in api.get(_url("api:contractproduct-list")).json()["results"]}
    assert market.hh_beuk.pk not in products and market.hh.pk in products
    assert ProcessingLogEntry.objects.filter(user=staff, object_id=str(market.person.pk)).exists()


def test_provider_user_in_the_web(world, market, two_allocations, client, login):
    own, other = two_allocations
    staff = h.provider_user("linde", market.linde, world.gemeente)
    login(client, staff)
    body = client.get(reverse("contracts:allocation_list")).content.decode()
    assert own.number_display in body and other.number_display not in body
    assert client.get(reverse("contracts:allocation_detail", kwargs={"pk": own.pk})).status_code == 200
    assert client.get(reverse("contracts:allocation_detail", kwargs={"pk": other.pk})).status_code == 404
    # no municipal actions for provider staff
    assert client.get(reverse("contracts:allocation_change", kwargs={"pk": own.pk})).status_code in (200, 403)
    response = client.post(
        reverse("contracts:allocation_withdraw", kwargs={"pk": own.pk}),
        {"reason": "09", "end_date": TODAY.isoformat()},
    )
    assert Allocation.objects.get(pk=own.pk).status == "actief"
    assert response.status_code in (200, 403)
    assert client.get(reverse("contracts:case_allocations", kwargs={"pk": market.case.pk})).status_code == 403
    assert (
        client.get(reverse("contracts:contract_detail", kwargs={"pk": market.contract.pk})).status_code == 200
    )
    assert (
        client.get(reverse("contracts:contract_detail", kwargs={"pk": market.other_contract.pk})).status_code
        == 404
    )
    assert client.get(reverse("contracts:provider_new")).status_code == 403


def test_provider_user_without_the_role_sees_nothing(world, market, two_allocations):
    from schakel.contracts.models import ProviderUser
    from schakel.testing.factories import UserFactory

    user = UserFactory(username="losse")
    ProviderUser.objects.create(user=user, provider=market.linde)
    assert not Allocation.objects.visible_to(user).exists()
    assert _api(user).get(_url("api:toewijzing-list")).status_code == 403


def test_providers_of(world, market):
    staff = h.provider_user("linde", market.linde, world.gemeente)
    assert list(services.providers_of(staff)) == [market.linde]
    assert not services.providers_of(world.regisseur).exists()


def test_controller_sees_all_allocations_of_the_municipality(world, market, two_allocations):
    from schakel.testing.factories import make_user

    controller = make_user("controller", world.gemeente, username="controller")
    assert Allocation.objects.visible_to(controller).count() == 2
    assert not Allocation.objects.visible_to(world.foreign_regisseur).exists()
    assert not Allocation.objects.visible_to(world.other_team_regisseur).exists()
    assert Allocation.objects.visible_to(world.colleague).count() == 2


@pytest.mark.parametrize("n", [1, 12])
def test_api_query_counts(world, market, django_assert_max_num_queries, n):
    for i in range(n):
        dp = h.decision_product(
            market.case,
            market.person,
            start=TODAY + timedelta(days=400 * (i + 1)),
            end=TODAY + timedelta(days=400 * (i + 1) + 300),
        )
        h.allocation(dp, market.hh)
        p = h.provider(f"9600{i:04d}", f"Aanbieder {i}")
        c = h.contract(p, world.gemeente)
        h.product(c)
    api = _api(world.regisseur)
    for name, limit in (
        ("api:toewijzing-list", 9),
        ("api:aanbieder-list", 6),
        ("api:contract-list", 6),
        ("api:contractproduct-list", 9),
    ):
        with django_assert_max_num_queries(limit):
            assert api.get(_url(name)).status_code == 200, name
    a = Allocation.objects.first()
    with django_assert_max_num_queries(9):
        assert api.get(_url("api:toewijzing-detail", pk=a.pk)).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get(_url("api:contractproduct-detail", pk=market.hh.pk)).status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get(_url("api:aanbieder-detail", pk=Provider.objects.first().pk)).status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get(_url("api:contract-detail", pk=market.contract.pk)).status_code == 200
