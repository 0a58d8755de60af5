"""Set-based check of claim lines against allocations and booking; the per-line baseline gives the same result."""

from datetime import date

import pytest

from schakel.finance import services, settlement
from schakel.finance.models import ClaimIntakeLine, PayableLine

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _row(fin, ref, **overrides):
    # allocation: 3 uur per week, 01A01, € 65,00, whole year
    values = {
        "gemeente_id": fin.gemeente.pk,
        "provider_id": fin.provider.pk,
        "law": "wmo",
        "referentie": ref,
        "toewijzing_nummer": fin.allocation.number,
        "product_category": "01",
        "product_code": "01A01",
        "unit": "04",
        "period_start": date(YEAR, 3, 1),
        "period_end": date(YEAR, 3, 31),
        "volume": 12,
        "tariff_cents": 6500,
        "amount_cents": 12 * 6500,
    }
    values.update(overrides)
    return tuple(values[c] for c in settlement.COLUMNS)


CASES = {
    "ok": ({}, ""),
    "unknown": ({"toewijzing_nummer": 1}, "9338"),
    "before": ({"period_start": date(YEAR - 1, 12, 1), "period_end": date(YEAR - 1, 12, 31)}, "9307"),
    "after": ({"period_start": date(YEAR + 1, 1, 1), "period_end": date(YEAR + 1, 1, 31)}, "9308"),
    "category": ({"product_category": "02"}, "9339"),
    "code": ({"product_code": "01A02"}, "9340"),
    "unit": ({"unit": "01"}, "9341"),
    "amount": ({"amount_cents": 12 * 6500 + 1}, "9346"),
    # March (starting on a Sunday in 2026): partial calendar weeks × 3 hours is the cap
    "volume": ({"volume": 100, "amount_cents": 100 * 6500}, "9321"),
    "tariff": ({"tariff_cents": 7000, "amount_cents": 12 * 7000}, "0611"),
}


@pytest.mark.parametrize("mode", ["set", "loop"])
def test_rules_and_booking(fin, mode):
    services.add_cost_split_rule(
        fin.controller,
        gemeente=fin.gemeente,
        name="Deel",
        partner="Zilver",
        partner_share_bp=2500,
        law="wmo",
        product_category="01",
        valid_from=date(YEAR, 1, 1),
    )
    settlement.load("b1", [_row(fin, name, **overrides) for name, (overrides, _code) in CASES.items()])
    result = (settlement.check_and_book if mode == "set" else settlement.check_and_book_loop)("b1")
    got = dict(ClaimIntakeLine.objects.filter(batch="b1").values_list("referentie", "code"))
    assert got == {name: code for name, (_o, code) in CASES.items()}
    assert result["booked"] == 1
    line = PayableLine.objects.get()
    assert line.source_ref == f"pr:{fin.provider.pk}:wmo:ok" and (line.year, line.month) == (YEAR, 3)
    if mode == "set":
        assert (line.municipal_cents, line.partner_cents, line.partner) == (58500, 19500, "Zilver")


def test_booking_twice_books_once(fin):
    settlement.load("b1", [_row(fin, "r1")])
    settlement.check_and_book("b1")
    settlement.load("b2", [_row(fin, "r1")])
    assert settlement.check_and_book("b2")["booked"] == 0
    assert PayableLine.objects.count() == 1


def test_same_reference_twice_in_one_batch_books_once(fin):
    # PostgreSQL: the plain insert meets the unique constraint and is repeated with ON CONFLICT DO NOTHING
    settlement.load("b1", [_row(fin, "r1"), _row(fin, "r1")])
    assert settlement.check_and_book("b1")["booked"] == 1
    assert PayableLine.objects.count() == 1


def test_total_within_omvang_for_frequency_six(fin):
    fin.allocation.frequency = "6"
    fin.allocation.volume = 20
    fin.allocation.save()
    rows = [_row(fin, f"r{m}", period_start=date(YEAR, m, 1), period_end=date(YEAR, m, 28)) for m in (1, 2)]
    settlement.load("b1", rows)  # 12 + 12 > 20 hours in total
    assert settlement.check_and_book("b1")["codes"] == {"9322": 2}


def test_cost_split_picks_the_same_rule_as_per_line_booking(fin):
    def rule(name, bp, **kwargs):
        values = {"law": "wmo", "product_category": "01", "valid_from": date(YEAR, 1, 1), **kwargs}
        services.add_cost_split_rule(
            fin.controller, gemeente=fin.gemeente, name=name, partner=name, partner_share_bp=bp, **values
        )

    rule("Categorie", 2500)
    rule("Code", 1001, law="", product_code="01A01", earmark_kind="partner")  # more specific: wins
    rule("Later", 9000, product_code="01A01", valid_from=date(YEAR, 4, 1))  # not valid in March
    settlement.load("b1", [_row(fin, "r1"), _row(fin, "r2", amount_cents=-78000)])
    settlement.check_and_book("b1")
    for line in PayableLine.objects.all():
        municipal, partner, earmark, name, _rule = services.split_cost(
            fin.gemeente.pk, line.period_start, line.amount_cents, law="wmo", category="01", code="01A01"
        )
        assert (line.municipal_cents, line.partner_cents, line.earmark_kind, line.partner) == (
            municipal,
            partner,
            earmark,
            name,
        )
    assert set(PayableLine.objects.values_list("partner_cents", flat=True)) == {7808, -7808}


def test_budget_total_within_the_batch(fin):
    fin.allocation.budget_cents, fin.allocation.volume, fin.allocation.frequency = 100_000, None, ""
    fin.allocation.save()
    rows = [_row(fin, f"r{m}", period_start=date(YEAR, m, 1), period_end=date(YEAR, m, 28)) for m in (1, 2)]
    settlement.load("b1", rows)  # 2 × € 780 > € 1.000 budget
    assert settlement.check_and_book("b1")["codes"] == {"9369": 2}
    assert not PayableLine.objects.exists()
    assert set(ClaimIntakeLine.objects.values_list("code", "allocation_id")) == {("9369", fin.allocation.pk)}


def test_source_ref_compared_bytewise_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares bytewise (BINARY) already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns"
            " WHERE table_name = 'finance_payableline' AND column_name = 'source_ref'"
        )
        assert cursor.fetchone()[0] == "C"
