"""Realisation + commitments + expected new demand = forecast; alerts when over the margin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from schakel.contracts.tests import helpers as h
from schakel.finance import calc, services
from schakel.finance.models import Budget, BudgetAlert

from .conftest import YEAR, claim

pytestmark = pytest.mark.django_db


def test_forecast_adds_realised_committed_and_new_demand(fin, world):
    as_of = date(YEAR, 7, 1)
    services.book_claim_lines([claim(fin, "323:1", 84500, month=1), claim(fin, "323:2", 78000, month=2)])
    services.recompute_commitments(world.gemeente, YEAR, as_of=as_of)
    # a second, recent allocation in the same category: the trend of new allocations
    dp = h.decision_product(fin.case, fin.person, start=date(YEAR, 6, 1), end=date(YEAR, 12, 31))
    h.allocation(dp, fin.hh)
    services.recompute_commitments(world.gemeente, YEAR, as_of=as_of)
    total, wmo, jeugd = services.figures_for(fin.budget, as_of=as_of)
    assert wmo.realised_cents == 162500 and wmo.by_month[:2] == [84500, 78000]
    assert wmo.committed_cents == 2 * 512571
    # trend: 2 allocations started in the last 182 days; daily cost = 2×512571 / (2×184)
    expected = calc.expected_new_demand(
        2, 182, calc.Fraction(2 * 512571, 2 * 184), (date(YEAR, 12, 31) - as_of).days
    )
    assert wmo.new_demand_cents == expected > 0
    assert wmo.forecast_cents == 162500 + 2 * 512571 + expected
    assert jeugd.committed_cents == calc.lump_sum_commitment(
        [calc.Tariff(date(YEAR, 1, 1), date(YEAR, 12, 31), 1_200_000_00)], (as_of, date(YEAR, 12, 31))
    )
    assert total.forecast_cents == wmo.forecast_cents + jeugd.forecast_cents


def test_alert_when_forecast_exceeds_earmark_by_margin(fin, world):
    as_of = date(YEAR, 7, 1)
    wmo = fin.budget.earmarks.get(kind="wmo")
    services.amend_budget(
        fin.controller, fin.budget, delta_cents=-3_999_000_00, reason="Krimp", decided_on=as_of, earmark=wmo
    )
    services.recompute_commitments(world.gemeente, YEAR, as_of=as_of)
    alerts = services.evaluate_alerts(fin.budget, as_of=as_of)
    assert [a.earmark for a in alerts] == [wmo]
    assert services.evaluate_alerts(fin.budget, as_of=as_of)  # re-evaluation updates, never duplicates
    assert BudgetAlert.objects.filter(status="open").count() == 1
    alert = BudgetAlert.objects.get()
    with pytest.raises(ValidationError):
        services.handle_alert(fin.controller, alert, note=" ")
    services.handle_alert(fin.controller, alert, note="Besproken met de wethouder; bijsturing inkoop.")
    assert BudgetAlert.objects.get().status == "afgehandeld"
    # raised again after handling while still over; a begrotingswijziging ends it
    assert len(services.evaluate_alerts(fin.budget, as_of=as_of)) == 1
    services.amend_budget(
        fin.controller, fin.budget, delta_cents=3_999_000_00, reason="Herstel", decided_on=as_of, earmark=wmo
    )
    assert services.evaluate_alerts(fin.budget, as_of=as_of) == []
    # a margin below zero warns early: forecast at 95 % of the budget with margin -10 %
    Budget.objects.filter(pk=fin.budget.pk).update(alert_margin_bp=-10000)
    fin.budget.refresh_from_db()
    assert services.evaluate_alerts(fin.budget, as_of=as_of)
