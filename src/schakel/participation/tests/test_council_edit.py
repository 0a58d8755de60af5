"""The secretary creates and changes councils and members in the UI (through the services; bad input is
refused per field with nothing stored); members and policy officers cannot."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schakel.participation import services
from schakel.participation.models import Council, CouncilMember

pytestmark = pytest.mark.django_db


def _council_post(**over):
    data = {
        "name": "Jongerenraad Schakeldam",
        "kind": "jongerenraad",
        "policy_fields": ["jeugd"],
        "budget": "1250.50",
    }
    data.update(over)
    return data


def test_secretary_creates_and_edits_a_council(councils, client, login):
    login(client, councils.secretaris)
    assert "Nieuwe raad" in client.get(reverse("participation:councils")).content.decode()
    url = reverse("participation:council_new")
    bad = client.post(url, _council_post(name=councils.wmo.name, policy_fields=[]))
    assert bad.status_code == 200 and "Er is al een raad met deze naam." in bad.content.decode()
    assert not Council.objects.filter(kind="jongerenraad").exists()
    response = client.post(url, _council_post())
    assert response.status_code == 302
    council = Council.objects.get(kind="jongerenraad")
    assert council.budget_cents == 125050 and council.policy_fields == ["jeugd"]
    edit = reverse("participation:council_edit", kwargs={"pk": council.pk})
    page = client.get(edit).content.decode()
    assert "Jongerenraad Schakeldam" in page and 'name="active"' in page
    chamber = client.post(edit, _council_post(kind="kamer"))
    assert "Een kamer hoort bij een participatieraad." in chamber.content.decode()
    council.refresh_from_db()
    assert council.kind == "jongerenraad"
    response = client.post(edit, _council_post(name="Jongerenraad", constituent_councils=[councils.wmo.pk]))
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.name == "Jongerenraad" and not council.active
    assert list(council.constituent_councils.all()) == [councils.wmo]


def test_secretary_edits_a_member_and_ending_the_term_ends_access(councils, client, login):
    seat = CouncilMember.objects.get(user=councils.member_wmo)
    login(client, councils.secretaris)
    url = reverse("participation:member_edit", kwargs={"pk": seat.pk})
    assert "Lid Wmo" in client.get(url).content.decode()
    start = seat.term_start.strftime("%d-%m-%Y")
    bad = client.post(
        url,
        {"name": "Lid Wmo", "role": "lid", "term_start": start, "term_end": "01-01-2000"},
    )
    assert "vóór het begin" in bad.content.decode()
    seat.refresh_from_db()
    assert seat.role == "voorzitter" and seat.term_end is None
    yesterday = (date.today() - timedelta(days=1)).strftime("%d-%m-%Y")
    response = client.post(
        url,
        {
            "name": "Lid Wmo",
            "role": "lid",
            "term_start": start,
            "term_end": yesterday,
            "constituency": "Wijk",
        },
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == "lid" and seat.constituency == "Wijk"
    assert not Council.objects.visible_to(councils.member_wmo).exists()


def test_members_and_policy_officers_cannot_edit(councils, client, login):
    seat = CouncilMember.objects.get(user=councils.member_wmo)
    login(client, councils.member_wmo)
    assert client.get(reverse("participation:council_new")).status_code == 403
    assert (
        client.get(reverse("participation:council_edit", kwargs={"pk": councils.wmo.pk})).status_code == 403
    )
    assert client.get(reverse("participation:member_edit", kwargs={"pk": seat.pk})).status_code == 403
    # a council of another municipality is not even revealed
    assert (
        client.get(reverse("participation:council_edit", kwargs={"pk": councils.foreign.pk})).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.update_council(councils.beleid, councils.wmo, name="X", kind="wmo_raad", policy_fields=[])


def test_update_council_refuses_bad_input_at_once(councils):
    with pytest.raises(ValidationError) as exc:
        services.update_council(
            councils.secretaris,
            councils.wmo,
            name="",
            kind="onbekend",
            policy_fields=["geen"],
            budget_cents=-1,
            constituent_councils=[councils.foreign, councils.wmo],
        )
    assert set(exc.value.message_dict) == {
        "name",
        "kind",
        "policy_fields",
        "budget_cents",
        "constituent_councils",
    }
    councils.wmo.refresh_from_db()
    assert councils.wmo.name == "Wmo-raad Schakeldam"


def test_council_pages_query_counts(councils, client, login, django_assert_max_num_queries):
    for i in range(8):
        services.add_member(councils.secretaris, councils.wmo, name=f"Lid {i}", term_start=date.today())
    login(client, councils.secretaris)
    seat = CouncilMember.objects.filter(council=councils.wmo).first()
    for url in (
        reverse("participation:council_new"),
        reverse("participation:council_edit", kwargs={"pk": councils.wmo.pk}),
        reverse("participation:member_edit", kwargs={"pk": seat.pk}),
        reverse("participation:council", kwargs={"pk": councils.wmo.pk}),
    ):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
