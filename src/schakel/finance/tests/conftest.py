"""Fixtures of the finance tests: a market (provider with IBAN, contract, products per financing variant),
allocations, two controllers (preparer and approver) and a budget with earmarks."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from schakel.contracts.models import ContractProduct, ContractTariff
from schakel.contracts.tests import helpers as h
from schakel.finance import services
from schakel.finance.models import PaymentAccount
from schakel.testing.factories import make_user

YEAR = date.today().year


@pytest.fixture
def fin(world, open_case, household):
    controller = make_user("controller", world.gemeente, username="controller")
    approver = make_user("controller", world.gemeente, username="controller2")
    provider = h.provider("98000011", "Zorggroep Betaal")
    provider.iban = "NL91ABNA0417164300"
    provider.save()
    contract = h.contract(provider, world.gemeente, start=date(YEAR - 1, 1, 1))
    hh = h.product(contract)  # 01A01 inspanningsgericht, € 65,00 per uur
    lump = ContractProduct.objects.create(
        contract=contract,
        law="jeugd",
        product_category="45",
        product_code="",
        description="Jeugdhulp wijk",
        variant="taakgericht",
    )
    ContractTariff.objects.create(
        product=lump, start_date=date(YEAR, 1, 1), end_date=date(YEAR, 12, 31), amount_cents=1_200_000_00
    )
    person = household.memberships.first().person
    dp = h.decision_product(open_case, person, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    allocation = h.allocation(dp, hh)  # 3 uur per week
    budget = services.create_budget(
        controller,
        year=YEAR,
        kind="sociaal_domein",
        name="Sociaal domein",
        initial_cents=10_000_000_00,
        gemeente=world.gemeente,
        earmarks=[services.EarmarkInput("wmo", 4_000_000_00), services.EarmarkInput("jeugd", 5_000_000_00)],
    )
    PaymentAccount.objects.create(
        gemeente=world.gemeente, name="Gemeente Schakeldam", iban="NL02RABO0123456789", bic="RABONL2U"
    )
    return SimpleNamespace(
        controller=controller,
        approver=approver,
        provider=provider,
        contract=contract,
        hh=hh,
        lump=lump,
        person=person,
        dp=dp,
        allocation=allocation,
        budget=budget,
        gemeente=world.gemeente,
        case=open_case,
    )


def claim(fin, ref: str, amount: int, *, month: int = 1, allocation=None, product=None):
    allocation = allocation if allocation is not None else fin.allocation
    product = product or fin.hh
    last = 28
    return services.ClaimRecord(
        source_ref=ref,
        gemeente_id=fin.gemeente.pk,
        provider_id=fin.provider.pk,
        allocation_id=allocation.pk,
        contract_product_id=product.pk,
        law=product.law,
        product_category=product.product_category,
        product_code=product.product_code,
        period_start=date(YEAR, month, 1),
        period_end=date(YEAR, month, last),
        amount_cents=amount,
    )
