"""Minutes and decisions of a meeting after it took place; a draft advice withdrawn by its council."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schakel.participation import services, workflow
from schakel.participation.models import Advice, Meeting

from .conftest import make_advice

pytestmark = pytest.mark.django_db


def _past_meeting(c) -> Meeting:
    meeting = services.create_meeting(c.secretaris, c.wmo, date=date.today())
    Meeting.objects.filter(pk=meeting.pk).update(date=date.today() - timedelta(days=3))
    meeting.refresh_from_db()
    return meeting


def test_minutes_only_after_the_meeting(councils):
    future = services.create_meeting(councils.secretaris, councils.wmo, date=date.today() + timedelta(days=5))
    with pytest.raises(ValidationError) as exc:
        services.record_minutes(councils.secretaris, future, minutes="Verslag")
    assert "nadat het overleg" in exc.value.message_dict["minutes"][0]
    past = _past_meeting(councils)
    with pytest.raises(ValidationError):
        services.record_minutes(councils.secretaris, past, minutes="  ", decisions="")
    with pytest.raises(PermissionDenied):
        services.record_minutes(councils.member_wmo, past, minutes="Verslag")
    past.refresh_from_db()
    assert past.minutes == "" and past.minutes_recorded_on is None
    services.record_minutes(
        councils.secretaris, past, minutes="Besproken: vervoer", decisions="Notitie in mei"
    )
    past.refresh_from_db()
    assert past.decisions == "Notitie in mei" and past.minutes_recorded_on == date.today()


def test_minutes_edit_screen(councils, client, login):
    past = _past_meeting(councils)
    url = reverse("participation:meeting_minutes", kwargs={"pk": past.pk})
    login(client, councils.secretaris)
    assert (
        "Verslag vastleggen"
        in client.get(reverse("participation:meeting", kwargs={"pk": past.pk})).content.decode()
    )
    bad = client.post(url, {"minutes": "", "decisions": ""})
    assert bad.status_code == 200 and "Geef het verslag" in bad.content.decode()
    assert client.post(url, {"minutes": "Verslag", "decisions": "Besluit A"}).status_code == 302
    client.logout()
    login(client, councils.member_wmo)
    page = client.get(reverse("participation:meeting", kwargs={"pk": past.pk})).content.decode()
    assert "Besluit A" in page and "Verslag vastleggen" not in page
    assert client.get(url).status_code == 403
    client.logout()
    login(client, councils.member_foreign)
    assert client.get(url).status_code == 404


def test_withdraw_table():
    assert "ingetrokken" in workflow.ADVICE_TRANSITIONS["concept"]
    assert "ingetrokken" not in workflow.ADVICE_TRANSITIONS["uitgebracht"]
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_advice("uitgebracht", "ingetrokken")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_advice("ingetrokken", "uitgebracht")


def test_council_withdraws_its_draft(councils, client, login):
    draft = make_advice(councils, submit=False)
    with pytest.raises(PermissionDenied):
        services.withdraw_advice(councils.member_client, draft)
    login(client, councils.member_wmo)
    url = reverse("participation:advice", kwargs={"pk": draft.pk})
    assert "Concept intrekken" in client.get(url).content.decode()
    assert client.post(url, {"actie": "intrekken"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "ingetrokken"
    with pytest.raises(ValidationError):
        services.submit_advice(councils.member_wmo, draft)
    # staff without the drafts permission do not see it; the secretary and the council do
    assert not Advice.objects.visible_to(councils.beleid).filter(pk=draft.pk).exists()
    assert Advice.objects.visible_to(councils.secretaris).filter(pk=draft.pk).exists()
    given = make_advice(councils)
    with pytest.raises(ValidationError) as exc:
        services.withdraw_advice(councils.member_wmo, given)
    assert "conceptadvies" in exc.value.messages[0]
    assert Advice.objects.get(pk=given.pk).status == "uitgebracht"
