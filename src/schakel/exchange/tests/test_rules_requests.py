"""Every request rule (315 VOT, 317 VOW) triggers its retour code; a valid VOT opens a work-queue item."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from schakel.contracts.tests import helpers as h
from schakel.core.deadlines import add_working_days
from schakel.exchange import synthetic as s
from schakel.exchange import xml
from schakel.exchange.models import Request

from .conftest import TODAY, codes_in

COVERED = {"CS003", "TR383", "CD077", "TR352", "TR353", "TR347", "TR374", "TR361", "TR349", "TR350", "TR351",
           "TR357", "TR373", "TR411", "TR412", "TR375", "TR381"}  # fmt: skip


def vot(exch, run, ref="V1", **kw):
    return s.vot_message(exch.target, run.ident(), TODAY, referentie=ref, **kw)


def vow(exch, run, ref="W1", **kw):
    return s.vow_message(exch.target, run.ident(), TODAY, referentie=ref, **kw)


def test_valid_vot_opens_request_with_deadlines(exch, run):
    message = run(vot(exch, run))
    assert message.status == "goedgekeurd", message.error
    request = Request.objects.get()
    assert request.status == "open" and request.kind == "vot" and request.referentie == "V1"
    received = message.received_at.date()
    assert request.retour_due == add_working_days(received, 3)
    assert request.answer_due == add_working_days(received, 5)
    assert codes_in(message) == {"0200"}


def test_cs003_requested_period(exch, run):
    msg = vot(exch, run)
    product = msg.Client.AangevraagdeProducten[0]
    product.ToewijzingEinddatum = product.ToewijzingIngangsdatum - timedelta(days=1)
    assert codes_in(run(msg)) == {"0001"}


def test_cs003_new_product_period(exch, run):
    msg = vow(exch, run)
    product = msg.Client.Verzoek.NieuweProducten[0]
    product.Einddatum = product.GewensteIngangsdatum - timedelta(days=1)
    assert codes_in(run(msg)) == {"0001"}


def _tewijzigen(exch, **kw):
    values = {"ToewijzingNummer": exch.allocation.number, "GewensteIngangsdatum": exch.allocation.start_date,
              "Omvang": xml.Omvang(Volume=4, Eenheid="04", Frequentie="2")}  # fmt: skip
    values.update(kw)
    return xml.TeWijzigenProduct(**values)


def _vow_change(exch, run, ref="W1", **kw):
    msg = vow(exch, run, ref=ref, unchanged=[])
    msg.Client.Verzoek.TeWijzigenProducten = [_tewijzigen(exch, **kw)]
    return msg


def test_cs003_changed_product_period(exch, run):
    msg = _vow_change(exch, run, Einddatum=exch.allocation.start_date - timedelta(days=1))
    assert codes_in(run(msg)) == {"0001"}


def test_tr383_referentie_unique_in_vot(exch, run):
    msg = vot(exch, run)
    msg.Client.AangevraagdeProducten.append(msg.Client.AangevraagdeProducten[0])
    assert codes_in(run(msg)) == {"0001"}


def test_cd077_omvang_and_budget(exch, run):
    msg = vot(exch, run)
    msg.Client.AangevraagdeProducten[0].Budget = 10000
    assert codes_in(run(msg)) == {"0001"}


def test_tr352_vow_without_current_products(exch, run):
    assert codes_in(run(vow(exch, run, unchanged=[]))) == {"0001"}


def test_tr353_vow_without_change(exch, run):
    msg = vow(exch, run)
    msg.Client.Verzoek.NieuweProducten = []
    assert codes_in(run(msg)) == {"0001"}


def test_tr347_referentie_reused(exch, run):
    run(vot(exch, run, ref="R1"))
    Request.objects.update(status="afgewezen")
    assert "9347" in codes_in(run(vot(exch, run, ref="R1")))
    assert "9347" in codes_in(run(vow(exch, run, ref="R1")))


def test_tr374_second_open_request(exch, run):
    run(vot(exch, run, ref="R1"))
    assert "9374" in codes_in(run(vot(exch, run, ref="R2")))
    assert Request.objects.count() == 1


def test_tr361_stacked_request(exch, run):
    msg = vot(exch, run)
    twin = dataclasses.replace(msg.Client.AangevraagdeProducten[0], ReferentieAanbieder="V2")
    msg.Client.AangevraagdeProducten.append(twin)
    assert "9361" in codes_in(run(msg))


def test_valid_vow_links_allocation(exch, run):
    message = run(vow(exch, run))
    assert message.status == "goedgekeurd", (message.codes, message.error)
    assert list(message.allocations.all()) == [exch.allocation]


def test_tr349_vow_must_list_every_current_allocation(exch, run):
    dp2 = h.decision_product(
        exch.case, exch.person, category="02", code="02A01", start=TODAY - timedelta(days=5)
    )
    h.allocation(dp2, exch.product, product_category="02", product_code="02A01")
    assert "9349" in codes_in(run(vow(exch, run)))


def test_tr350_unchanged_not_current(exch, run):
    assert "9350" in codes_in(run(vow(exch, run, unchanged=[exch.allocation.number, 87654321])))


def test_tr351_changed_not_current(exch, run):
    msg = vow(exch, run)
    msg.Client.Verzoek.TeWijzigenProducten = [_tewijzigen(exch, ToewijzingNummer=87654321)]
    assert "9351" in codes_in(run(msg))


def test_tr357_no_retroactive_change(exch, run):
    msg = _vow_change(exch, run, GewensteIngangsdatum=TODAY - timedelta(days=3))
    assert "9357" in codes_in(run(msg))


def test_tr373_budget_change_keeps_start(exch, run):
    msg = _vow_change(exch, run, GewensteIngangsdatum=TODAY + timedelta(days=3), Omvang=None, Budget=50000)
    assert "9373" in codes_in(run(msg))


def test_tr411_omvang_required_with_code(exch, run):
    assert "9411" in codes_in(run(_vow_change(exch, run, Omvang=None)))


def test_tr412_no_omvang_on_aspecifiek(exch, run):
    exch.allocation.__class__.objects.filter(pk=exch.allocation.pk).update(
        product_code="", volume=None, unit="", frequency=""
    )
    assert "9412" in codes_in(run(_vow_change(exch, run)))


def test_tr375_no_omvang_on_generiek(exch, run):
    exch.allocation.__class__.objects.filter(pk=exch.allocation.pk).update(
        product_category="", product_code="", volume=None, unit="", frequency=""
    )
    assert "9375" in codes_in(run(_vow_change(exch, run)))


def test_tr381_code_not_in_category(exch, run):
    assert "S329" in codes_in(run(vot(exch, run, code="02A01")))
    msg = vow(exch, run, ref="W9")
    msg.Client.Verzoek.NieuweProducten[0].Product = xml.Product(Categorie="01", Code="03A01")
    assert "S329" in codes_in(run(msg))
