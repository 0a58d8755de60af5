"""API test fixtures (defined in :mod:`schakel.api.tests.fixtures` so other apps' API tests can import them)."""

from .fixtures import api_as, api_client, full_case, token_client  # noqa: F401
