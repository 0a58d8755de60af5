"""Every declaratie rule triggers its retour code; approved lines are stored, the 325 holds only rejected
lines (TR342/OP304) and approved claims are reported to contracts (TR385)."""

from __future__ import annotations

from datetime import date, timedelta

from schakel.contracts.models import Allocation
from schakel.exchange import synthetic as s
from schakel.exchange.models import Declaration, DeclarationLine

from .conftest import TODAY, codes_in, retour_of

COVERED = {"CS340", "CS100", "TR358", "CS325", "TR101", "CS337", "TR137", "CD087", "CS339", "TR316", "TR333",
           "TR338", "TR304", "TR384", "TR339", "TR340", "TR341", "TR307", "TR308", "TR387", "TR388", "TR319",
           "TR321", "TR322", "TR369", "TR314", "TR323", "TR390", "TR389", "TR346", "TR418", "TR416",
           "TR318"}  # fmt: skip
LAST_MONTH = s._month_back(TODAY, 1)


def line(exch, ref="RN1", month=LAST_MONTH, **kw):
    return s.prestatie(exch.target, ref, month, **kw)


def claim(exch, run, *lines, nummer=None, month=LAST_MONTH, day=TODAY):
    return s.claim_message(exch.target, run.ident(), day, nummer or run.ident()[-10:], month, list(lines))


def test_valid_claim_is_stored_and_answered_with_8001(exch, run):
    message = run(claim(exch, run, line(exch, volume=2)))
    assert message.status == "goedgekeurd", (message.codes, message.error)
    stored = DeclarationLine.objects.get()
    assert (
        stored.status == "goedgekeurd"
        and stored.amount_cents == 2 * 6500
        and stored.allocation == exch.allocation
    )
    assert Declaration.objects.get().approved_cents == 13000
    answer = retour_of(message).DeclaratieAntwoord
    assert answer.RetourCodes == ["8001"] and answer.Clienten == []
    assert answer.TotaalToegekendBedrag.TotaalBedrag == 13000
    assert Allocation.objects.get(pk=exch.allocation.pk).approved_claims == 1


def test_325_holds_only_rejected_lines(exch, run):
    good, bad = line(exch, "RN1"), line(exch, "RN2", category="02", code="02A01")
    message = run(claim(exch, run, good, bad))
    assert message.status == "deels"
    answer = retour_of(message).DeclaratieAntwoord
    rejected = [p.ProductReferentie.ReferentieNummer for c in answer.Clienten for p in c.Prestaties]
    assert rejected == ["RN2"]
    assert answer.TotaalToegekendBedrag.TotaalBedrag == good.IngediendBedrag.Bedrag
    assert set(DeclarationLine.objects.values_list("referentie", "status")) == {
        ("RN1", "goedgekeurd"),
        ("RN2", "afgekeurd"),
    }


def _level2(exch, run, msg):
    message = run(msg)
    assert message.status == "afgekeurd" and codes_in(message) == {"0001"}
    assert not DeclarationLine.objects.exists()


def test_cs340_period_is_one_month(exch, run):
    msg = claim(exch, run, line(exch))
    msg.Declaratie.DeclaratiePeriode.Einddatum -= timedelta(days=1)
    _level2(exch, run, msg)


def test_cs100_period_from_2021(exch, run):
    msg = claim(exch, run, line(exch, month=date(2020, 12, 1)), month=date(2020, 12, 1))
    _level2(exch, run, msg)


def test_tr358_total_is_sum(exch, run):
    msg = claim(exch, run, line(exch))
    msg.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 1
    _level2(exch, run, msg)


def test_cs325_zero_total_is_debit(exch, run):
    msg = claim(exch, run, line(exch, "RN1"), line(exch, "RN2", credit=True))
    msg.Declaratie.TotaalIngediendBedrag.DebetCredit = "C"
    _level2(exch, run, msg)


def test_tr101_duplicate_line(exch, run):
    _level2(exch, run, claim(exch, run, line(exch, "RN1"), line(exch, "RN1")))


def test_cs337_product_period_within_a_month(exch, run):
    first, last = s.month_of(s._month_back(TODAY, 2))
    msg = claim(exch, run, line(exch, begin=first, end=s.month_of(LAST_MONTH)[1]))
    _level2(exch, run, msg)


def test_tr137_product_period_not_after_dagtekening(exch, run):
    msg = claim(exch, run, line(exch), day=s.month_of(LAST_MONTH)[1] - timedelta(days=1))
    _level2(exch, run, msg)


def test_cd087_tariff_required(exch, run):
    msg = claim(exch, run, line(exch))
    msg.Declaratie.Clienten[0].Prestaties[0].ProductTarief = None
    _level2(exch, run, msg)


def test_cs339_euros_amount_is_volume(exch, run):
    p = line(exch)
    p.Eenheid, p.ProductTarief, p.GeleverdVolume = "83", None, 500
    _level2(exch, run, claim(exch, run, p))


def test_tr316_no_credit_of_same_message(exch, run):
    _level2(exch, run, claim(exch, run, line(exch, "RN1"), line(exch, "RN1", credit=True)))


def test_tr333_declaratienummer_unique(exch, run):
    run(claim(exch, run, line(exch, "RN1"), nummer="DN1"))
    message = run(claim(exch, run, line(exch, "RN2"), nummer="DN1"))
    assert message.status == "afgekeurd" and "9333" in codes_in(message)
    assert Declaration.objects.count() == 1


def _code(exch, run, code, *lines):
    message = run(claim(exch, run, *lines))
    assert code in codes_in(message), codes_in(message)
    assert not DeclarationLine.objects.filter(declaration__message=message, status="goedgekeurd").exists()
    return message


def test_tr338_unknown_allocation(exch, run):
    p = line(exch)
    p.ToewijzingNummer = 87654321
    _code(exch, run, "9338", p)


def test_tr304_bsn_of_another_client(exch, run, household):
    other = household.memberships.exclude(person=exch.person).first().person
    msg = claim(exch, run, line(exch))
    msg.Declaratie.Clienten[0].Bsn = other.bsn
    message = run(msg)
    assert "8187" in codes_in(message)


def test_tr384_deleted_allocation(exch, run):
    Allocation.objects.filter(pk=exch.allocation.pk).update(status="verwijderd", reason="13")
    _code(exch, run, "9384", line(exch))


def test_tr339_tr340_tr341_product_must_match(exch, run):
    _code(exch, run, "9339", line(exch, "RN1", category="02", code="02A01"))
    _code(exch, run, "9340", line(exch, "RN2", code="01A02"))
    p = line(exch, "RN3")
    p.Eenheid = "01"
    _code(exch, run, "9341", p)


def test_tr307_tr308_period_within_allocation(exch, run):
    Allocation.objects.filter(pk=exch.allocation.pk).update(
        start_date=s.month_of(LAST_MONTH)[1] - timedelta(days=3)
    )
    _code(exch, run, "9307", line(exch, "RN1", begin=s.month_of(LAST_MONTH)[0]))
    Allocation.objects.filter(pk=exch.allocation.pk).update(
        start_date=s.month_of(LAST_MONTH)[0] - timedelta(days=40),
        end_date=s.month_of(LAST_MONTH)[0] + timedelta(days=10),
    )
    _code(exch, run, "9308", line(exch, "RN2", end=s.month_of(LAST_MONTH)[1]))


def test_tr387_tr388_period_boundaries(exch, run):
    first, last = s.month_of(LAST_MONTH)
    Allocation.objects.filter(pk=exch.allocation.pk).update(start_date=first - timedelta(days=40))
    _code(exch, run, "9387", line(exch, "RN1", begin=first + timedelta(days=2), end=last))
    _code(exch, run, "9388", line(exch, "RN2", begin=first, end=last - timedelta(days=2)))


def test_tr319_product_period_after_declaration_period(exch, run):
    month = s._month_back(TODAY, 2)
    Allocation.objects.filter(pk=exch.allocation.pk).update(start_date=month - timedelta(days=40))
    first, last = s.month_of(LAST_MONTH)
    message = run(claim(exch, run, line(exch, begin=first, end=last), month=month))
    assert "9319" in codes_in(message)


def test_tr321_volume_above_omvang(exch, run):
    _code(exch, run, "9321", line(exch, volume=100))


def test_tr322_total_above_tbgt(exch, run):
    Allocation.objects.filter(pk=exch.allocation.pk).update(frequency="6", volume=10)
    assert run(claim(exch, run, line(exch, "RN1", volume=6))).status == "goedgekeurd"
    _code(exch, run, "9322", line(exch, "RN2", volume=6, month=LAST_MONTH))


def test_tr369_budget(exch, run):
    Allocation.objects.filter(pk=exch.allocation.pk).update(
        volume=None, unit="", frequency="", budget_cents=10000
    )
    _code(exch, run, "9369", line(exch, volume=2))


def test_tr314_referentie_reused(exch, run):
    run(claim(exch, run, line(exch, "RN1")))
    message = run(claim(exch, run, line(exch, "RN1")))
    assert "8021" in codes_in(message)


def test_tr323_credit_without_debit(exch, run):
    _code(exch, run, "8017", line(exch, "RN9", credit=True))


def test_tr390_double_credit_and_tr389_correction(exch, run):
    run(claim(exch, run, line(exch, "RN1")))
    run(claim(exch, run, line(exch, "RN1", credit=True)))
    assert "9390" in codes_in(run(claim(exch, run, line(exch, "RN1", credit=True))))
    run(claim(exch, run, line(exch, "RN5")))
    assert "9389" in codes_in(run(claim(exch, run, line(exch, "RN6", previous="RN5"))))
    assert run(claim(exch, run, line(exch, "RN7", previous="RN1"))).status == "goedgekeurd"


def test_tr346_amount_is_volume_times_tariff(exch, run):
    _code(exch, run, "9346", line(exch, volume=2, bedrag=13001))


def test_tr418_contract_tariff(exch, run):
    _code(exch, run, "0611", line(exch, volume=2, tariff=7000))


def test_tr416_one_debit_per_period_and_product(exch, run):
    _level2(exch, run, claim(exch, run, line(exch, "RN1"), line(exch, "RN2")))


def test_tr318_declaration_periods_follow_each_other(exch, run):
    three, two = s._month_back(TODAY, 3), s._month_back(TODAY, 2)
    Allocation.objects.filter(pk=exch.allocation.pk).update(start_date=three - timedelta(days=40))

    def whole(ref, month):  # a prestatie for the whole calendar month
        return line(exch, ref, month=month, begin=month, end=s.month_of(month)[1])

    first = run(claim(exch, run, whole("RN1", three), month=three))
    assert first.status == "goedgekeurd", (first.codes, first.error)
    # care was delivered in the skipped month too (claimed now): last month does not follow `three` (8214)
    message = run(claim(exch, run, whole("RN2", two), whole("RN3", LAST_MONTH)))
    assert message.status == "afgekeurd" and "8214" in codes_in(message), codes_in(message)
    # no care in the skipped month: the gap is allowed
    last = run(claim(exch, run, whole("RN4", LAST_MONTH)))
    assert last.status == "goedgekeurd", codes_in(last)
