"""Fixtures of the exchange tests: a provider with a contract, an allocation and message builders."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from schakel.contracts.tests import helpers as h
from schakel.exchange import pipeline, synthetic
from schakel.exchange.models import Message

TODAY = date.today()


@pytest.fixture
def exch(world, open_case, household):
    """Provider De Linde (AGB 98000001) with a Wmo contract in ``world.gemeente`` and one allocation of
    3 hours per week (01A01, tariff 6500) to a household member, starting 40 days ago."""
    linde = h.provider("98000001", "Zorggroep De Linde")
    beuk = h.provider("98000002", "Thuiszorg De Beuk")
    con = h.contract(linde, world.gemeente)
    hh = h.product(con)
    h.product(h.contract(beuk, world.gemeente))
    person = household.memberships.first().person
    dp = h.decision_product(open_case, person, start=TODAY - timedelta(days=40))
    allocation = h.allocation(dp, hh)
    allocation.refresh_from_db()
    target = synthetic.targets_for(
        [type(allocation).objects.select_related("gemeente", "provider", "person").get(pk=allocation.pk)]
    )[0]
    return SimpleNamespace(
        linde=linde, beuk=beuk, contract=con, product=hh, person=person, dp=dp, allocation=allocation,
        target=target, case=open_case,
    )  # fmt: skip


class Run:
    """Receive and process messages; return the incoming rows (refreshed) and their retours."""

    counter = 0

    def ident(self) -> str:
        Run.counter += 1
        return f"T{Run.counter:011d}"

    def __call__(self, *messages, provider=None):
        rows = pipeline.receive_many(
            [(m if isinstance(m, bytes) else synthetic.encode(m), "test") for m in messages],
            provider=provider,
        )
        pipeline.process_pending()
        result = [Message.objects.get(pk=row.pk) for row in rows]
        return result[0] if len(result) == 1 else result


@pytest.fixture
def run(db):
    return Run()


def retour_of(message: Message):
    from schakel.exchange import xml

    retour = message.retours.get()
    return xml.parse_message(bytes(retour.raw))


def codes_in(message: Message) -> set[str]:
    """Every retour code anywhere in the retour of ``message``."""
    retour = retour_of(message)
    found = set(retour.Header.RetourCodes)

    def walk(obj):
        if obj is None:
            return
        if isinstance(obj, list):
            for item in obj:
                walk(item)
            return
        if hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                value = getattr(obj, name)
                if name == "RetourCodes":
                    found.update(value)
                elif hasattr(value, "__dataclass_fields__") or isinstance(value, list):
                    walk(value)

    walk(retour.body)
    return found
