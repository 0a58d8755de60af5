"""Bad input and reliability: level-1 rejections without a retour, 25 MB cap, hardened parser, idempotent
import, resume after a killed worker without doing anything twice, one retour per heenbericht."""

from __future__ import annotations

from pathlib import Path

import pytest

from schakel.exchange import pipeline, transports, xml
from schakel.exchange import synthetic as s
from schakel.exchange.models import DeclarationLine, DeliveryRecord, Message, Request
from schakel.exchange.workflow import TRANSITIONS, TransitionNotAllowed, check

from .conftest import TODAY

#: The official examples, bundled with the schemas (a clean checkout has no ../shared).
EXAMPLES = Path(__file__).resolve().parents[1] / "schemas"


def test_transition_table():
    check("ontvangen", "goedgekeurd")
    check("klaar", "verzonden")
    with pytest.raises(TransitionNotAllowed):
        check("goedgekeurd", "ontvangen")
    with pytest.raises(TransitionNotAllowed):
        check("verzonden", "klaar")
    assert all(not targets for state, targets in TRANSITIONS.items() if state in ("afgewezen", "dubbel"))


@pytest.mark.parametrize(
    "payload",
    [
        b"niet eens xml",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><x>&b;</x>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
        "<?xml version='1.0' encoding='UTF-16'?><x/>".encode("utf-16"),
        b"<Bericht xmlns='urn:onbekend'/>",
    ],
    ids=["not-xml", "billion-laughs", "xxe", "utf16", "unknown"],
)
def test_level1_rejected_without_retour(exch, run, payload):
    message = run(payload)
    assert message.status == "afgewezen" and message.error
    assert not message.retours.exists()


def test_xsd_failure_is_level_1(exch, run):
    raw = s.encode(s.start_message(exch.target, run.ident(), TODAY)).replace(
        b"<wmo305:Begindatum>", b"<wmo305:Begin>"
    )
    raw = raw.replace(b"</wmo305:Begindatum>", b"</wmo305:Begin>")
    message = run(raw)
    assert message.status == "afgewezen" and not message.retours.exists()


def test_broken_examples_are_rejected(exch, run):
    for name in ("ijw-3.2/voorbeelden/JW315.xml", "ijw-3.2/voorbeelden/JW318.xml"):
        message = run((EXAMPLES / name).read_bytes())
        assert message.status == "afgewezen", name


def test_too_large_is_refused_on_receipt(db):
    message = pipeline.receive(b" " * (xml.MAX_BYTES + 1), source="groot.xml")
    assert message.status == "afgewezen" and "25 MB" in message.error and message.raw == b""


def test_unknown_provider_and_foreign_sender_are_rejected(exch, run):
    stranger = s.Target(**{**exch.target.__dict__, "agb": "12345678"})
    assert run(s.start_message(stranger, run.ident(), TODAY)).status == "afgewezen"
    message = run(s.start_message(exch.target, run.ident(), TODAY), provider=exch.beuk)
    assert message.status == "afgewezen" and "IB002" in message.error


def test_one_retour_per_heenbericht_and_retour_is_xsd_valid(exch, run):
    messages = run(
        s.start_message(exch.target, run.ident(), TODAY),
        s.vot_message(exch.target, run.ident(), TODAY, referentie="A1"),
        s.claim_message(exch.target, run.ident(), TODAY, "DN1", s._month_back(TODAY, 1),
                        [s.prestatie(exch.target, "RN1", s._month_back(TODAY, 1))]),
    )  # fmt: skip
    for message in messages:
        retour = message.retours.get()
        parsed = xml.parse_message(bytes(retour.raw))
        assert parsed.is_retour and retour.status == "klaar"


def test_killed_worker_resumes_without_doing_anything_twice(exch, run, monkeypatch):
    month = s._month_back(TODAY, 1)
    raws = [
        s.encode(s.start_message(exch.target, "K1", TODAY)),
        s.encode(s.vot_message(exch.target, "K2", TODAY, referentie="KV1")),
        s.encode(
            s.claim_message(exch.target, "K3", TODAY, "KDN1", month, [s.prestatie(exch.target, "KR1", month)])
        ),
        s.encode(s.stop_message(exch.target, "K4", TODAY)),
    ]
    pipeline.receive_many([(raw, f"{i}.xml") for i, raw in enumerate(raws)])
    seen = []

    def killer(message):
        seen.append(message.pk)
        if len(seen) == 3:
            raise KeyboardInterrupt("worker killed")

    monkeypatch.setattr(pipeline, "after_message", killer)
    with pytest.raises(KeyboardInterrupt):
        pipeline.process_pending(chunk_size=2)
    # the first chunk (2 messages) committed, the second rolled back completely
    assert Message.objects.filter(direction="in", status="ontvangen").count() == 2
    assert Message.objects.filter(direction="uit").count() == 2
    assert not DeclarationLine.objects.exists()
    monkeypatch.setattr(pipeline, "after_message", None)
    stats = pipeline.process_pending(chunk_size=2)
    assert stats.processed == 2
    assert pipeline.process_pending().processed == 0
    assert Message.objects.filter(direction="in", status="goedgekeurd").count() == 4
    assert Message.objects.filter(direction="uit").count() == 4
    assert DeliveryRecord.objects.count() == 2 and Request.objects.count() == 1
    assert DeclarationLine.objects.count() == 1
    exch.allocation.refresh_from_db()
    assert exch.allocation.approved_claims == 1
    assert exch.allocation.deliveries.count() == 2


def test_folder_import_is_idempotent_and_export_marks_sent(exch, db, tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    raw = s.encode(s.start_message(exch.target, "F1", TODAY))
    (inbox / "start.xml").write_bytes(raw)
    (inbox / "kapot.xml").write_bytes(b"<kapot")
    result = transports.import_folder(inbox)
    assert (result.received, result.rejected) == (2, 1)
    assert (inbox / "verwerkt" / "start.xml").exists()
    (inbox / "start.xml").write_bytes(raw)  # the same file again (e.g. after a crash before the move)
    assert transports.import_folder(inbox).skipped == 1
    assert Message.objects.filter(direction="in").count() == 2
    out = tmp_path / "uit"
    assert transports.export_folder(out, wrap=True) == 1
    assert Message.objects.get(direction="uit").status == "verzonden"
    envelope = next(out.iterdir()).read_bytes()
    assert xml.parse_message(xml.unwrap(envelope)).name == "WMO306"
    assert transports.export_folder(out) == 0


def test_ggk_envelope_is_unwrapped_on_import(exch, db, tmp_path):
    raw = s.encode(s.start_message(exch.target, "G1", TODAY))
    (tmp_path / "env.xml").write_bytes(
        xml.wrap(raw, zender=exch.linde.agb_code, ontvanger=exch.target.gemeente_code)
    )
    transports.import_folder(tmp_path)
    assert Message.objects.get(direction="in").status == "goedgekeurd"


def test_management_command(exch, db, tmp_path, capsys):
    from django.core.management import call_command

    call_command("exchange", "rules")
    out = capsys.readouterr().out
    assert "TR321" in out and "9321" in out
    (tmp_path / "a.xml").write_bytes(s.encode(s.start_message(exch.target, "C1", TODAY)))
    call_command("exchange", "import", str(tmp_path))
    call_command("exchange", "export", str(tmp_path / "uit"))
    assert "Geëxporteerd: 1" in capsys.readouterr().out


def test_synth_generates_and_deletes(exch, world):
    from schakel.exchange import synth

    counts = synth.generate(world.gemeente, seed=3, today=TODAY)
    assert counts["berichten"] >= 5
    assert Request.objects.exists() and DeliveryRecord.objects.exists()
    synth.delete(world.gemeente)
    assert not Message.objects.filter(gemeente=world.gemeente).exists()
