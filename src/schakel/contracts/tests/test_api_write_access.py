"""Access to the allocation writes of the API: only municipal staff with ``add_allocation`` /
``change_allocation`` on cases they may see (need-to-know, as in the screens). Everyone else gets 403
(no permission: contractmanager, controller, provider staff) or 404 (an allocation outside their work,
logged as ``geweigerd``); a granted product outside their work is answered as an unknown id. Nothing is
stored in any of these cases. Also: bounded query counts of the writes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from schakel.contracts import services
from schakel.contracts.models import Allocation
from schakel.core.models import ProcessingLogEntry
from schakel.testing.factories import make_user

from . import helpers as h
from .test_api_writes import api_for, rows, snapshot, url

TODAY = h.TODAY
pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(world, market):
    return services.allocate(
        world.regisseur, market.dp, market.linde, market.hh, end_date=TODAY + timedelta(50)
    )


def _attempts(api, allocation, market):
    """Every write, with a body that would succeed for the case's regisseur."""
    yield (
        "create",
        api.post(
            url("list"),
            {
                "beschiktProduct": market.dp.pk,
                "contractproduct": market.hh_beuk.pk,
                "ingangsdatum": (TODAY + timedelta(60)).isoformat(),
            },
            format="json",
        ),
    )
    yield (
        "wijzigen",
        api.post(
            url("wijzigen", pk=allocation.pk),
            {"redenWijziging": "05", "einddatum": (TODAY + timedelta(20)).isoformat()},
            format="json",
        ),
    )
    yield (
        "intrekken",
        api.post(
            url("intrekken", pk=allocation.pk),
            {"redenWijziging": "09", "einddatum": TODAY.isoformat()},
            format="json",
        ),
    )
    yield "verwijderen", api.post(url("verwijderen", pk=allocation.pk))


@pytest.mark.parametrize("kind", ["contractmanager", "controller", "provider", "privacy_officer"])
def test_without_the_permission_every_write_is_403(world, market, allocation, kind):
    if kind == "controller":
        user = make_user("controller", world.gemeente, username="controller")
    elif kind == "provider":  # a provider's token: reads its own allocations, writes nothing
        user = h.provider_user("linde", market.linde, world.gemeente)
    else:
        user = getattr(world, kind)
    api = api_for(user)
    before, state = rows(), snapshot(allocation)
    for name, response in _attempts(api, allocation, market):
        assert response.status_code == 403, (name, response.status_code)
        assert "detail" in response.json()
    assert rows() == before and snapshot(allocation) == state
    if kind in ("controller", "provider"):  # they may read it, though
        assert api.get(url("detail", pk=allocation.pk)).status_code == 200


@pytest.mark.parametrize("kind", ["foreign_regisseur", "other_team_regisseur"])
def test_outside_the_users_work_is_404_or_an_unknown_id(world, market, allocation, kind):
    """Another municipality's regisseur and a regisseur of another team hold the permission, but not this case."""
    user = getattr(world, kind)
    api = api_for(user)
    before, state = rows(), snapshot(allocation)
    for name, response in _attempts(api, allocation, market):
        if (
            name == "create"
        ):  # the granted product is in the body: the same answer as an id that does not exist
            assert response.status_code == 400
            assert "bestaat niet" in response.json()["beschiktProduct"][0]
        else:
            assert response.status_code == 404, (name, response.status_code)
    assert rows() == before and snapshot(allocation) == state
    denied = ProcessingLogEntry.objects.filter(user=user, result="geweigerd", object_id=str(allocation.pk))
    assert denied.count() == 3 and not denied.exclude(subject_hash="").exists()  # no personal data


def test_contract_product_outside_the_users_contracts_is_an_unknown_id(world, market):
    foreign = h.contract(h.provider("98000004", "Elders"), world.other_gemeente)
    product = h.product(foreign)
    before = rows()
    response = api_for(world.regisseur).post(
        url("list"), {"beschiktProduct": market.dp.pk, "contractproduct": product.pk}, format="json"
    )
    assert response.status_code == 400 and "bestaat niet" in response.json()["contractproduct"][0]
    assert rows() == before


def test_colleague_and_teamleider_may_write(world, market, allocation):
    for user, reason in ((world.colleague, "05"), (world.teamleider, "14")):
        response = api_for(user).post(
            url("wijzigen", pk=allocation.pk),
            {"redenWijziging": reason, "einddatum": (TODAY + timedelta(30 - int(reason))).isoformat()},
            format="json",
        )
        assert response.status_code == 200, response.content
    assert Allocation.objects.get(pk=allocation.pk).reason == "14"


def test_no_bsn_in_the_answer(world, market, allocation):
    body = api_for(world.regisseur).post(url("verwijderen", pk=allocation.pk)).content.decode()
    assert market.person.bsn not in body


def test_write_query_counts_are_bounded(world, market, django_assert_max_num_queries):
    api = api_for(world.regisseur)
    with django_assert_max_num_queries(30):  # measured 26 (SQLite); the 301 runs on commit
        response = api.post(
            url("list"), {"beschiktProduct": market.dp.pk, "contractproduct": market.hh.pk}, format="json"
        )
    assert response.status_code == 201
    pk = response.json()["id"]
    with django_assert_max_num_queries(20):  # measured 16
        response = api.post(
            url("wijzigen", pk=pk),
            {"redenWijziging": "05", "einddatum": (TODAY + timedelta(20)).isoformat()},
            format="json",
        )
    assert response.status_code == 200
