"""Services: routing by organisation model, requests, advice, responses, consultation, signals, reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from schakel.core.models import ProcessingLogEntry
from schakel.participation import services, workflow
from schakel.participation.models import (
    Advice,
    AdvicePoint,
    AdviceRequest,
    AgendaItem,
    Reminder,
    Response,
    Signal,
)
from schakel.participation.vocab import CouncilKind

from .conftest import make_advice, make_request

pytestmark = pytest.mark.django_db
TODAY = date.today()


# ----------------------------------------------------------------------------- routing


def test_routing_1a_sends_to_every_council_with_the_field(councils):
    routing = services.route(councils.wmo.gemeente, "wmo_6")
    assert {c.pk for c in routing.councils} == {councils.wmo.pk, councils.client.pk}
    assert routing.coordination_point is None
    assert [c.pk for c in services.route(councils.wmo.gemeente, "pw_inkomen").councils] == [
        councils.client.pk
    ]
    assert services.route(councils.wmo.gemeente, "jeugd").councils == []


def test_routing_1b_notes_coordination_between_chairs(councils):
    services.set_setup(councils.secretaris, councils.wmo.gemeente, model="1b")
    routing = services.route(councils.wmo.gemeente, "wmo_6")
    assert len(routing.councils) == 2 and "voorzitters" in routing.note


def _point(c):
    point = services.create_council(
        c.secretaris,
        c.wmo.gemeente,
        name="Coördinatiepunt",
        kind="coordinatiepunt",
        policy_fields=[],
        constituent_councils=[c.wmo, c.client],
    )
    return point


@pytest.mark.parametrize("model", ["1c", "4"])
def test_routing_1c_and_4_go_to_the_coordination_point(councils, model):
    point = _point(councils)
    services.set_setup(councils.secretaris, councils.wmo.gemeente, model=model, coordination_point=point)
    routing = services.route(councils.wmo.gemeente, "wmo_6")
    assert routing.coordination_point == point
    request = make_request(councils, field="wmo_6")
    assert request.status == "bij_coordinatiepunt" and request.coordination_point == point
    assert not request.councils.exists()


def test_model_1c_needs_a_coordination_point(councils):
    with pytest.raises(ValidationError) as exc:
        services.set_setup(councils.secretaris, councils.wmo.gemeente, model="1c")
    assert "coordination_point" in exc.value.message_dict


def test_routing_2_prefers_the_joint_working_group(councils):
    group = services.create_council(
        councils.secretaris,
        councils.wmo.gemeente,
        name="Werkgroep Wmo 6",
        kind="werkgroep",
        policy_fields=["wmo_6"],
        constituent_councils=[councils.wmo, councils.client],
    )
    services.set_setup(councils.secretaris, councils.wmo.gemeente, model="2")
    assert services.route(councils.wmo.gemeente, "wmo_6").councils == [group]
    assert services.route(councils.wmo.gemeente, "wmo_4").councils == [councils.wmo]  # one council: itself


def test_routing_3_participation_council_and_chambers(councils):
    raad = services.create_council(
        councils.secretaris,
        councils.wmo.gemeente,
        name="Participatieraad",
        kind="participatieraad",
        policy_fields=[],
    )
    chamber = services.create_council(
        councils.secretaris,
        councils.wmo.gemeente,
        name="Kamer Werk en Inkomen",
        kind="kamer",
        policy_fields=["pw_inkomen"],
        parent=raad,
    )
    services.set_setup(councils.secretaris, councils.wmo.gemeente, model="3")
    assert services.route(councils.wmo.gemeente, "pw_inkomen").councils == [chamber]
    assert services.route(councils.wmo.gemeente, "wmo_1").councils == [raad]


def test_a_chamber_belongs_to_a_participation_council(councils):
    with pytest.raises(ValidationError):
        services.create_council(
            councils.secretaris,
            councils.wmo.gemeente,
            name="Kamer",
            kind=CouncilKind.KAMER,
            policy_fields=[],
            parent=councils.wmo,
        )


def test_regional_council_serves_member_municipalities(councils, world):
    from schakel.core.models import Regio

    regio = Regio.objects.create(name="ISD Noord", kind="isd")
    regio.gemeenten.set([world.gemeente, world.other_gemeente])
    regional = services.create_council(
        councils.secretaris,
        world.gemeente,
        name="Regionale cliëntenraad",
        kind="clientenraad",
        policy_fields=["schuldhulp"],
        regio=regio,
    )
    assert regional.is_regional
    assert services.route(world.other_gemeente, "schuldhulp").councils == [regional]


# ----------------------------------------------------------------------------- requests


def test_request_records_early_involvement_and_routes(councils):
    request = make_request(councils, send=False)
    assert request.early_involvement and request.status == "concept"
    assert list(request.councils.all()) == [councils.wmo]
    late = services.create_request(
        councils.beleid,
        councils.wmo.gemeente,
        subject="X",
        policy_field="wmo_4",
        stage="besluitvorming",
        advice_deadline=TODAY + timedelta(days=3),
    )
    assert not late.early_involvement


def test_deadline_in_the_past_is_refused_and_nothing_stored(councils):
    with pytest.raises(ValidationError) as exc:
        services.create_request(
            councils.beleid,
            councils.wmo.gemeente,
            subject="X",
            policy_field="wmo_4",
            stage="verkenning",
            advice_deadline=TODAY - timedelta(days=1),
        )
    assert "advice_deadline" in exc.value.message_dict
    assert not AdviceRequest.objects.exists()


def test_meeting_in_the_past_is_refused(councils):
    with pytest.raises(ValidationError):
        services.create_meeting(councils.secretaris, councils.wmo, date=TODAY - timedelta(days=1))


def test_only_policy_officers_create_requests(councils):
    with pytest.raises(PermissionDenied):
        services.create_request(
            councils.member_wmo,
            councils.wmo.gemeente,
            subject="X",
            policy_field="wmo_4",
            stage="verkenning",
            advice_deadline=TODAY + timedelta(days=9),
        )


def test_document_upload_checks_size_type_and_signature(councils, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    request = make_request(councils, send=False)
    ok = services.add_document(
        councils.beleid, request, title="Nota", upload=SimpleUploadedFile("nota.pdf", b"%PDF-1.7 test")
    )
    assert ok.content_type == "application/pdf" and ok.file.name.endswith(".pdf")
    assert "nota" not in ok.file.name  # the client's file name is not used on disk
    for name, content in [("x.exe", b"MZ"), ("fake.pdf", b"<html>"), ("a.txt", b"\x00\x01")]:
        with pytest.raises(ValidationError):
            services.add_document(
                councils.beleid, request, title="X", upload=SimpleUploadedFile(name, content)
            )
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        services.add_document(councils.beleid, request, title="X", upload=big)
    assert request.documents.count() == 1


def test_withdraw_follows_the_table(councils):
    request = make_request(councils)
    services.withdraw_request(councils.beleid, request)
    request.refresh_from_db()
    assert request.status == "ingetrokken"
    with pytest.raises(ValidationError):
        services.withdraw_request(councils.beleid, request)


def test_transition_tables():
    assert "uitgezet" in workflow.REQUEST_SYSTEM_TRANSITIONS["concept"]
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_request("concept", "beantwoord", by_system=True)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_request("concept", "uitgezet", by_system=False)  # only by sending
    workflow.check_request("uitgezet", "ingetrokken", by_system=False)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_advice("beantwoord", "concept")
    for table in (
        workflow.REQUEST_USER_TRANSITIONS,
        workflow.REQUEST_SYSTEM_TRANSITIONS,
        workflow.ADVICE_TRANSITIONS,
    ):
        for source, targets in table.items():
            assert source not in targets


# ----------------------------------------------------------------------------- advice and response


def test_requested_advice_and_response_per_point(councils):
    request = make_request(councils)
    advice = make_advice(councils, request=request)
    request.refresh_from_db()
    assert advice.status == "uitgebracht" and request.status == "advies_ontvangen"
    assert advice.response_due == TODAY + timedelta(weeks=6)
    first, second = advice.points.order_by("number")
    with pytest.raises(ValidationError) as exc:
        services.record_response(
            councils.beleid,
            advice,
            outcomes={first.pk: ("overgenomen", ""), second.pk: ("niet_overgenomen", "")},
        )
    assert f"point_{second.pk}" in exc.value.message_dict
    assert not Response.objects.exists() and not AdvicePoint.objects.exclude(outcome="").exists()
    services.record_response(
        councils.beleid,
        advice,
        outcomes={first.pk: ("overgenomen", ""), second.pk: ("deels", "Budget")},
        raadsvoorstel_reference="RV-1",
        raadsvoorstel_url="https://example.org/rv-1",
    )
    services.publish_response(councils.beleid, advice)
    advice.refresh_from_db()
    request.refresh_from_db()
    assert advice.status == "beantwoord" and request.status == "beantwoord"
    assert advice.response.published_on == TODAY


def test_publish_needs_every_point_answered(councils):
    advice = make_advice(councils)
    with pytest.raises(ValidationError):
        services.publish_response(councils.beleid, advice)


def test_unrequested_advice_uses_the_default_response_term(councils):
    services.set_setup(councils.secretaris, councils.wmo.gemeente, model="1a", response_weeks=4)
    advice = make_advice(councils)
    assert not advice.requested and advice.response_due == TODAY + timedelta(weeks=4)


def test_member_cannot_draft_for_another_council(councils):
    with pytest.raises(PermissionDenied):
        services.create_advice(
            councils.member_wmo, councils.client, title="X", policy_field="wmo_6", points=["a"]
        )


def test_council_not_asked_cannot_answer_the_request(councils):
    request = make_request(councils, field="wmo_4")
    with pytest.raises(ValidationError):
        services.create_advice(
            councils.member_client, councils.client, title="X", request=request, points=["a"]
        )


def test_advice_without_points_cannot_be_submitted(councils):
    advice = services.create_advice(councils.member_wmo, councils.wmo, title="Leeg", policy_field="wmo_4")
    with pytest.raises(ValidationError):
        services.submit_advice(councils.member_wmo, advice)
    services.add_point(councils.member_wmo, advice, "Alsnog een punt")
    assert services.submit_advice(councils.member_wmo, advice).status == "uitgebracht"
    with pytest.raises(ValidationError):
        services.add_point(councils.member_wmo, advice, "Te laat")


def test_coordination_point_assigns_compares_pre_advice_and_issues_joint_advice(councils, world):
    point = _point(councils)
    services.set_setup(councils.secretaris, world.gemeente, model="1c", coordination_point=point)
    chair = councils.member_wmo
    services.add_member(councils.secretaris, point, name="Voorzitter", term_start=TODAY, account=chair)
    request = make_request(councils, field="wmo_6")
    with pytest.raises(PermissionDenied):
        services.assign_councils(councils.member_client, request, [councils.client])
    services.assign_councils(chair, request, [councils.wmo, councils.client])
    pre_wmo = make_advice(councils, request=request)
    pre_client = make_advice(councils, council=councils.client, user=councils.member_client, request=request)
    assert pre_wmo.status == pre_client.status == "pre_advies"
    request.refresh_from_db()
    assert request.status == "uitgezet"
    joint = services.issue_joint_advice(chair, request, title="Gezamenlijk advies", points=["Samen", "Eens"])
    request.refresh_from_db()
    assert joint.status == "uitgebracht" and joint.council == point
    assert set(joint.joint_councils.all()) == {councils.wmo, councils.client}
    assert request.status == "advies_ontvangen"


def test_working_group_advice_is_joint(councils):
    group = services.create_council(
        councils.secretaris,
        councils.wmo.gemeente,
        name="Werkgroep",
        kind="werkgroep",
        policy_fields=["wmo_6"],
        constituent_councils=[councils.wmo, councils.client],
    )
    services.add_member(
        councils.secretaris, group, name="Lid", term_start=TODAY, account=councils.member_client
    )
    advice = make_advice(councils, council=group, user=councils.member_client)
    assert set(advice.joint_councils.all()) == {councils.wmo, councils.client}
    # members of a constituent council see the joint advice
    assert Advice.objects.visible_to(councils.member_wmo).filter(pk=advice.pk).exists()


# ----------------------------------------------------------------------------- consultation and signals


def test_agenda_items_by_council_and_deadline(councils):
    meeting = services.create_meeting(
        councils.secretaris,
        councils.wmo,
        date=TODAY + timedelta(days=10),
        agenda_deadline=TODAY + timedelta(days=3),
    )
    item = services.submit_agenda_item(councils.member_wmo, meeting, title="Wachttijden")
    assert item.by_council
    with pytest.raises(PermissionDenied):
        services.submit_agenda_item(councils.member_client, meeting, title="Niet mijn raad")
    staff_item = services.submit_agenda_item(councils.beleid, meeting, title="Voortgang")
    assert not staff_item.by_council
    assert AgendaItem.objects.count() == 2


def test_agenda_deadline_passed(councils):
    meeting = services.create_meeting(councils.secretaris, councils.wmo, date=TODAY + timedelta(days=10))
    meeting.agenda_deadline = TODAY - timedelta(days=1)
    meeting.save()
    with pytest.raises(ValidationError):
        services.submit_agenda_item(councils.member_wmo, meeting, title="Te laat")


def test_information_log(councils):
    item = services.log_information(
        councils.beleid, councils.wmo, title="Cijfers Wmo", url="https://example.org/c"
    )
    assert item.provided_on == TODAY
    with pytest.raises(ValidationError):
        services.log_information(
            councils.beleid, councils.wmo, title="X", provided_on=TODAY + timedelta(days=2)
        )


def test_named_signal_is_logged_anonymous_is_not(councils):
    before = ProcessingLogEntry.objects.count()
    anon = services.record_signal(councils.member_wmo, councils.wmo, theme="wmo_6", description="Wachttijd")
    assert ProcessingLogEntry.objects.count() == before
    named = services.record_signal(
        councils.member_wmo,
        councils.wmo,
        theme="wmo_6",
        description="Vervoer",
        anonymous=False,
        sender_name="Piet Synthetisch",
        sender_contact="06-00000000",
    )
    entry = ProcessingLogEntry.objects.get(object_type="signaal_melder")
    assert entry.object_id == str(named.pk) and entry.subject_hash and "Piet" not in entry.subject_hash
    assert anon.sender_name == ""
    with pytest.raises(ValidationError) as exc:
        services.record_signal(
            councils.member_wmo, councils.wmo, theme="wmo_6", description="X", anonymous=False
        )
    assert "sender_name" in exc.value.message_dict
    advice = make_advice(councils)
    services.link_signal(councils.member_wmo, named, advice)
    assert list(named.advices.all()) == [advice]
    other = make_advice(councils, council=councils.client, user=councils.member_client)
    with pytest.raises(ValidationError):
        services.link_signal(councils.member_wmo, named, other)
    assert Signal.objects.count() == 2


# ----------------------------------------------------------------------------- reminders


def test_reminders_once_per_flag(councils):
    request = services.create_request(
        councils.beleid,
        councils.wmo.gemeente,
        subject="Spoed",
        policy_field="wmo_4",
        stage="besluitvorming",
        advice_deadline=TODAY + timedelta(days=3),
    )
    services.send_request(councils.beleid, request)
    new = services.send_reminders(TODAY)
    assert [(i.kind, i.flag) for i in new] == [("advies", "binnenkort")]
    assert services.send_reminders(TODAY) == []
    overdue = services.send_reminders(TODAY + timedelta(days=5))
    assert [(i.kind, i.flag) for i in overdue] == [("advies", "verlopen")]
    assert Reminder.objects.count() == 2


def test_reminders_command(councils):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("participation_reminders", stdout=out)
    assert "herinnering" in out.getvalue()
