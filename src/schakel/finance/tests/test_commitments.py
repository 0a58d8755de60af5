"""Commitments (obligo) per financing variant, incremental on allocation change and set-based per municipality."""

from datetime import date

import pytest

from schakel.contracts.models import Allocation
from schakel.contracts.tests import helpers as h
from schakel.finance import calc, services
from schakel.finance.models import Commitment

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_refresh_commitment_inspanningsgericht(fin):
    # 3 uur per week × € 65,00 from 1 July to 31 Dec (184 days): 19500 × 184 / 7 = 512 571
    row = services.refresh_commitment(fin.allocation, as_of=date(YEAR, 7, 1))
    assert row.amount_cents == 512571
    assert row.earmark_kind == "wmo"
    assert (row.period_start, row.period_end) == (date(YEAR, 7, 1), date(YEAR, 12, 31))


def test_withdrawn_allocation_commits_nothing(fin):
    services.refresh_commitment(fin.allocation, as_of=date(YEAR, 7, 1))
    Allocation.objects.filter(pk=fin.allocation.pk).update(status="ingetrokken")
    assert services.refresh_commitment(fin.allocation, as_of=date(YEAR, 7, 1)) is None
    assert not Commitment.objects.filter(allocation=fin.allocation).exists()


def test_allocation_change_refreshes_commitment_on_commit(fin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fin.allocation.volume = 6
        fin.allocation.save()
    row = Commitment.objects.get(allocation=fin.allocation)
    window = (max(date.today(), date(YEAR, 1, 1)), date(YEAR, 12, 31))
    terms = calc.AllocationTerms(
        "inspanningsgericht", fin.allocation.start_date, fin.allocation.end_date, 6, "04", "2"
    )
    assert row.amount_cents == calc.allocation_commitment(
        terms, [calc.Tariff(fin.contract.start_date, None, 6500)], window
    )


def test_recompute_commitments_includes_lump_sum(fin, world):
    other_dp = h.decision_product(
        fin.case, fin.person, category="02", code="02A01", start=date(YEAR, 2, 1), end=date(YEAR, 12, 31)
    )
    budget_product = h.product(
        fin.contract, category="02", code="02A01", unit="", frequencies=(), tariff=None
    )
    h.allocation(other_dp, budget_product, volume=None, unit="", frequency="", budget_cents=1_000_00)
    written = services.recompute_commitments(world.gemeente, YEAR, as_of=date(YEAR, 1, 1))
    assert written == 3
    lump = Commitment.objects.get(contract_product=fin.lump, allocation__isnull=True)
    assert lump.amount_cents == 1_200_000_00  # whole year
    assert lump.variant == "taakgericht" and lump.earmark_kind == "jeugd"
    # idempotent: recomputing replaces, never duplicates
    assert services.recompute_commitments(world.gemeente, YEAR, as_of=date(YEAR, 1, 1)) == 3
    assert Commitment.objects.count() == 3


def test_set_based_recompute_equals_the_per_allocation_calculation(fin, world):
    """The amount is computed once per distinct set of terms and joined back: every allocation (open-ended,
    ending mid-year, budget, other frequencies, output, two allocations with the same terms) gets exactly
    what :func:`refresh_commitment` computes for it alone."""
    output = h.product(fin.contract, category="10", code="10X01", variant="outputgericht", unit="83")
    budget = h.product(fin.contract, category="02", code="02A01", unit="", frequencies=(), tariff=None)
    cases = [
        (fin.hh, {"start": date(YEAR, 1, 1), "end": None}, {"frequency": "4", "volume": 7}),
        (fin.hh, {"start": date(YEAR, 3, 15), "end": date(YEAR, 9, 10)}, {"frequency": "2", "volume": 3}),
        (fin.hh, {"start": date(YEAR, 3, 15), "end": date(YEAR, 9, 10)}, {"frequency": "2", "volume": 3}),
        (
            fin.hh,
            {"start": date(YEAR - 1, 5, 1), "end": date(YEAR + 1, 2, 1)},
            {"frequency": "6", "volume": 40},
        ),
        (
            output,
            {"start": date(YEAR, 2, 1), "end": date(YEAR, 11, 30)},
            {"frequency": "4", "volume": 150_000},
        ),
        (output, {"start": date(YEAR, 2, 1), "end": date(YEAR, 8, 31)}, {"frequency": "6", "volume": 90_000}),
        (
            budget,
            {"start": date(YEAR, 2, 1), "end": date(YEAR, 12, 31)},
            {"volume": None, "unit": "", "frequency": "", "budget_cents": 1_000_00},
        ),
        (
            budget,
            {"start": date(YEAR, 2, 1), "end": None},
            {"volume": None, "unit": "", "frequency": "", "budget_cents": 7},
        ),
        (fin.hh, {"start": date(YEAR - 2, 1, 1), "end": date(YEAR - 1, 12, 31)}, {}),  # outside the year
    ]
    allocations = [fin.allocation]
    for product, period, overrides in cases:
        dp = h.decision_product(
            fin.case, fin.person, category=product.product_category, code=product.product_code, **period
        )
        unit = overrides.pop("unit", product.unit)
        allocations.append(h.allocation(dp, product, unit=unit, **overrides))
    as_of = date(YEAR, 5, 17)
    services.recompute_commitments(world.gemeente, YEAR, as_of=as_of)
    rows = {
        c.allocation_id: (
            c.amount_cents,
            c.period_start,
            c.period_end,
            c.variant,
            c.earmark_kind,
            c.provider_id,
        )
        for c in Commitment.objects.filter(allocation__isnull=False)
    }
    Commitment.objects.all().delete()
    expected = {}
    for allocation in allocations:
        row = services.refresh_commitment(allocation, as_of=as_of)
        if row is not None:
            expected[allocation.pk] = (
                row.amount_cents,
                row.period_start,
                row.period_end,
                row.variant,
                row.earmark_kind,
                row.provider_id,
            )
    assert rows == expected and len(rows) == len(allocations) - 1
