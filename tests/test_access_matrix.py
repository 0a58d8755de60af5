"""The access matrix (issue 2 §8): every URL and API route × every kind of user, allowed or denied.

A new route fails this test until it is added to :data:`EXPECTED`. "Denied" means 403/404 (or the
login page for anonymous users, 401/403 for the API); lists must answer without the protected objects.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from schakel.testing.fixtures import verified_login
from schakel.testing.matrix import APP_MATRICES

USERS = [
    "anonymous",
    "regisseur",
    "colleague",
    "teamleider",
    "other_team_regisseur",
    "foreign_regisseur",
    "contractmanager",
    "privacy_officer",
    "beheerder",
]
CASE_TEAM = {"regisseur", "colleague", "teamleider"}
SEARCHERS = CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}
LOGGED_IN = set(USERS) - {"anonymous"}
EVERYONE = set(USERS)
NOBODY: set[str] = set()

#: URL name → (object the ``pk`` refers to, users allowed). Lists: users who get an answer; the
#: protected household must still only appear for CASE_TEAM (checked separately).
EXPECTED: dict[str, tuple[str | None, set[str]]] = {
    # web: the regisseur's pages
    "cases:workqueue": (None, CASE_TEAM | {"other_team_regisseur", "foreign_regisseur"}),
    "cases:melding_new": (None, SEARCHERS),
    "cases:start_onderzoek": ("case", CASE_TEAM),
    "cases:onderzoek": ("case", CASE_TEAM),
    "cases:aanvraag": ("case", CASE_TEAM),
    "cases:decision": ("case", CASE_TEAM),
    "cases:evaluation": ("case", CASE_TEAM),
    "cases:status": ("case", CASE_TEAM),
    "cases:plan": ("case", CASE_TEAM),
    "cases:goal_add": ("case", CASE_TEAM),
    "cases:plan_agree": ("case", CASE_TEAM),
    "cases:goal_edit": ("goal", CASE_TEAM),
    "cases:action_add": ("goal", CASE_TEAM),
    "cases:action_edit": ("action", CASE_TEAM),
    "people:search": (None, SEARCHERS),
    "cases:household": ("household", CASE_TEAM),
    # web shell
    "web:workqueue": (None, LOGGED_IN),
    "web:login": (None, EVERYONE),
    "web:verify": (None, EVERYONE),
    "web:otp_setup": (None, EVERYONE),
    "web:logout": (None, EVERYONE),
    "web:processing_log": (None, {"privacy_officer"}),
    "web:processing_log_export": (None, {"privacy_officer"}),
    "web:security_log": (None, {"privacy_officer"}),
    "web:break_glass": ("household", CASE_TEAM | {"other_team_regisseur"}),
    "set_language": (None, EVERYONE),
    "health": (None, EVERYONE),
    # API
    "api:schema": (None, EVERYONE),
    "api:docs": (None, EVERYONE),
    "api:api-root": (None, LOGGED_IN),
    "api:persoon-list": (None, SEARCHERS),
    "api:persoon-zoeken": (None, SEARCHERS),
    "api:persoon-detail": ("person", CASE_TEAM),
    "api:huishouden-list": (None, SEARCHERS),
    "api:huishouden-detail": ("household", CASE_TEAM),
    "api:casus-list": (None, SEARCHERS),
    "api:casus-detail": ("case", CASE_TEAM),
    "api:casus-add-aanvraag": ("case", CASE_TEAM),
    "api:casus-add-decision": ("case", CASE_TEAM),
    "api:casus-add-evaluation": ("case", CASE_TEAM),
    "api:casus-change-status": ("case", CASE_TEAM),
    "api:casus-record-onderzoek": ("case", CASE_TEAM),
    "api:casus-start-onderzoek": ("case", CASE_TEAM),
    "api:plan-detail": ("plan", CASE_TEAM),
    "api:doel-list": (None, SEARCHERS),
    "api:doel-detail": ("goal", CASE_TEAM),
    "api:actie-list": (None, SEARCHERS),
    "api:actie-detail": ("action", CASE_TEAM),
    "api:beschikking-list": (None, SEARCHERS),
    "api:beschikking-detail": ("decision", CASE_TEAM),
}

#: Read-only admin pages checked too (the admin is for functional configuration).
ADMIN_URLS = {
    "admin:index": (None, {"beheerder"}),
    "admin:core_role_changelist": (None, {"beheerder"}),
    "admin:core_processinglogentry_changelist": (None, NOBODY),
    "admin:core_securitylogentry_changelist": (None, NOBODY),
}

LIST_ROUTES = {
    "cases:workqueue",
    "api:persoon-list",
    "api:huishouden-list",
    "api:casus-list",
    "api:doel-list",
    "api:actie-list",
    "api:beschikking-list",
}


for _matrix in APP_MATRICES:
    EXPECTED.update(_matrix.EXPECTED)
    ADMIN_URLS.update(_matrix.ADMIN_URLS)
    LIST_ROUTES.update(_matrix.LIST_ROUTES)


def _named_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = (
                    f"{namespace}:{entry.namespace}"
                    if namespace and entry.namespace
                    else entry.namespace or namespace
                )
                if ns == "admin":
                    continue
                walk(entry.url_patterns, ns or "")
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_route_is_in_the_matrix():
    missing = _named_routes() - set(EXPECTED)
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"


def _url(name: str, target: str | None, objects) -> str:
    kwargs = {}
    if target is not None:
        kwargs["household_id" if name == "web:break_glass" else "pk"] = objects[target].pk
    if name.startswith("api:"):
        kwargs["version"] = "v1"
    return reverse(name, kwargs=kwargs)


def _client(kind: str, world, client):
    if kind == "anonymous":
        return client
    verified_login(client, getattr(world, kind))
    return client


def _request(client, url: str, api: bool):
    if api:
        response = client.get(url, HTTP_ACCEPT="application/json")
        if response.status_code == 405:
            response = client.post(url, {}, content_type="application/json", HTTP_ACCEPT="application/json")
        return response
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def _denied(response, kind: str) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and ("/inloggen/" in location or "/beheer/login/" in location)


@pytest.mark.parametrize("kind", USERS)
def test_access_matrix(kind, world, objects, client):
    client = _client(kind, world, client)
    failures = []
    household = objects["household"]
    for name, (target, allowed) in {**EXPECTED, **ADMIN_URLS}.items():
        if name in ("web:logout", "set_language"):
            continue  # would end the session / has no access decision
        url = _url(name, target, objects)
        response = _request(client, url, api=name.startswith("api:"))
        if response.status_code >= 500:
            failures.append(f"{name}: {response.status_code}")
            continue
        denied = _denied(response, kind)
        if kind in allowed and denied and name not in ("web:login", "web:verify", "web:otp_setup"):
            failures.append(f"{name}: expected allowed, got {response.status_code}")
        if kind not in allowed and not denied:
            failures.append(f"{name}: expected denied, got {response.status_code}")
        if name in LIST_ROUTES and response.status_code == 200 and kind not in CASE_TEAM:
            body = response.content.decode()
            if household.name in body or re.search(rf'"household":\s*{household.pk}\b', body):
                failures.append(f"{name}: LEAK — shows the protected household")
    assert not failures, f"{kind}:\n" + "\n".join(failures)


def test_api_lists_show_the_household_to_the_team(world, objects, client):
    verified_login(client, world.colleague)
    body = client.get(reverse("api:huishouden-list", kwargs={"version": "v1"})).json()
    assert objects["household"].pk in [item["id"] for item in body["results"]]


def test_token_auth_has_the_same_policy(world, objects):
    from rest_framework.authtoken.models import Token

    api = APIClient()
    for kind, expected in (("regisseur", 200), ("other_team_regisseur", 404), ("foreign_regisseur", 404)):
        token = Token.objects.create(user=getattr(world, kind))
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        url = reverse("api:casus-detail", kwargs={"version": "v1", "pk": objects["case"].pk})
        assert api.get(url).status_code == expected, kind
