"""Fixtures for API tests: authenticated API clients (session with verified 2FA, or a DRF token).

``api/tests/conftest.py`` provides them to the API's own tests; tests of other apps import them by name.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.cases import services
from schakel.cases.models import Case

API = "/api/v1"
__all__ = ["API", "api_as", "api_client", "full_case", "token_client"]


@pytest.fixture
def api_as(login):
    """``api_as(user)``: an APIClient with a session for ``user`` after a verified second factor."""

    def make(user) -> APIClient:
        client = APIClient()
        login(client, user)
        return client

    return make


@pytest.fixture
def api_client(world, api_as) -> APIClient:
    """The regisseur of ``world.team``, logged in with a verified second factor."""
    return api_as(world.regisseur)


@pytest.fixture
def token_client():
    """``token_client(user)``: an APIClient authenticating with a DRF token (as issued in the admin)."""

    def make(user) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def full_case(world, open_case) -> Case:
    """``open_case`` taken through onderzoek, an aanvraag, a decision and a plan with a goal and an action."""
    user = world.regisseur
    today = date.today()
    services.start_onderzoek(user, open_case, started_on=today - timedelta(days=10))
    services.record_onderzoek(
        user, open_case, findings={"huisvesting": "Trap is een probleem"}, complete=True
    )
    person = open_case.household.memberships.first().person
    goal = services.add_goal(
        user, open_case, life_domain="huisvesting", description="Veilig de trap op", person=person
    )
    services.add_action(user, goal, description="Traplift aanvragen", carrier="maatwerk")
    aanvraag = services.record_aanvraag(
        user, open_case, received_on=today - timedelta(days=3), law="wmo", description="Traplift"
    )
    services.record_decision(
        user,
        aanvraag,
        decided_on=today,
        outcome="toegekend",
        motivation="Noodzakelijk voor zelfredzaamheid",
        products=[
            services.GrantedProduct(
                person=person, product_category="05", description="Traplift", start_date=today
            )
        ],
    )
    open_case.refresh_from_db()
    return open_case
