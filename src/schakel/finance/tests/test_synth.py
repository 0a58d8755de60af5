"""Synthetic finance data: budgets with an alert for the demo, booked claims, commitments; deterministic,
removable."""

import pytest

from schakel.finance import services
from schakel.finance.models import Budget, BudgetAlert, Commitment, PayableLine
from schakel.synth.services import delete_municipality_data, generate_municipality

pytestmark = pytest.mark.django_db


def _fingerprint(gemeente):
    return (
        list(
            PayableLine.objects.filter(gemeente=gemeente)
            .exclude(source="interventie")
            .order_by("source_ref")
            .values_list("source_ref", "amount_cents")
        ),
        # partner interventions are referenced by referral id (partners synth), not stable across a replace
        sorted(
            PayableLine.objects.filter(gemeente=gemeente, source="interventie").values_list(
                "amount_cents", "municipal_cents"
            )
        ),
        list(
            Commitment.objects.filter(gemeente=gemeente)
            .order_by("allocation_id", "contract_product_id")
            .values_list("amount_cents", flat=True)
        ),
        list(
            Budget.objects.filter(gemeente=gemeente).order_by("kind").values_list("initial_cents", flat=True)
        ),
    )


def test_synthetic_finance(config):
    result = generate_municipality(2000, seed=5)
    gemeente = result.gemeente
    budget = Budget.objects.get(gemeente=gemeente, kind="sociaal_domein")
    assert (
        budget.earmarks.count() == 6
        and Budget.objects.filter(gemeente=gemeente, kind="inkomensdeel").exists()
    )
    assert PayableLine.objects.filter(gemeente=gemeente, source="declaratie").exists()
    assert Commitment.objects.filter(gemeente=gemeente).exists()
    total, *earmarks = services.figures_for(budget)
    assert sum(e.realised_cents for e in earmarks) <= total.realised_cents
    assert BudgetAlert.objects.filter(budget=budget, earmark__kind="jeugd").exists()
    first = _fingerprint(gemeente)
    again = generate_municipality(2000, seed=5, replace=True)
    assert _fingerprint(again.gemeente) == first
    delete_municipality_data(again.gemeente)
    assert not PayableLine.objects.filter(gemeente=again.gemeente).exists()
    assert not Budget.objects.filter(gemeente=again.gemeente).exists()
