"""Result-based payment per result area: bonus, withheld share released or forfeited, payment per result."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from schakel.contracts.models import ResultArea
from schakel.finance import services
from schakel.finance.models import PayableLine, ResultPaymentRule

from .conftest import YEAR, claim

pytestmark = pytest.mark.django_db
START, END = date(YEAR, 1, 1), date(YEAR, 6, 30)


@pytest.fixture
def area(fin):
    return ResultArea.objects.create(product=fin.hh, name="Schoon en leefbaar huis")


def _settle(fin, rule, achieved, assessed=10):
    return services.settle_result_area(
        fin.controller,
        rule,
        gemeente=fin.gemeente,
        provider=fin.provider,
        period_start=START,
        period_end=END,
        attainment=services.Attainment(assessed=assessed, achieved=achieved),
    )[0]


def test_bonus_when_target_reached(fin, area):
    rule = ResultPaymentRule.objects.create(result_area=area, kind="bonus", share_bp=500, target_percent=70)
    services.book_claim_lines([claim(fin, "323:1", 100_000), claim(fin, "323:2", 50_001, month=2)])
    line = _settle(fin, rule, achieved=7)
    assert line.amount_cents == 7500  # 5 % of 150 001 = 7 500,05
    with pytest.raises(ValidationError):  # settled once per period
        _settle(fin, rule, achieved=7)


def test_no_bonus_below_target(fin, area):
    rule = ResultPaymentRule.objects.create(result_area=area, kind="bonus", share_bp=500, target_percent=70)
    services.book_claim_lines([claim(fin, "323:1", 100_000)])
    assert _settle(fin, rule, achieved=6).amount_cents == 0


def test_withheld_share_released_on_outcome_or_forfeited(fin, area):
    rule = ResultPaymentRule.objects.create(
        result_area=area, kind="ingehouden", share_bp=1000, target_percent=70
    )
    services.book_claim_lines([claim(fin, "323:1", 100_000)])
    _settle(fin, rule, achieved=8)
    assert PayableLine.objects.get(source="ingehouden").status == "te_betalen"
    services.book_claim_lines([claim(fin, "323:2", 100_000, month=7)])
    services.settle_result_area(
        fin.controller,
        rule,
        gemeente=fin.gemeente,
        provider=fin.provider,
        period_start=date(YEAR, 7, 1),
        period_end=date(YEAR, 12, 31),
        attainment=services.Attainment(10, 2),
    )
    assert PayableLine.objects.get(source="ingehouden", month=7).status == "vervallen"


def test_payment_per_achieved_result_uses_agreement_target(fin, area):
    area.agreements.create(indicator="doelen_behaald", target_percent=50, start_date=START)
    rule = ResultPaymentRule.objects.create(result_area=area, kind="per_resultaat", amount_cents=25_000)
    assert _settle(fin, rule, achieved=4).amount_cents == 100_000
