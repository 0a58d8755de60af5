"""Synthetic contracts and allocations: valid under the same rules as the services, deterministic, removable."""

from __future__ import annotations

from collections import defaultdict

import pytest

from schakel.cases.models import DecisionProduct
from schakel.contracts.models import Allocation, Contract, ContractProduct, Provider, ProviderUser
from schakel.contracts.services import allocations as allocation_rules
from schakel.contracts.services import contracts as contract_rules
from schakel.contracts.services import tariff_on
from schakel.synth.services import delete_municipality_data, generate_municipality

SIZE = 2000
pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(config, monkeypatch):
    """Only this app's extension: its rules are tested here, independent of the other apps' generators."""
    from schakel.synth import services

    monkeypatch.setattr(services, "EXTENSIONS", ("schakel.contracts.synth",))
    return generate_municipality(SIZE, seed=5)


def _fingerprint(gemeente):
    return list(
        Allocation.objects.filter(gemeente=gemeente)
        .order_by("number")
        .values_list(
            "law",
            "number",
            "decision_product__product_code",
            "provider__agb_code",
            "start_date",
            "end_date",
            "volume",
            "status",
            "delivery_status",
        )
    )


def test_synthetic_contracts_and_allocations_follow_the_rules(generated):
    gemeente = generated.gemeente
    assert generated.counts["toewijzingen"] > 0 and generated.counts["aanbieders"] == 12
    for product in ContractProduct.objects.filter(contract__gemeente=gemeente):
        contract_rules.validate_product(
            law=product.law,
            product_category=product.product_category,
            product_code=product.product_code,
            own_code=product.own_code,
            variant=product.variant,
            unit=product.unit,
            frequencies=product.frequencies,
        )
        assert tariff_on(product, generated.gemeente.allocations.first().start_date) is not None or (
            product.is_taakgericht
        )
    allocations = list(
        Allocation.objects.filter(gemeente=gemeente).select_related("contract_product__contract")
    )
    granted = (
        DecisionProduct.objects.filter(decision__case__gemeente=gemeente, decision__law__in=("wmo", "jeugd"))
        .exclude(decision__outcome="afgewezen")
        .count()
    )
    assert 0.8 * granted <= len(allocations) <= granted
    periods = defaultdict(list)
    for a in allocations:
        cp = a.contract_product
        assert cp.contract.provider_id == a.provider_id and cp.variant != "taakgericht"
        allocation_rules.validate_omvang(
            variant=cp.variant,
            product_code=cp.product_code,
            volume=a.volume,
            unit=a.unit,
            frequency=a.frequency,
            budget_cents=a.budget_cents,
            end_date=a.end_date,
            allowed_unit=cp.unit,
            allowed_frequencies=cp.frequencies,
        )
        key = (a.person_id, a.product_category, a.product_code)
        for start, end in periods[key]:
            assert not ((end is None or a.start_date <= end) and (a.end_date is None or start <= a.end_date))
        periods[key].append((a.start_date, a.end_date))
    numbers = [(a.law, a.number) for a in allocations]
    assert len(set(numbers)) == len(numbers)  # TR332
    assert all(len(str(n)) == 8 for _l, n in numbers)
    demo = ProviderUser.objects.get(user__username="aanbieder")
    counts = defaultdict(int)
    for a in allocations:
        counts[a.provider_id] += 1
    assert counts[demo.provider_id] == max(counts.values())


def test_next_number_continues_after_the_synthetic_ones(generated):
    last = (
        Allocation.objects.filter(gemeente=generated.gemeente, law="wmo").order_by("-number").first().number
    )
    assert allocation_rules.next_number(generated.gemeente.pk, "wmo") == last + 1


def test_deterministic_and_removable(generated):
    gemeente = generated.gemeente
    first = _fingerprint(gemeente)
    again = generate_municipality(SIZE, seed=5, replace=True)
    assert _fingerprint(again.gemeente) == first
    delete_municipality_data(again.gemeente)
    assert not Allocation.objects.filter(gemeente=gemeente).exists()
    assert not Contract.objects.filter(gemeente=gemeente).exists()
    assert Provider.objects.count() == 12  # providers are shared and stay
