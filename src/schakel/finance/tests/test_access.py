"""This app's part of the access matrix, run on its own (the shared matrix test runs every app's entries)."""

import pytest
from django.urls import reverse

from schakel.testing.fixtures import verified_login

from . import access_matrix

pytestmark = pytest.mark.django_db
KINDS = [
    "anonymous",
    "regisseur",
    "teamleider",
    "foreign_regisseur",
    "contractmanager",
    "privacy_officer",
    "beheerder",
]


@pytest.mark.parametrize("kind", KINDS)
def test_finance_routes(kind, world, household, client):
    objects = {"household": household}
    access_matrix.add_objects(world, objects)
    if kind != "anonymous":
        verified_login(client, getattr(world, kind))
    failures = []
    for name, (target, allowed) in access_matrix.EXPECTED.items():
        kwargs = {"pk": objects[target].pk} if target else {}
        if name.startswith("api:"):
            kwargs["version"] = "v1"
        url = reverse(name, kwargs=kwargs)
        api = name.startswith("api:")
        response = client.get(url, HTTP_ACCEPT="application/json") if api else client.get(url)
        if response.status_code == 405:
            response = client.post(url, {}, content_type="application/json") if api else client.post(url, {})
        location = response.headers.get("Location", "")
        denied = response.status_code in (401, 403, 404) or (
            response.status_code == 302 and "/inloggen/" in location
        )
        if response.status_code >= 500:
            failures.append(f"{name}: {response.status_code}")
        elif kind in allowed and denied:
            failures.append(f"{name}: expected allowed, got {response.status_code}")
        elif kind not in allowed and not denied:
            failures.append(f"{name}: expected denied, got {response.status_code}")
    assert not failures, "\n".join(failures)
