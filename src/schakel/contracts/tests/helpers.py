"""Builders shared by the contracts tests and the access matrix (plain ORM: fast, no permission checks)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from schakel.cases.models import Aanvraag, Decision, DecisionProduct
from schakel.contracts.models import (
    Allocation,
    Contract,
    ContractProduct,
    ContractTariff,
    Provider,
    ProviderUser,
)
from schakel.contracts.services import next_number
from schakel.core.models import Membership, Role

TODAY = date.today()


def provider(agb: str = "98000001", name: str = "Zorggroep De Linde") -> Provider:
    return Provider.objects.create(
        agb_code=agb, name=name, contact_name="M. de Vries", email="info@example.nl"
    )


def contract(prov: Provider, gemeente, *, start: date | None = None, end: date | None = None) -> Contract:
    return Contract.objects.create(
        provider=prov,
        gemeente=gemeente,
        reference=f"C-{prov.agb_code}",
        name="Raamovereenkomst Wmo en Jeugd",
        start_date=start or TODAY - timedelta(days=365),
        end_date=end,
    )


def product(
    con: Contract,
    *,
    law: str = "wmo",
    category: str = "01",
    code: str = "01A01",
    variant: str = "inspanningsgericht",
    unit: str = "04",
    frequencies=("2", "4", "6"),
    tariff: int | None = 6500,
) -> ContractProduct:
    cp = ContractProduct.objects.create(
        contract=con,
        law=law,
        product_category=category,
        product_code=code,
        description="Hulp bij het huishouden",
        variant=variant,
        unit=unit,
        frequencies=list(frequencies),
    )
    if tariff is not None:
        ContractTariff.objects.create(product=cp, start_date=con.start_date, amount_cents=tariff)
    return cp


def decision_product(
    case,
    person,
    *,
    law: str = "wmo",
    category: str = "01",
    code: str = "01A01",
    start: date | None = None,
    end: date | None = None,
    volume: int | None = 3,
    unit: str = "04",
    frequency: str = "2",
    outcome: str = "toegekend",
) -> DecisionProduct:
    aanvraag = Aanvraag.objects.create(
        case=case, received_on=TODAY - timedelta(days=30), law=law, description="x"
    )
    decision = Decision.objects.create(
        case=case,
        aanvraag=aanvraag,
        law=law,
        decided_on=TODAY - timedelta(days=20),
        outcome=outcome,
        motivation="Maatwerk nodig",
        bezwaar_deadline=TODAY + timedelta(days=22),
        decided_by=case.regisseur,
    )
    return DecisionProduct.objects.create(
        decision=decision,
        person=person,
        product_category=category,
        product_code=code,
        description="Hulp bij het huishouden",
        start_date=start or TODAY - timedelta(days=10),
        end_date=end if end is not None else TODAY + timedelta(days=365),
        volume=volume,
        unit=unit,
        frequency=frequency,
    )


def allocation(dp: DecisionProduct, cp: ContractProduct, **overrides) -> Allocation:
    """An allocation written directly (for read tests); services are tested separately."""
    case = dp.decision.case
    values = {
        "gemeente_id": case.gemeente_id,
        "law": dp.decision.law,
        "number": next_number(case.gemeente_id, dp.decision.law),
        "decision_product": dp,
        "person_id": dp.person_id,
        "provider_id": cp.contract.provider_id,
        "contract_product": cp,
        "product_category": dp.product_category,
        "product_code": cp.product_code,
        "start_date": dp.start_date,
        "end_date": dp.end_date,
        "volume": dp.volume,
        "unit": dp.unit,
        "frequency": dp.frequency,
        "allocated_at": timezone.now(),
    }
    values.update(overrides)
    return Allocation.objects.create(**values)


def provider_user(user_factory_username: str, prov: Provider, gemeente):
    """A user with role ``aanbieder`` in ``gemeente`` working for ``prov``."""
    from schakel.testing.factories import UserFactory

    user = UserFactory(username=user_factory_username)
    Membership.objects.create(user=user, gemeente=gemeente, role=Role.objects.get(code="aanbieder"))
    ProviderUser.objects.create(user=user, provider=prov)
    return user
