"""Fixtures of the contracts tests: a provider with a contract and products, a granted product to allocate."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from . import helpers as h


@pytest.fixture
def market(world, open_case, household):
    """Two providers with contracts in ``world.gemeente``; a granted Wmo product for a household member."""
    linde = h.provider("98000001", "Zorggroep De Linde")
    beuk = h.provider("98000002", "Thuiszorg De Beuk")
    con = h.contract(linde, world.gemeente)
    other_con = h.contract(beuk, world.gemeente)
    hh = h.product(con)  # 01A01 inspanningsgericht, uur per week/maand/totaal
    output = h.product(
        con,
        category="11",
        code="11X01",
        variant="outputgericht",
        unit="82",
        frequencies=("6",),
        tariff=120000,
    )
    aspecifiek = h.product(con, category="02", code="", unit="", frequencies=(), tariff=None)
    hh_beuk = h.product(other_con)
    person = household.memberships.first().person
    dp = h.decision_product(open_case, person)
    return SimpleNamespace(
        linde=linde,
        beuk=beuk,
        contract=con,
        other_contract=other_con,
        hh=hh,
        output=output,
        aspecifiek=aspecifiek,
        hh_beuk=hh_beuk,
        person=person,
        case=open_case,
        dp=dp,
    )
