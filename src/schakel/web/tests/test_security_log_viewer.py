"""The security-log viewer (BIO 8.15.01) for the privacy officer."""

from django.urls import reverse

from schakel.core import security_log
from schakel.core.models import SecurityLogEntry
from schakel.testing.factories import make_user

Event = SecurityLogEntry.Event


def shown(response):
    return list(response.context["page"].object_list)


def test_officer_sees_events_of_own_staff_only(client, world, login):
    security_log.record(Event.LOGIN_FAILED, username="regisseur", result="mislukt")
    security_log.record(Event.LOGIN_FAILED, username="buurdorp", result="mislukt")
    security_log.record(Event.EXPORT, user=world.foreign_regisseur, result="gelukt")
    security_log.record(
        Event.BREAK_GLASS,
        user=world.colleague,
        result="verleend",
        detail={"household_id": 1, "gemeente_id": world.gemeente.pk},
    )
    login(client, world.privacy_officer)
    response = client.get(reverse("web:security_log"))
    assert response.status_code == 200
    rows = shown(response)
    usernames = {e.username for e in rows}
    assert {"regisseur", "collega"} <= usernames
    assert "buurdorp" not in usernames
    assert "schakel-row--break-glass" in response.content.decode()


def test_role_changes_in_own_municipality_are_shown(client, world, login):
    make_user("teamleider", world.gemeente, username="nieuwe-leider")
    make_user("teamleider", world.other_gemeente, username="andere-leider")
    login(client, world.privacy_officer)
    rows = shown(client.get(reverse("web:security_log"), {"event": Event.ROLE_CHANGE}))
    user_ids = {e.detail.get("user_id") for e in rows}
    from schakel.core.models import User

    assert User.objects.get(username="nieuwe-leider").pk in user_ids
    assert User.objects.get(username="andere-leider").pk not in user_ids


def test_filters(client, world, login):
    security_log.record(Event.LOGIN_FAILED, username="regisseur", result="mislukt")
    security_log.record(Event.LOGIN, user=world.colleague, result="gelukt")
    login(client, world.privacy_officer)
    url = reverse("web:security_log")
    assert {e.event for e in shown(client.get(url, {"event": Event.LOGIN_FAILED}))} == {Event.LOGIN_FAILED}
    assert {e.username for e in shown(client.get(url, {"username": "Collega"}))} == {"collega"}
    assert shown(client.get(url, {"event": "bestaat-niet"})) == []
