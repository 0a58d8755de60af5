"""Property-based run over the whole API with schemathesis (issue 2 §8: no 500s, bounded examples).

The schema is the committed ``openapi.yaml``; requests go in-process to the Django WSGI application (no network server), as a regisseur with a DRF token and with cases, plans and
decisions present. Every response must not be a server error and must conform to the documented schema.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from schakel.cases import services
from schakel.testing.factories import household_with_members

MAX_EXAMPLES = 25


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the WSGI handler must not close the connection (and its transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(world, full_case) -> str:
    """A regisseur's token, with data in their work: a full case and a fresh one."""
    household = household_with_members(world.gemeente, adults=1, children=1)
    services.register_melding(
        world.regisseur,
        household=household,
        received_on=date.today(),
        channel="loket",
        laws=["jeugd"],
        question="Zorgen over school",
        team=world.team,
    )
    return Token.objects.create(user=world.regisseur).key


#: The committed contract (``make openapi``; ``make openapi-check`` keeps it equal to the code).
schema = schemathesis.openapi.from_path(Path(__file__).resolve().parents[4] / "openapi.yaml")
schema.app = get_wsgi_application()


@pytest.mark.django_db
@schema.parametrize()
# Only the ``generate`` phase: schemathesis adds its (unbounded) coverage cases in the ``explicit`` phase.
@settings(
    max_examples=MAX_EXAMPLES,
    phases=[Phase.generate],
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema_and_never_fails(case, api_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {api_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
