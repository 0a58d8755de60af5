"""Pytest fixtures shared by all apps' tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from schakel.core import configuration
from schakel.core.models import Gemeente, Team, User

from .factories import GemeenteFactory, TeamFactory, add_totp, household_with_members, make_user


@dataclass
class World:
    """A small municipality (and a neighbour) with users in every role relevant to access tests."""

    gemeente: Gemeente
    other_gemeente: Gemeente
    team: Team
    other_team: Team
    regisseur: User
    colleague: User  # same team as regisseur
    other_team_regisseur: User
    teamleider: User
    privacy_officer: User
    contractmanager: User
    beheerder: User
    foreign_regisseur: User  # a regisseur of another municipality


@pytest.fixture
def config(db):
    configuration.apply()


@pytest.fixture
def world(config) -> World:
    gemeente = GemeenteFactory(code="0001", name="Schakeldam")
    other = GemeenteFactory(code="0002", name="Buurdorp")
    team = TeamFactory(gemeente=gemeente, name="Wijkteam Noord")
    other_team = TeamFactory(gemeente=gemeente, name="Wijkteam Zuid")
    foreign_team = TeamFactory(gemeente=other, name="Wijkteam Buurdorp")
    beheerder = make_user("functioneel_beheerder", gemeente, username="beheerder")
    beheerder.is_staff = True
    beheerder.save()
    return World(
        gemeente=gemeente,
        other_gemeente=other,
        team=team,
        other_team=other_team,
        regisseur=make_user("regisseur", gemeente, team, username="regisseur"),
        colleague=make_user("regisseur", gemeente, team, username="collega"),
        other_team_regisseur=make_user("regisseur", gemeente, other_team, username="zuid"),
        teamleider=make_user("teamleider", gemeente, team, username="teamleider"),
        privacy_officer=make_user("privacy_officer", gemeente, username="fg"),
        contractmanager=make_user("contractmanager", gemeente, username="contract"),
        beheerder=beheerder,
        foreign_regisseur=make_user("regisseur", other, foreign_team, username="buurdorp"),
    )


@pytest.fixture
def household(world):
    return household_with_members(world.gemeente, adults=2, children=2)


@pytest.fixture
def open_case(world, household):
    """A case held by ``world.regisseur`` in ``world.team`` (Wmo melding two weeks ago)."""
    from schakel.cases import services

    return services.register_melding(
        world.regisseur,
        household=household,
        received_on=date.today() - timedelta(days=14),
        channel="telefoon",
        laws=["wmo"],
        question="Hulp bij het huishouden gevraagd",
        team=world.team,
    )


def verified_login(client, user) -> None:
    """Log ``user`` in with a confirmed TOTP device, as after a successful second factor."""
    device = user.totpdevice_set.first() or add_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def login():
    return verified_login


@pytest.fixture
def flushable_logs(transactional_db):
    """Transactional tests end with a flush (DELETE/TRUNCATE of every table), which the append-only
    triggers on the log tables refuse. Lift the triggers for the flush only; restore them for the test."""
    from importlib import import_module

    from django.db import connection

    migration = import_module("schakel.core.migrations.0002_append_only_triggers")
    with connection.schema_editor() as editor:
        migration.backwards(None, editor)
        migration.forwards(None, editor)
    yield
    with connection.schema_editor() as editor:
        migration.backwards(None, editor)
