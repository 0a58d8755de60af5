"""Declaratie (323) rules: the declaration shape (level 2) and the prestatie against its toewijzing,
the contract and the earlier claims (levels 3 and 4). Money in eurocent (IV024)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .base import rule

EUROS = "83"


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def signed(amount: int, dc: str) -> int:
    return -amount if dc == "C" else amount


# ---------------------------------------------------------------- level 2: the declaration shape


@rule("CS340", "0001", level=2, soorten="323", target="declaratie")
def cs340_one_calendar_month(ctx, decl) -> bool:
    """CS340/OP280: the DeclaratiePeriode is exactly one calendar month."""
    period = decl.DeclaratiePeriode
    return period.Begindatum.day != 1 or period.Einddatum != _month_end(period.Begindatum)


@rule("CS100", "0001", level=2, soorten="323", target="declaratie")
def cs100_period_from_2021(ctx, decl) -> bool:
    """CS100: the DeclaratiePeriode starts on or after 2021-01-01."""
    return decl.DeclaratiePeriode.Begindatum < date(2021, 1, 1)


@rule("TR358", "0001", level=2, soorten="323", target="declaratie")
def tr358_total_is_sum(ctx, decl) -> bool:
    """TR358: TotaalIngediendBedrag is the signed sum of the IngediendBedragen of the prestaties."""
    total = sum(
        signed(p.IngediendBedrag.Bedrag, p.IngediendBedrag.DebetCredit)
        for c in decl.Clienten
        for p in c.Prestaties
    )
    return signed(decl.TotaalIngediendBedrag.TotaalBedrag, decl.TotaalIngediendBedrag.DebetCredit) != total


@rule("CS325", "0001", level=2, soorten="323", target="declaratie")
def cs325_zero_is_debit(ctx, decl) -> bool:
    """CS325: a TotaalBedrag of 0 has DebetCredit D."""
    return decl.TotaalIngediendBedrag.TotaalBedrag == 0 and decl.TotaalIngediendBedrag.DebetCredit != "D"


@rule("TR101", "0001", level=2, soorten="323", target="prestatie")
def tr101_no_duplicate_lines(ctx, prestatie) -> bool:
    """TR101: no two prestaties of one message have the same ReferentieNummer (no duplicate lines)."""
    ref = prestatie.ProductReferentie.ReferentieNummer
    count = sum(
        1
        for c in ctx.declaratie.Clienten
        for p in c.Prestaties
        if p.ProductReferentie.ReferentieNummer == ref
    )
    return count > 1


@rule("CS337", "0001", level=2, soorten="323", target="prestatie")
def cs337_product_period_one_month(ctx, prestatie) -> bool:
    """CS337/OP367: the ProductPeriode lies within one calendar month."""
    period = prestatie.ProductPeriode
    return (period.Begindatum.year, period.Begindatum.month) != (
        period.Einddatum.year,
        period.Einddatum.month,
    )


@rule("TR137", "0001", level=2, soorten="323", target="prestatie")
def tr137_product_period_ordered(ctx, prestatie) -> bool:
    """TR137: the ProductPeriode ends on or after its begin and not after the DeclaratieDagtekening."""
    period = prestatie.ProductPeriode
    return period.Einddatum < period.Begindatum or period.Einddatum > ctx.declaratie.DeclaratieDagtekening


@rule("CD087", "0001", level=2, soorten="323", target="prestatie")
def cd087_tariff_iff_not_euros(ctx, prestatie) -> bool:
    """CD087: ProductTarief is filled if and only if Eenheid is not 83 (euro's)."""
    return (prestatie.ProductTarief is None) == (prestatie.Eenheid != EUROS)


@rule("CS339", "0001", level=2, soorten="323", target="prestatie")
def cs339_euros_amount_is_volume(ctx, prestatie) -> bool:
    """CS339/IV042: with Eenheid 83 the IngediendBedrag equals the GeleverdVolume (both eurocent)."""
    return prestatie.Eenheid == EUROS and prestatie.IngediendBedrag.Bedrag != prestatie.GeleverdVolume


@rule("TR316", "0001", level=2, soorten="323", target="prestatie")
def tr316_no_credit_of_same_message(ctx, prestatie) -> bool:
    """TR316: a debit may not be credited in the same message."""
    if prestatie.IngediendBedrag.DebetCredit != "C":
        return False
    ref = prestatie.ProductReferentie.ReferentieNummer
    return any(
        p.IngediendBedrag.DebetCredit == "D" and p.ProductReferentie.ReferentieNummer == ref
        for c in ctx.declaratie.Clienten for p in c.Prestaties
    )  # fmt: skip


@rule("TR416", "0001", level=2, soorten="323", target="prestatie")
def tr416_one_debit_per_period_and_product(ctx, prestatie) -> bool:
    """TR416/OP366: a debit prestatie is sent only once per ToewijzingNummer, ProductPeriode, ProductCategorie
    and ProductCode: no second debit with the same values in the message."""
    if prestatie.IngediendBedrag.DebetCredit != "D":
        return False
    key = _debit_key(prestatie)
    return sum(1 for c in ctx.declaratie.Clienten for p in c.Prestaties if _debit_key(p) == key) > 1


def _debit_key(p) -> tuple | None:
    if p.IngediendBedrag.DebetCredit != "D":
        return None
    period = p.ProductPeriode
    return (p.ToewijzingNummer, period.Begindatum, period.Einddatum, p.ProductCategorie, p.ProductCode or "")


# ---------------------------------------------------------------- level 3: against the history


def _next_month(day: date) -> date:
    return _month_end(day) + timedelta(days=1)


@rule("TR318", "8214", level=3, soorten="323", target="declaratie")
def tr318_periods_follow_each_other(ctx, decl) -> bool:
    """TR318/OP284: when care was delivered in every DeclaratiePeriode, the DeclaratiePeriode is the calendar
    month after the previous one (8214).

    The previous DeclaratiePeriode is the latest earlier one of an accepted declaration of this aanbieder to
    this gemeente in this domain. A gap (skipped months) is allowed when no care was delivered then; care
    delivered in a skipped month shows as a debit prestatie whose ProductPeriode lies in that month."""
    begin = decl.DeclaratiePeriode.Begindatum
    periods = ctx.state.declaration_periods.get((ctx.provider_id, ctx.law, ctx.gemeente_id), ())
    earlier = [day for day in periods if day < begin]
    if not earlier:
        return False
    expected = _next_month(max(earlier))
    return begin > expected and any(
        p.IngediendBedrag.DebetCredit == "D" and expected <= p.ProductPeriode.Begindatum < begin
        for c in decl.Clienten
        for p in c.Prestaties
    )


@rule("TR333", "9333", level=3, soorten="323", target="declaratie")
def tr333_declaratienummer_unique(ctx, decl) -> bool:
    """TR333: the DeclaratieNummer is unique per aanbieder per wettelijk domein (9333)."""
    return (ctx.provider_id, ctx.law, decl.DeclaratieNummer) in ctx.state.declarations


def _alloc(ctx, prestatie):
    found = ctx.allocation(prestatie.ToewijzingNummer)
    return found if found is not None and found.provider_id == ctx.provider_id else None


@rule("TR338", "9338", level=3, soorten="323", target="prestatie")
def tr338_refers_to_allocation(ctx, prestatie) -> bool:
    """TR338: every prestatie refers to a toegewezen product of this aanbieder by ToewijzingNummer (9338)."""
    return _alloc(ctx, prestatie) is None


@rule("TR304", "8187", level=3, soorten="323", target="prestatie")
def tr304_bsn_matches_client(ctx, prestatie) -> bool:
    """TR304: the Bsn of the client matches the client of the toewijzing (8187)."""
    found = _alloc(ctx, prestatie)
    return found is not None and found.bsn != ctx.client.Bsn


@rule("TR384", "9384", level=3, soorten="323", target="prestatie")
def tr384_not_on_deleted_allocation(ctx, prestatie) -> bool:
    """TR384: no claim on a toewijzing deleted with RedenWijziging 13 (9384)."""
    found = _alloc(ctx, prestatie)
    return found is not None and found.deleted


@rule("TR339", "9339", level=3, soorten="323", target="prestatie")
def tr339_category_matches(ctx, prestatie) -> bool:
    """TR339: ProductCategorie equals the category of the toegewezen product (9339)."""
    found = _alloc(ctx, prestatie)
    return found is not None and bool(found.category) and found.category != prestatie.ProductCategorie


@rule("TR340", "9340", level=3, soorten="323", target="prestatie")
def tr340_code_matches(ctx, prestatie) -> bool:
    """TR340: ProductCode equals the code of the toegewezen product, when it has one (9340)."""
    found = _alloc(ctx, prestatie)
    return found is not None and bool(found.code) and found.code != prestatie.ProductCode


@rule("TR341", "9341", level=3, soorten="323", target="prestatie")
def tr341_unit_matches(ctx, prestatie) -> bool:
    """TR341: Eenheid fits the Eenheid of the toegewezen product (9341)."""
    found = _alloc(ctx, prestatie)
    return found is not None and bool(found.unit) and found.unit != prestatie.Eenheid


@rule("TR307", "9307", level=3, soorten="323", target="prestatie")
def tr307_begin_within_allocation(ctx, prestatie) -> bool:
    """TR307: the ProductPeriode begins between the Ingangsdatum and Einddatum of the toewijzing (9307)."""
    found = _alloc(ctx, prestatie)
    begin = prestatie.ProductPeriode.Begindatum
    return found is not None and (begin < found.start or (found.end is not None and begin > found.end))


@rule("TR308", "9308", level=3, soorten="323", target="prestatie")
def tr308_end_within_allocation(ctx, prestatie) -> bool:
    """TR308: the ProductPeriode ends between the Ingangsdatum and Einddatum of the toewijzing (9308)."""
    found = _alloc(ctx, prestatie)
    end = prestatie.ProductPeriode.Einddatum
    return found is not None and (end < found.start or (found.end is not None and end > found.end))


@rule("TR387", "9387", level=3, soorten="323", target="prestatie")
def tr387_period_starts_on_first(ctx, prestatie) -> bool:
    """TR387: the ProductPeriode begins on the 1st of the month, or on the toewijzing's Ingangsdatum when
    that is later in the month (9387)."""
    found = _alloc(ctx, prestatie)
    begin = prestatie.ProductPeriode.Begindatum
    if found is None or begin.day == 1:
        return False
    return begin != found.start


@rule("TR388", "9388", level=3, soorten="323", target="prestatie")
def tr388_period_ends_on_last(ctx, prestatie) -> bool:
    """TR388: the ProductPeriode ends on the last day of the month, or on the toewijzing's Einddatum when
    that is earlier in the month (9388)."""
    found = _alloc(ctx, prestatie)
    end = prestatie.ProductPeriode.Einddatum
    if found is None or end == _month_end(end):
        return False
    return end != found.end


@rule("TR319", "9319", level=3, soorten="323", target="prestatie")
def tr319_within_declaration_period(ctx, prestatie) -> bool:
    """TR319: the ProductPeriode lies in the current or an earlier DeclaratiePeriode (9319)."""
    return prestatie.ProductPeriode.Einddatum > ctx.declaratie.DeclaratiePeriode.Einddatum


def _weeks(begin: date, end: date) -> int:
    """Number of (partial) calendar weeks in begin..end (IV077, inspanningsgericht)."""
    first_monday = begin - timedelta(days=begin.weekday())
    return (end - first_monday).days // 7 + 1


def _allowed_volume(found, begin: date, end: date) -> int | None:
    if found.volume is None:
        return None
    days = (end - begin).days + 1
    return {
        "1": found.volume * days,
        "2": found.volume * _weeks(begin, end),
        "4": found.volume,
    }.get(found.frequency)


def _debit(prestatie) -> bool:
    return prestatie.IngediendBedrag.DebetCredit == "D"


@rule("TR321", "9321", level=3, soorten="323", target="prestatie")
def tr321_volume_within_omvang(ctx, prestatie) -> bool:
    """TR321/IV077: the GeleverdVolume of a prestatie stays within the Omvang allocated for its period
    (per dag × days, per week × calendar weeks, per maand) (9321)."""
    found = _alloc(ctx, prestatie)
    if found is None or not _debit(prestatie) or found.unit != prestatie.Eenheid:
        return False
    period = prestatie.ProductPeriode
    allowed = _allowed_volume(found, period.Begindatum, period.Einddatum)
    if allowed is None:
        return False
    month = (period.Begindatum.year, period.Begindatum.month)
    return found.claimed_by_month.get(month, 0) + prestatie.GeleverdVolume > allowed


@rule("TR322", "9322", level=3, soorten="323", target="prestatie")
def tr322_total_within_omvang(ctx, prestatie) -> bool:
    """TR322: the sum of all claimed volumes stays within the total allocated volume (Frequentie 6, TBGT)
    (9322)."""
    found = _alloc(ctx, prestatie)
    if found is None or not _debit(prestatie) or found.frequency != "6" or found.volume is None:
        return False
    return found.claimed_volume + prestatie.GeleverdVolume > found.volume


@rule("TR369", "9369", level=3, soorten="323", target="prestatie")
def tr369_within_budget(ctx, prestatie) -> bool:
    """TR369: with a Budget, the sum of the claimed amounts stays within it (9369)."""
    found = _alloc(ctx, prestatie)
    if found is None or found.budget is None or not _debit(prestatie):
        return False
    return found.claimed_cents + prestatie.IngediendBedrag.Bedrag > found.budget


def _lines(ctx, ref: str):
    return ctx.state.lines.get((ctx.provider_id, ctx.law, ref), ())


@rule("TR314", "8021", level=3, soorten="323", target="prestatie")
def tr314_referentie_not_reused(ctx, prestatie) -> bool:
    """TR314: the ReferentieNummer of a debit prestatie was not delivered before in an approved line (8021)."""
    if not _debit(prestatie):
        return False
    return any(
        line.status == "goedgekeurd" for line in _lines(ctx, prestatie.ProductReferentie.ReferentieNummer)
    )


@rule("TR323", "8017", level=3, soorten="323", target="prestatie")
def tr323_credit_needs_debit(ctx, prestatie) -> bool:
    """TR323: a credit prestatie needs an earlier approved debit with the same ReferentieNummer (8017)."""
    if _debit(prestatie):
        return False
    return not any(
        not line.credit and line.status == "goedgekeurd"
        for line in _lines(ctx, prestatie.ProductReferentie.ReferentieNummer)
    )


@rule("TR390", "9390", level=3, soorten="323", target="prestatie")
def tr390_no_double_credit(ctx, prestatie) -> bool:
    """TR390: no second credit for the same ProductReferentie (9390)."""
    if _debit(prestatie):
        return False
    return any(
        line.credit and line.status == "goedgekeurd"
        for line in _lines(ctx, prestatie.ProductReferentie.ReferentieNummer)
    )


@rule("TR389", "9389", level=3, soorten="323", target="prestatie")
def tr389_previous_debit_credited(ctx, prestatie) -> bool:
    """TR389/OP366: a corrected debit (with VorigReferentieNummer) needs the previous debit to be fully
    credited first (9389)."""
    previous = prestatie.ProductReferentie.VorigReferentieNummer
    if not _debit(prestatie) or not previous:
        return False
    lines = [line for line in _lines(ctx, previous) if line.status == "goedgekeurd"]
    debits = sum(1 for line in lines if not line.credit)
    credits = sum(1 for line in lines if line.credit)
    return debits > credits


# ---------------------------------------------------------------- level 4: contract


@rule("TR346", "9346", level=4, soorten="323", target="prestatie")
def tr346_amount_is_volume_times_tariff(ctx, prestatie) -> bool:
    """TR346: with Eenheid ≠ 83 the IngediendBedrag equals GeleverdVolume × (unrounded) ProductTarief (9346)."""
    if prestatie.Eenheid == EUROS or prestatie.ProductTarief is None:
        return False
    return prestatie.IngediendBedrag.Bedrag != round(prestatie.GeleverdVolume * prestatie.ProductTarief)


@rule("TR418", "0611", level=4, soorten="323", target="prestatie")
def tr418_contract_tariff(ctx, prestatie) -> bool:
    """TR418 (new in 3.2): the ProductTarief equals the tariff in the contract for the period (0611)."""
    found = _alloc(ctx, prestatie)
    if found is None or prestatie.ProductTarief is None:
        return False
    tariff = ctx.state.tariff_on(found.contract_product_id, prestatie.ProductPeriode.Begindatum)
    return tariff is not None and tariff != prestatie.ProductTarief
