"""Access of external council members, secretaries and policy officers (not among the matrix's user kinds).

A member sees only the work of their own council: never another council's drafts, requests or signals, not
through lists, detail pages or the API. The public register needs no login and never shows drafts, pre-advice
or signal senders.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from schakel.participation import services
from schakel.participation.models import Advice, AdviceRequest, Council, Meeting, Signal

from .conftest import make_advice, make_request

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(f"api:{name}", kwargs={"version": "v1", **kwargs})


def test_querysets_member_sees_only_own_council(councils):
    draft_client = make_advice(councils, council=councils.client, user=councils.member_client, submit=False)
    draft_wmo = make_advice(councils, submit=False)
    given_client = make_advice(councils, council=councils.client, user=councils.member_client)
    assert set(Advice.objects.visible_to(councils.member_wmo)) == {draft_wmo}
    assert set(Advice.objects.visible_to(councils.member_client)) == {draft_client, given_client}
    assert not Advice.objects.visible_to(councils.member_foreign).exists()
    # policy officer: every council's given advice, no drafts; secretary (ambtelijk secretaris): drafts too
    assert set(Advice.objects.visible_to(councils.beleid)) == {given_client}
    assert set(Advice.objects.visible_to(councils.secretaris)) == {draft_client, draft_wmo, given_client}
    assert set(Council.objects.visible_to(councils.member_wmo)) == {councils.wmo}


def test_requests_member_sees_only_requests_to_own_council_and_no_concepts(councils):
    to_wmo = make_request(councils, field="wmo_4")
    concept = make_request(councils, field="wmo_4", send=False)
    to_client = make_request(councils, field="pw_inkomen")
    assert set(AdviceRequest.objects.visible_to(councils.member_wmo)) == {to_wmo}
    assert set(AdviceRequest.objects.visible_to(councils.member_client)) == {to_client}
    assert set(AdviceRequest.objects.visible_to(councils.beleid)) == {to_wmo, concept, to_client}


def test_web_member_cannot_open_another_councils_draft(councils, client, login):
    draft = make_advice(councils, council=councils.client, user=councils.member_client, submit=False)
    login(client, councils.member_wmo)
    assert client.get(reverse("participation:advice", kwargs={"pk": draft.pk})).status_code == 404
    assert client.get(reverse("participation:register_advice", kwargs={"pk": draft.pk})).status_code == 404
    home = client.get(reverse("participation:home")).content.decode()
    assert draft.title not in home
    login(client, councils.member_client)
    assert client.get(reverse("participation:advice", kwargs={"pk": draft.pk})).status_code == 200


def test_web_member_cannot_post_on_another_councils_draft(councils, client, login):
    draft = make_advice(councils, council=councils.client, user=councils.member_client, submit=False)
    login(client, councils.member_wmo)
    response = client.post(reverse("participation:advice", kwargs={"pk": draft.pk}), {"actie": "uitbrengen"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == "concept"


def test_api_member_cannot_see_another_councils_draft(councils, client, login):
    draft = make_advice(councils, council=councils.client, user=councils.member_client, submit=False)
    own = make_advice(councils, submit=False)
    login(client, councils.member_wmo)
    body = client.get(api("advies-list")).json()
    assert [item["id"] for item in body["results"]] == [own.pk]
    assert client.get(api("advies-detail", pk=draft.pk)).status_code == 404
    assert client.post(api("advies-uitbrengen", pk=draft.pk)).status_code == 404


def test_member_does_not_see_other_councils_signals_meetings(councils, client, login):
    signal = services.record_signal(
        councils.member_client,
        councils.client,
        theme="armoede",
        description="Geheim signaal",
        anonymous=False,
        sender_name="Anna Synthetisch",
    )
    meeting = services.create_meeting(councils.secretaris, councils.client, date=signal.received_on)
    assert not Signal.objects.visible_to(councils.member_wmo).exists()
    assert not Meeting.objects.visible_to(councils.member_wmo).exists()
    login(client, councils.member_wmo)
    page = client.get(reverse("participation:signals")).content.decode()
    assert "Anna Synthetisch" not in page and "Geheim signaal" not in page
    assert client.get(reverse("participation:meeting", kwargs={"pk": meeting.pk})).status_code == 404


def test_member_cannot_create_requests_or_responses(councils, client, login):
    advice = make_advice(councils)
    login(client, councils.member_wmo)
    assert client.get(reverse("participation:request_new")).status_code == 403
    assert client.get(reverse("participation:respond", kwargs={"pk": advice.pk})).status_code == 403


def test_expired_seat_loses_access(councils):
    from datetime import date, timedelta

    from schakel.participation.models import CouncilMember

    draft = make_advice(councils, submit=False)
    CouncilMember.objects.filter(user=councils.member_wmo).update(term_end=date.today() - timedelta(days=1))
    assert not Advice.objects.visible_to(councils.member_wmo).filter(pk=draft.pk).exists()


def test_public_register_without_login_never_shows_senders_or_drafts(councils, client):
    advice = make_advice(councils)
    draft = make_advice(councils, submit=False)
    draft.title = "Geheim concept"
    draft.save()
    signal = services.record_signal(
        councils.member_wmo,
        councils.wmo,
        theme="wmo_4",
        description="Signaal over mantelzorg",
        anonymous=False,
        sender_name="Bert Melder",
        sender_contact="bert@example.org",
    )
    services.link_signal(councils.member_wmo, signal, advice)
    for url in (
        reverse("participation:register"),
        reverse("participation:register_advice", kwargs={"pk": advice.pk}),
        reverse("participation:register_export"),
        reverse("participation:register_export") + "?formaat=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8", errors="replace")
        assert "Bert Melder" not in body and "bert@example.org" not in body and "Geheim concept" not in body
    page = client.get(reverse("participation:register")).content.decode()
    assert advice.title in page


def test_pages_need_login(client):
    response = client.get(reverse("participation:home"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
