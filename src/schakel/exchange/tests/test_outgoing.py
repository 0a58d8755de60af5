"""Outgoing messages: the 301 on allocate/change/withdraw (hook on contracts), the incoming 302 matched
to it, the 319 answer (woonplaatsbeginsel) and the outgoing rules."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schakel.contracts import services as contracts
from schakel.exchange import outbox, services, xml
from schakel.exchange import synthetic as s
from schakel.exchange.models import Message, Request

from .conftest import TODAY

COVERED = {"TR332", "TR379", "TR385", "CS335", "CS336", "CD077", "TR355", "TR359", "TR360", "TR365", "TR377",
           "TR378", "TR366", "TR367", "TR371"}  # fmt: skip


def test_allocate_queues_a_301_and_302_answers_it(exch, world, django_capture_on_commit_callbacks, run):
    from schakel.contracts.tests import helpers as h

    product = h.product(exch.contract, category="02", code="02A01")
    dp = h.decision_product(exch.case, exch.person, category="02", code="02A01")
    with django_capture_on_commit_callbacks(execute=True):
        allocation = contracts.allocate(world.regisseur, dp, exch.linde, product, start_date=TODAY)
    message = Message.objects.get(direction="uit", message_type="301")
    parsed = xml.parse_message(bytes(message.raw))
    numbers = {p.ToewijzingNummer for p in parsed.Client.ToegewezenProducten}
    assert allocation.number in numbers and exch.allocation.number in numbers  # OP087: all current ones
    assert set(message.allocations.all()) == {allocation, exch.allocation}
    # the provider answers with a 302 copying the header (IV028)
    header = xml.retour_header(parsed, identificatie="A302", dagtekening=TODAY, retourcodes=["0200"])
    raw302 = xml.build_message(xml.Message(law=parsed.law, berichtsoort="302", Header=header))
    retour = run(raw302)
    assert retour.retour_of == message and retour.identificatie == "A302"
    assert run(raw302).status == "dubbel"  # TR056 on IdentificatieRetour: changes nothing
    message.refresh_from_db()
    assert message.status == "beantwoord" and message.codes == ["0200"]


def test_change_and_withdraw_queue_a_301(exch, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contracts.withdraw_allocation(
            world.regisseur, exch.allocation, end_date=TODAY + timedelta(days=10), reason="05"
        )
    parsed = xml.parse_message(bytes(Message.objects.get(direction="uit").raw))
    product = parsed.Client.ToegewezenProducten[0]
    assert product.RedenWijziging == "05" and product.Einddatum == TODAY + timedelta(days=10)


def _vot(exch, run, ref="V1", law_target=None):
    target = law_target or exch.target
    run(s.vot_message(target, run.ident(), TODAY, referentie=ref))
    return Request.objects.get(referentie=ref)


def test_answer_request_rejects_with_319(exch, run, world):
    request = _vot(exch, run)
    message = services.answer_request(world.contractmanager, request, antwoord="1", reden="3")
    parsed = xml.parse_message(bytes(message.raw))
    assert parsed.Antwoord.ReferentieAanbieder == "V1" and parsed.Antwoord.RedenAfwijzingVerzoek == "3"
    request.refresh_from_db()
    assert (
        request.status == "afgewezen"
        and request.answered_by == message
        and message.answers == request.message
    )


def test_answer_request_needs_permission_and_valid_input(exch, run, world):
    request = _vot(exch, run)
    with pytest.raises(PermissionDenied):
        services.answer_request(world.regisseur, request, antwoord="1", reden="3")
    with pytest.raises(ValidationError) as err:
        services.answer_request(world.contractmanager, request, antwoord="1")
    assert "reden" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.answer_request(
            world.contractmanager, request, antwoord="1", reden="8", woonplaats_gemeente="0363"
        )
    assert not Message.objects.filter(direction="uit", message_type="319").exists()


def test_woonplaatsbeginsel_rejection_names_the_responsible_gemeente(exch, run, world):
    jeugd = dataclasses.replace(exch.target, law="jeugd", category="45", code="45A01")
    request = _vot(exch, run, "J1", jeugd)
    with pytest.raises(ValidationError):
        services.answer_request(world.contractmanager, request, antwoord="1", reden="8")
    message = services.answer_request(
        world.contractmanager, request, antwoord="1", reden="8", woonplaats_gemeente="0363"
    )
    parsed = xml.parse_message(bytes(message.raw))
    assert parsed.name == "JW319" and parsed.Antwoord.Woonplaatsbeginsel.Gemeente == "0363"


def test_in_onderzoek_then_final_answer(exch, run, world):
    request = _vot(exch, run)
    services.answer_request(world.contractmanager, request, antwoord="2")
    request.refresh_from_db()
    assert request.status == "onderzoek"
    with pytest.raises(ValidationError):  # TR360: no second "in onderzoek"
        outbox.answer_message(request, antwoord="2")
    services.answer_request(world.contractmanager, request, antwoord="1", reden="7")
    with pytest.raises(ValidationError):  # already final
        services.answer_request(world.contractmanager, request, antwoord="1", reden="7")


def test_outgoing_319_rules(exch, run):
    request = _vot(exch, run)
    Request.objects.filter(pk=request.pk).update(status="afgewezen")
    with pytest.raises(ValidationError, match="9365"):  # TR365
        outbox.answer_message(request, antwoord="1", reden="3")
    request.status = "toegewezen"
    Request.objects.filter(pk=request.pk).update(status="toegewezen")
    with pytest.raises(ValidationError, match="9359"):  # TR359
        outbox.answer_message(request, antwoord="1", reden="3")
    ghost = Request(message=request.message, gemeente=request.gemeente, provider=request.provider, law="wmo",
                    kind="vot", referentie="ONBEKEND", bsn=request.bsn, retour_due=TODAY, answer_due=TODAY)  # fmt: skip
    with pytest.raises(ValidationError, match="9355"):  # TR355
        outbox.answer_message(ghost, antwoord="1", reden="3")


def test_outgoing_319_woonplaats_rules(exch, run):
    jeugd = dataclasses.replace(exch.target, law="jeugd", category="45", code="45A01")
    request = _vot(exch, run, "J2", jeugd)
    with pytest.raises(ValidationError, match="TR377"):
        outbox.answer_message(request, antwoord="1", reden="8")
    with pytest.raises(ValidationError, match="S300"):  # TR378
        outbox.answer_message(request, antwoord="1", reden="8", woonplaats_gemeente="9999")


def test_outgoing_301_rules(exch, run):
    from schakel.contracts.models import Allocation

    allocation = exch.allocation
    Allocation.objects.filter(pk=allocation.pk).update(referentie_aanbieder="NIETBESTAAND")
    with pytest.raises(ValidationError, match="9379"):  # TR379
        outbox.allocation_message(allocation)
    Allocation.objects.filter(pk=allocation.pk).update(referentie_aanbieder="", reason="13")
    with pytest.raises(ValidationError, match="CS335"):
        outbox.allocation_message(allocation)
    Allocation.objects.filter(pk=allocation.pk).update(reason="01")
    with pytest.raises(ValidationError, match="CS336"):
        outbox.allocation_message(allocation)
    Allocation.objects.filter(pk=allocation.pk).update(
        reason="13", end_date=allocation.start_date, approved_claims=1
    )
    month = s._month_back(TODAY, 1)
    Allocation.objects.filter(pk=allocation.pk).update(reason="", end_date=None)
    run(
        s.claim_message(
            exch.target, run.ident(), TODAY, "DN1", month, [s.prestatie(exch.target, "RN1", month)]
        )
    )
    Allocation.objects.filter(pk=allocation.pk).update(reason="13", end_date=allocation.start_date)
    with pytest.raises(ValidationError, match="9385"):  # TR385
        outbox.allocation_message(allocation)
    Allocation.objects.filter(pk=allocation.pk).update(reason="", end_date=None, volume=None, unit="", frequency="",
                                                       budget_cents=1000)  # fmt: skip
    assert outbox.allocation_message(allocation).status == "klaar"


def test_tr332_number_unique(exch, run):
    from schakel.exchange.engine import Ctx
    from schakel.exchange.state import AllocationView, State

    state = State(TODAY)
    state.allocations[(1, "wmo", 5)] = AllocationView(1, 1, "wmo", 5, 99, "999990019", "01", "", TODAY, None, None,
                                                      "", "", None, "actief", "", None)  # fmt: skip
    product = xml.ToegewezenProduct(
        ToewijzingNummer=5, Toewijzingsdatum=TODAY, Toewijzingstijd=None, Ingangsdatum=TODAY
    )
    msg = xml.Message(
        law="iwmo",
        berichtsoort="301",
        Header=None,
        Client=xml.Client(Bsn="999990019", ToegewezenProducten=[product]),
    )
    ctx = Ctx(msg, "301", "wmo", 1, 7, TODAY, state, direction="uit")
    ctx.client = msg.Client
    from schakel.exchange.rules.outgoing import tr332_number_unique

    assert tr332_number_unique(ctx, product)


def test_tr366_tr367_325_mirrors_323(exch):
    from schakel.exchange.engine import Ctx
    from schakel.exchange.rules.outgoing import tr366_answer_line_in_claim, tr367_answer_line_mirrors_claim

    month = s._month_back(TODAY, 1)
    original = s.prestatie(exch.target, "RN1", month)
    ctx = Ctx(
        None, "325", "wmo", 1, 1, TODAY, None, direction="uit", extra={"origin_lines": {"RN1": original}}
    )
    assert not tr366_answer_line_in_claim(ctx, original)
    assert tr366_answer_line_in_claim(ctx, s.prestatie(exch.target, "RN2", month))
    assert not tr367_answer_line_mirrors_claim(ctx, dataclasses.replace(original, RetourCodes=["9339"]))
    assert tr367_answer_line_mirrors_claim(ctx, dataclasses.replace(original, GeleverdVolume=9))


def test_cd077_outgoing_omvang_xor_budget(exch):
    from schakel.exchange.rules.outgoing import cd077_allocation_omvang_xor_budget

    product = xml.ToegewezenProduct(ToewijzingNummer=1, Toewijzingsdatum=TODAY, Toewijzingstijd=None, Ingangsdatum=TODAY,
                                    Omvang=xml.Omvang(Volume=1, Eenheid="04", Frequentie="2"), Budget=100)  # fmt: skip
    assert cd077_allocation_omvang_xor_budget(None, product)


def test_tr371_325_carries_the_xsd_version_of_the_323(exch):
    from schakel.exchange.engine import Ctx
    from schakel.exchange.rules.outgoing import tr371_xsd_version_of_the_claim

    month = s._month_back(TODAY, 1)
    claim = xml.parse_message(
        s.encode(
            s.claim_message(exch.target, "C1", TODAY, "DN1", month, [s.prestatie(exch.target, "RN1", month)])
        )
    )
    header = xml.retour_header(claim, identificatie="R1", dagtekening=TODAY, retourcodes=["0200"])
    ctx = Ctx(None, "325", "wmo", 1, 1, TODAY, None, direction="uit", origin=claim)
    assert not tr371_xsd_version_of_the_claim(ctx, header)
    header.XsdVersieDeclaratie = dataclasses.replace(header.XsdVersieDeclaratie, BerichtXsdVersie="9.9.9")
    assert tr371_xsd_version_of_the_claim(ctx, header)
