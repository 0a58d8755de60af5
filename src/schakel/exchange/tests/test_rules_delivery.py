"""Every start/stop rule triggers its retour code (305/307) — and a valid message gets 0200."""

from __future__ import annotations

from datetime import timedelta

from schakel.exchange import synthetic as s
from schakel.exchange.models import DeliveryRecord

from .conftest import TODAY, codes_in

COVERED = {"CS058", "OP033x2", "TR018", "TR019", "TR063", "TR074", "TR071", "TR326", "TR069", "TR413", "TR414",
           "TR415", "TR056", "TR135", "CS002"}  # fmt: skip


def start(exch, run, **kw):
    return run(s.start_message(exch.target, run.ident(), TODAY, **kw))


def stop(exch, run, **kw):
    return run(s.stop_message(exch.target, run.ident(), TODAY, **kw))


def test_valid_start_and_stop_update_the_allocation(exch, run):
    assert start(exch, run).status == "goedgekeurd"
    exch.allocation.refresh_from_db()
    assert exch.allocation.delivery_status == "gestart"
    message = stop(exch, run, end=TODAY - timedelta(days=1))
    assert message.status == "goedgekeurd", message.error
    exch.allocation.refresh_from_db()
    assert exch.allocation.delivery_status == "gestopt"
    assert set(message.allocations.values_list("pk", flat=True)) == {exch.allocation.pk}


def test_cs058_start_status_2_is_level_2(exch, run):
    message = start(exch, run, status="2")
    assert message.status == "afgekeurd" and codes_in(message) == {"0001"}


def test_op033x2_stop_status_2_is_level_2(exch, run):
    start(exch, run)
    assert codes_in(stop(exch, run, status="2")) == {"0001"}


def test_tr018_stop_before_begin(exch, run):
    start(exch, run)
    assert codes_in(stop(exch, run, end=exch.target.start - timedelta(days=1))) == {"0001"}


def test_tr019_start_and_stop_need_an_allocation(exch, run):
    unknown = s.Target(**{**exch.target.__dict__, "number": 99999999})
    message = run(s.start_message(unknown, run.ident(), TODAY))
    assert message.status == "afgekeurd" and "9019" in codes_in(message)
    assert not DeliveryRecord.objects.exists()
    assert "9019" in codes_in(run(s.stop_message(unknown, run.ident(), TODAY)))


def test_tr019_other_provider_cannot_start(exch, run):
    other = s.Target(**{**exch.target.__dict__, "agb": exch.beuk.agb_code})
    assert "9019" in codes_in(run(s.start_message(other, run.ident(), TODAY)))


def test_tr063_delete_needs_earlier_start_and_stop(exch, run):
    assert "9063" in codes_in(start(exch, run, status="3"))
    assert "9063" in codes_in(stop(exch, run, status="3"))


def test_tr063_delete_of_existing_start_is_accepted(exch, run):
    start(exch, run)
    assert start(exch, run, status="3").status == "goedgekeurd"
    assert DeliveryRecord.objects.get(cancel=False).deleted
    assert DeliveryRecord.objects.filter(cancel=True).count() == 1


def test_tr074_same_start_or_stop_twice(exch, run):
    start(exch, run)
    assert "9074" in codes_in(start(exch, run))
    stop(exch, run)
    assert "9074" in codes_in(stop(exch, run))


def test_tr071_no_start_delete_after_stop(exch, run):
    start(exch, run)
    stop(exch, run)
    assert "9071" in codes_in(start(exch, run, status="3"))


def test_tr326_second_current_start(exch, run):
    start(exch, run)
    assert "9326" in codes_in(start(exch, run, begin=exch.target.start + timedelta(days=2)))


def test_tr069_stop_needs_start(exch, run):
    assert "9069" in codes_in(stop(exch, run))


def test_tr413_second_temporary_stop(exch, run):
    start(exch, run)
    stop(exch, run, reason="20", end=exch.target.start + timedelta(days=5))
    assert "9413" in codes_in(stop(exch, run, reason="20", end=exch.target.start + timedelta(days=9)))


def test_tr414_definitive_stop_before_temporary(exch, run):
    start(exch, run)
    stop(exch, run, reason="20", end=exch.target.start + timedelta(days=9))
    assert "9414" in codes_in(stop(exch, run, reason="02", end=exch.target.start + timedelta(days=5)))


def test_tr415_nothing_after_definitive_stop(exch, run):
    start(exch, run)
    stop(exch, run, reason="02")
    assert "9415" in codes_in(stop(exch, run, reason="23"))


def test_tr056_repeat_gets_9056_and_changes_nothing(exch, run):
    raw = s.encode(s.start_message(exch.target, run.ident(), TODAY))
    first = run(raw)
    second = run(raw)
    assert first.status == "goedgekeurd" and second.status == "dubbel"
    assert codes_in(second) == {"9056"}
    assert DeliveryRecord.objects.count() == 1


def test_tr135_future_dagtekening(exch, run):
    message = run(s.start_message(exch.target, run.ident(), TODAY + timedelta(days=2)))
    assert codes_in(message) == {"8848"}
    assert not DeliveryRecord.objects.exists()


def test_cs002_bsn_elfproef(exch, run):
    bad = s.Target(**{**exch.target.__dict__, "bsn": "123456789"})
    assert codes_in(run(s.start_message(bad, run.ident(), TODAY))) == {"0001"}
