"""Booking approved claim lines: idempotent, cost split, withheld share, credits, corrections, lump sums."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from schakel.contracts.models import ResultArea
from schakel.finance import services
from schakel.finance.models import PayableLine, ResultPaymentRule

from .conftest import YEAR, claim

pytestmark = pytest.mark.django_db


def test_booking_is_idempotent(fin):
    records = [claim(fin, "323:1", 19500), claim(fin, "323:2", 19500, month=2)]
    assert services.book_claim_lines(records) == 2
    assert services.book_claim_lines(records) == 0
    assert PayableLine.objects.count() == 2
    line = PayableLine.objects.get(source_ref="323:1")
    assert (line.earmark_kind, line.year, line.month, line.municipal_cents) == ("wmo", YEAR, 1, 19500)


def test_database_refuses_a_second_booking_of_the_same_line(fin):
    services.book_claim_lines([claim(fin, "323:1", 100)])
    line = PayableLine.objects.get()
    line.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


def test_a_bad_record_books_nothing(fin):
    bad = claim(fin, "323:2", 100)
    bad = services.ClaimRecord(**{**bad.__dict__, "amount_cents": 1.5})
    with pytest.raises(ValidationError):
        services.book_claim_lines([claim(fin, "323:1", 100), bad])
    assert not PayableLine.objects.exists()
    with pytest.raises(ValidationError):
        services.book_claim_lines([claim(fin, "323:1", 100), claim(fin, "323:1", 100)])
    assert not PayableLine.objects.exists()


def test_cost_split_books_municipal_share_to_the_earmark_and_partner_share_apart(fin):
    services.add_cost_split_rule(
        fin.controller,
        gemeente=fin.gemeente,
        name="Wijkverpleging samen",
        partner="Zorgverzekeraar Zilver",
        partner_share_bp=2500,
        law="wmo",
        product_category="01",
        valid_from=date(YEAR, 1, 1),
        earmark_kind="partner",
    )
    services.book_claim_lines([claim(fin, "323:1", 10001)])
    line = PayableLine.objects.get()
    assert (line.municipal_cents, line.partner_cents, line.partner) == (7501, 2500, "Zorgverzekeraar Zilver")
    assert line.earmark_kind == "partner"
    municipal, partner, earmark, name, _rule = services.split_cost(
        fin.gemeente.pk, date(YEAR, 5, 1), 400, law="wmo", category="01"
    )
    assert (municipal, partner, earmark) == (300, 100, "partner")


def test_cost_split_rule_input_is_checked(fin):
    with pytest.raises(ValidationError) as exc:
        services.add_cost_split_rule(
            fin.controller,
            gemeente=fin.gemeente,
            name="x",
            partner="",
            partner_share_bp=10001,
            valid_from=date(YEAR, 1, 1),
        )
    assert {"partner", "partner_share_bp", "product_category"} <= set(exc.value.message_dict)


def test_withheld_share_is_booked_as_held_line(fin):
    area = ResultArea.objects.create(product=fin.hh, name="Schoon en leefbaar huis")
    ResultPaymentRule.objects.create(result_area=area, kind="ingehouden", share_bp=1000, target_percent=70)
    services.book_claim_lines([claim(fin, "323:1", 19500)])
    payable = PayableLine.objects.get(source="declaratie")
    held = PayableLine.objects.get(source="ingehouden")
    assert (payable.amount_cents, held.amount_cents, held.status) == (17550, 1950, "ingehouden")


def test_credit_line_is_negative(fin):
    services.book_claim_lines([claim(fin, "323:1", 19500), claim(fin, "323:2", -19500)])
    assert sum(PayableLine.objects.values_list("amount_cents", flat=True)) == 0


def test_correction_needs_a_reason(fin):
    with pytest.raises(ValidationError) as exc:
        services.book_correction(
            fin.controller,
            gemeente=fin.gemeente,
            provider=fin.provider,
            amount_cents=-500,
            reason="",
            law="wmo",
            period_start=date(YEAR, 3, 1),
        )
    assert "reason" in exc.value.message_dict
    line = services.book_correction(
        fin.controller,
        gemeente=fin.gemeente,
        provider=fin.provider,
        amount_cents=-500,
        reason="Te veel betaald",
        law="wmo",
        period_start=date(YEAR, 3, 1),
    )
    assert line.source == "correctie" and line.amount_cents == -500


def test_lump_sum_instalments_add_up_and_are_idempotent(fin):
    assert services.book_lump_sum_instalments(fin.controller, fin.lump, YEAR) == 12
    assert services.book_lump_sum_instalments(fin.controller, fin.lump, YEAR) == 0
    amounts = list(
        PayableLine.objects.filter(source="taakgericht")
        .order_by("month")
        .values_list("amount_cents", flat=True)
    )
    assert sum(amounts) == 1_200_000_00 and amounts[0] == 10_000_000
    with pytest.raises(ValidationError):
        services.book_lump_sum_instalments(fin.controller, fin.hh, YEAR)


def test_adapter_books_approved_exchange_lines_once(fin):
    from django.utils import timezone

    from schakel.exchange.models import Declaration, DeclarationLine, Message

    message = Message.objects.create(
        direction="in",
        law="wmo",
        message_type="323",
        gemeente=fin.gemeente,
        provider=fin.provider,
        status="verwerkt",
        raw=b"<x/>",
        received_at=timezone.now(),
    )
    declaration = Declaration.objects.create(
        message=message,
        gemeente=fin.gemeente,
        provider=fin.provider,
        law="wmo",
        nummer="D1",
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 1, 31),
        submitted_cents=39000,
    )
    common = {
        "declaration": declaration,
        "provider": fin.provider,
        "law": "wmo",
        "allocation": fin.allocation,
        "bsn": fin.person.bsn,
        "toewijzing_nummer": fin.allocation.number,
        "product_category": "01",
        "product_code": "01A01",
        "period_start": date(YEAR, 1, 1),
        "period_end": date(YEAR, 1, 31),
        "volume": 3,
        "unit": "04",
        "tariff_cents": 6500,
    }
    DeclarationLine.objects.create(referentie="R1", amount_cents=19500, status="goedgekeurd", **common)
    DeclarationLine.objects.create(referentie="R2", amount_cents=19500, status="afgekeurd", **common)
    assert services.book_approved_declaration_lines(fin.gemeente) == 1
    assert services.book_approved_declaration_lines(fin.gemeente) == 0
    line = PayableLine.objects.get()
    assert line.source_ref.startswith("323:") and line.contract_product_id == fin.hh.pk
