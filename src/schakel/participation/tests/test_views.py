"""Web screens: documents (upload and access-checked download), setup, consultation, signals, response form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schakel.core.models import ProcessingLogEntry
from schakel.participation import services
from schakel.participation.models import AgendaItem, Setup, Signal

from .conftest import make_advice, make_request

pytestmark = pytest.mark.django_db


def test_document_upload_and_download_follow_request_visibility(councils, client, login, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    request = make_request(councils, send=False)
    url = reverse("participation:request", kwargs={"pk": request.pk})
    login(client, councils.beleid)
    bad = client.post(
        url, {"actie": "stuk", "stuk-title": "Nota", "stuk-file": SimpleUploadedFile("x.exe", b"MZ")}
    )
    assert "Alleen PDF" in bad.content.decode()
    ok = client.post(
        url, {"actie": "stuk", "stuk-title": "Nota", "stuk-file": SimpleUploadedFile("n.pdf", b"%PDF-1")}
    )
    assert ok.status_code == 302
    client.post(url, {"actie": "versturen"})
    doc = request.documents.get()
    download = reverse("participation:document", kwargs={"pk": doc.pk})
    login(client, councils.member_wmo)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1"
    login(client, councils.member_client)
    assert client.get(download).status_code == 404


def test_setup_form(councils, client, login):
    login(client, councils.secretaris)
    response = client.post(
        reverse("participation:setup"), {"model": "1c", "advice_weeks": 6, "response_weeks": 6}
    )
    assert "coördinatiepunt" in response.content.decode()
    assert not Setup.objects.exists()
    response = client.post(
        reverse("participation:setup"), {"model": "3", "advice_weeks": 8, "response_weeks": 4}
    )
    assert response.status_code == 302 and Setup.objects.get().model == "3"


def test_meeting_and_agenda_item_by_member(councils, client, login):
    login(client, councils.secretaris)
    day = date.today() + timedelta(days=14)
    response = client.post(
        reverse("participation:meetings"),
        {"council": councils.wmo.pk, "date": day.isoformat(), "location": "Zaal 1"},
    )
    assert response.status_code == 302
    meeting_url = response["Location"]
    login(client, councils.member_wmo)
    assert client.post(meeting_url, {"title": "Wachttijden Wmo"}).status_code == 302
    assert AgendaItem.objects.get().by_council
    login(client, councils.member_client)
    assert client.get(meeting_url).status_code == 404


def test_signals_page_logs_named_senders(councils, client, login):
    login(client, councils.member_wmo)
    response = client.post(
        reverse("participation:signals"),
        {
            "actie": "vastleggen",
            "signaal-council": councils.wmo.pk,
            "signaal-theme": "wmo_6",
            "signaal-description": "Trapliften duren lang",
            "signaal-sender_name": "Carla Synthetisch",
        },
    )
    assert response.status_code == 302
    assert Signal.objects.get().sender_name == "Carla Synthetisch"
    before = ProcessingLogEntry.objects.filter(operation="adviesraad.signalen.lijst").count()
    page = client.get(reverse("participation:signals")).content.decode()
    assert "Carla Synthetisch" in page
    assert ProcessingLogEntry.objects.filter(operation="adviesraad.signalen.lijst").count() == before + 1


def test_response_form_requires_motivation(councils, client, login):
    advice = make_advice(councils)
    first, second = advice.points.order_by("number")
    login(client, councils.beleid)
    url = reverse("participation:respond", kwargs={"pk": advice.pk})
    response = client.post(
        url, {f"point_{first.pk}": "overgenomen", f"point_{second.pk}": "deels", "actie": "publiceren"}
    )
    assert "Motiveer waarom adviespunt 2" in response.content.decode()
    advice.refresh_from_db()
    assert advice.status == "uitgebracht"
    response = client.post(
        url,
        {
            f"point_{first.pk}": "overgenomen",
            f"point_{second.pk}": "deels",
            f"motivation_{second.pk}": "Gefaseerd",
            "actie": "publiceren",
        },
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.status == "beantwoord"


def test_request_form_refuses_past_deadline(councils, client, login):
    login(client, councils.beleid)
    response = client.post(
        reverse("participation:request_new"),
        {
            "subject": "X",
            "policy_field": "wmo_4",
            "stage": "verkenning",
            "advice_deadline": (date.today() - timedelta(days=1)).isoformat(),
            "response_weeks": 6,
        },
    )
    assert response.status_code == 200 and "in het verleden" in response.content.decode()
    assert "Wmo-raad Schakeldam" in response.content.decode()  # routing preview


def test_joint_advice_via_coordination_point_in_the_ui(councils, client, login, world):
    point = services.create_council(
        councils.secretaris,
        world.gemeente,
        name="Coördinatiepunt",
        kind="coordinatiepunt",
        policy_fields=[],
        constituent_councils=[councils.wmo, councils.client],
    )
    services.set_setup(councils.secretaris, world.gemeente, model="1c", coordination_point=point)
    services.add_member(
        councils.secretaris, point, name="Voorzitter", term_start=date.today(), account=councils.member_wmo
    )
    request = make_request(councils, field="wmo_6")
    url = reverse("participation:request", kwargs={"pk": request.pk})
    login(client, councils.member_wmo)
    client.post(url, {"actie": "toewijzen", "toewijzen-councils": [councils.wmo.pk, councils.client.pk]})
    make_advice(councils, request=request)
    make_advice(councils, council=councils.client, user=councils.member_client, request=request)
    page = client.get(url).content.decode()
    assert "Pre-adviezen naast elkaar" in page and "Cliëntenraad Schakeldam" in page
    response = client.post(
        url, {"actie": "gezamenlijk", "gezamenlijk-title": "Samen", "gezamenlijk-points": "Een\nTwee"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "advies_ontvangen"
