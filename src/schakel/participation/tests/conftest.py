"""Fixtures of the participation tests: councils, staff in the council roles and external members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from schakel.core.models import User
from schakel.participation import services
from schakel.participation.models import Advice, AdviceRequest, Council
from schakel.testing.factories import make_user


@dataclass
class Councils:
    wmo: Council
    client: Council
    foreign: Council  # a council of the neighbouring municipality
    beleid: User
    secretaris: User
    member_wmo: User
    member_client: User
    member_foreign: User


@pytest.fixture
def councils(world) -> Councils:
    g, other = world.gemeente, world.other_gemeente
    beheer = make_user("secretaris_adviesraad", g, username="secretaris")
    beleid = make_user("beleidsmedewerker", g, username="beleid")
    foreign_secr = make_user("secretaris_adviesraad", other, username="secretaris-buurdorp")
    wmo = services.create_council(
        beheer,
        g,
        name="Wmo-raad Schakeldam",
        kind="wmo_raad",
        policy_fields=["wmo_6", "wmo_4"],
        budget_cents=500_000,
    )
    client = services.create_council(
        beheer, g, name="Cliëntenraad Schakeldam", kind="clientenraad", policy_fields=["pw_inkomen", "wmo_6"]
    )
    foreign = services.create_council(
        foreign_secr, other, name="Wmo-raad Buurdorp", kind="wmo_raad", policy_fields=["wmo_6"]
    )
    start = date.today() - timedelta(days=100)
    member_wmo = make_user("adviesraadlid", g, username="lid-wmo")
    member_client = make_user("adviesraadlid", g, username="lid-client")
    member_foreign = make_user("adviesraadlid", other, username="lid-buurdorp")
    services.add_member(beheer, wmo, name="Lid Wmo", role="voorzitter", term_start=start, account=member_wmo)
    services.add_member(beheer, client, name="Lid Client", term_start=start, account=member_client)
    services.add_member(foreign_secr, foreign, name="Lid Buurdorp", term_start=start, account=member_foreign)
    return Councils(wmo, client, foreign, beleid, beheer, member_wmo, member_client, member_foreign)


def make_request(c: Councils, field: str = "wmo_4", councils=None, send: bool = True) -> AdviceRequest:
    request = services.create_request(
        c.beleid,
        c.wmo.gemeente,
        subject="Mantelzorgwaardering",
        policy_field=field,
        stage="verkenning",
        advice_deadline=date.today() + timedelta(days=30),
        councils=councils,
    )
    return services.send_request(c.beleid, request) if send else request


def make_advice(c: Councils, council=None, user=None, request=None, submit: bool = True) -> Advice:
    council = council or c.wmo
    user = user or c.member_wmo
    advice = services.create_advice(
        user,
        council,
        title="Advies mantelzorg",
        policy_field="wmo_4",
        request=request,
        points=["Punt een", "Punt twee"],
    )
    return services.submit_advice(user, advice) if submit else advice
