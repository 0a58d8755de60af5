"""Break the glass: mandatory reason, a time-limited grant, both logs, and the offer on the 403 page."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from schakel.core.models import ProcessingLogEntry, SecurityLogEntry
from schakel.core.pseudonym import pseudonymise
from schakel.people.models import BreakGlassGrant, Household
from schakel.web import break_glass, errors
from schakel.web.views import household_url

REASON = "Crisismelding via Veilig Thuis, vaste regisseur is afwezig"


def visible(user, household) -> bool:
    return Household.objects.visible_to(user).filter(pk=household.pk).exists()


def test_reason_is_required_and_access_follows(client, world, login, household, open_case):
    user = world.other_team_regisseur
    assert not visible(user, household)
    login(client, user)
    url = reverse("web:break_glass", args=[household.pk])

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_reason"' in html
    assert household.name not in html  # no personal data before the grant

    short = client.post(url, {"reason": "even kijken"})
    assert short.status_code == 200
    assert "minimaal 20 tekens" in short.content.decode()
    assert not BreakGlassGrant.objects.exists()

    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    assert response.url == household_url(household.pk)
    grant = BreakGlassGrant.objects.get()
    assert grant.user == user and grant.household == household and grant.reason == REASON
    assert abs(grant.expires_at - (timezone.now() + break_glass.GRANT_DURATION)) < timedelta(minutes=1)
    assert visible(user, household)

    event = SecurityLogEntry.objects.get(event=SecurityLogEntry.Event.BREAK_GLASS)
    assert event.user == user and event.detail["household_id"] == household.pk
    logged = ProcessingLogEntry.objects.filter(user=user, break_glass_reason=REASON)
    members = household.memberships.select_related("person")
    assert {e.subject_hash for e in logged} == {pseudonymise(m.person.bsn) for m in members}
    assert break_glass.active_reason(user, household.pk) == REASON

    # Once visible, the page sends the user straight on.
    assert client.get(url).url == household_url(household.pk)


def test_grant_expires(world, household, open_case):
    user = world.other_team_regisseur
    break_glass.grant(user, household, REASON)
    assert visible(user, household)
    with time_machine.travel(timezone.now() + break_glass.GRANT_DURATION + timedelta(minutes=1)):
        assert not visible(user, household)
        assert break_glass.active_grant(user, household.pk) is None


@pytest.mark.parametrize("who", ["foreign_regisseur", "contractmanager", "privacy_officer"])
def test_only_holders_of_the_permission_in_that_municipality(client, world, login, household, who):
    user = getattr(world, who)
    login(client, user)
    url = reverse("web:break_glass", args=[household.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": REASON}).status_code == 403
    assert not BreakGlassGrant.objects.exists()
    assert not visible(user, household)


def test_service_refusals_are_logged(world, household):
    with pytest.raises(PermissionDenied):
        break_glass.grant(world.foreign_regisseur, household, REASON)
    denied = SecurityLogEntry.objects.get(event=SecurityLogEntry.Event.ACCESS_DENIED)
    assert denied.user == world.foreign_regisseur
    with pytest.raises(ValidationError):
        break_glass.grant(world.other_team_regisseur, household, "   te   kort   ")
    assert not BreakGlassGrant.objects.exists()


def test_unknown_household_is_404(client, world, login):
    login(client, world.regisseur)
    assert client.get(reverse("web:break_glass", args=[999999])).status_code == 404


def test_403_page_offers_break_the_glass(world, household):
    factory = RequestFactory()

    def render_403(user):
        request = factory.get("/")
        request.user = user
        exception = PermissionDenied("Dit huishouden valt buiten uw werkvoorraad.")
        exception.household_id = household.pk
        return errors.forbidden(request, exception).content.decode()

    link = reverse("web:break_glass", args=[household.pk])
    assert link in render_403(world.other_team_regisseur)
    assert link not in render_403(world.foreign_regisseur)
    assert link not in render_403(world.contractmanager)


def test_household_page_403_links_to_break_glass(client, world, login, household, open_case):
    try:
        url = reverse("cases:household", kwargs={"pk": household.pk})
    except NoReverseMatch:
        pytest.skip("the household page is not installed")
    login(client, world.other_team_regisseur)
    response = client.get(url)
    assert response.status_code == 403
    assert reverse("web:break_glass", args=[household.pk]) in response.content.decode()
    client.post(reverse("web:break_glass", args=[household.pk]), {"reason": REASON})
    assert client.get(url).status_code == 200


def test_officer_sees_the_grant(client, world, login, household):
    break_glass.grant(world.other_team_regisseur, household, REASON)
    login(client, world.privacy_officer)
    response = client.get(reverse("web:processing_log"))
    assert [g.reason for g in response.context["grants"]] == [REASON]
    html = response.content.decode()
    assert REASON in html and "schakel-row--break-glass" in html
    foreign = client.get(reverse("web:processing_log"), {"user": world.colleague.pk})
    assert foreign.context["grants"] == []
