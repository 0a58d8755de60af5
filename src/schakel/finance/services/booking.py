"""Booking approved claim lines as payable lines (realisation), credits and corrections, taakgericht
instalments; the cost split (municipality / partner) is applied when booking.

:func:`book_claim_lines` is the narrow interface to the exchange work: it takes approved claim lines
(323 prestaties approved by the municipality) as plain :class:`ClaimRecord` values. Booking is idempotent:
``(source, source_ref)`` is unique in the database and already booked references are skipped.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import calc
from ..models import CostSplitRule, PayableLine, ResultPaymentRule
from ._base import BOOK, LAW_EARMARK, check_cents, require

Source = PayableLine.Source


@dataclass(frozen=True)
class ClaimRecord:
    """One approved claim line (prestatie): signed amount in eurocent (credit negative, IV024)."""

    source_ref: str
    gemeente_id: int
    provider_id: int
    allocation_id: int | None
    contract_product_id: int | None
    law: str
    product_category: str
    product_code: str
    period_start: date
    period_end: date
    amount_cents: int


class CostSplitter:
    """The cost-split rules of some municipalities, loaded once; :meth:`find` picks the most specific rule
    valid on a day (product code before category; intervention rules by intervention)."""

    def __init__(self, gemeente_ids: Iterable[int]):
        self.rules: dict[int, list[CostSplitRule]] = defaultdict(list)
        for rule in CostSplitRule.objects.filter(gemeente_id__in=list(gemeente_ids)):
            self.rules[rule.gemeente_id].append(rule)

    def find(
        self, gemeente_id, day, *, law="", category="", code="", intervention=""
    ) -> CostSplitRule | None:
        best, best_score = None, -1
        for rule in self.rules.get(gemeente_id, ()):
            if rule.valid_from > day or (rule.valid_to and rule.valid_to < day):
                continue
            if intervention:
                if rule.intervention != intervention:
                    continue
                score = 3
            else:
                if rule.intervention or rule.product_category != category or (rule.law and rule.law != law):
                    continue
                if rule.product_code and rule.product_code != code:
                    continue
                score = 2 if rule.product_code else 1
            if score > best_score:
                best, best_score = rule, score
        return best


def split_cost(
    gemeente_id: int, day: date, amount_cents: int, *, law="", category="", code="", intervention=""
):
    """(municipal cents, partner cents, earmark of the municipal share, partner, rule) for one cost.

    Public for the partners work: an intervention shared with e.g. the health insurer is split by its rule.
    """
    rule = CostSplitter([gemeente_id]).find(
        gemeente_id, day, law=law, category=category, code=code, intervention=intervention
    )
    if rule is None:
        return amount_cents, 0, LAW_EARMARK.get(law, law or "partner"), "", None
    municipal, partner = calc.split(amount_cents, rule.partner_share_bp)
    return municipal, partner, rule.earmark_kind or LAW_EARMARK.get(law, "partner"), rule.partner, rule


def _withheld_shares(product_ids) -> dict[int, int]:
    """Withheld share (basis points) per contract product from its result areas' ``ingehouden`` rules."""
    rules = ResultPaymentRule.objects.filter(
        kind=ResultPaymentRule.Kind.WITHHELD, result_area__product_id__in=list(product_ids)
    ).values_list("result_area__product_id", "share_bp")
    shares: dict[int, int] = defaultdict(int)
    for pid, bp in rules:
        shares[pid] = max(shares[pid], bp)
    return shares


def _line(
    record: ClaimRecord, amount: int, *, source: str, ref: str, splitter, status, booked_at, description=""
):
    rule = splitter.find(
        record.gemeente_id,
        record.period_start,
        law=record.law,
        category=record.product_category,
        code=record.product_code,
    )
    municipal, partner = calc.split(amount, rule.partner_share_bp) if rule else (amount, 0)
    earmark = (rule.earmark_kind if rule and rule.earmark_kind else "") or LAW_EARMARK.get(
        record.law, "partner"
    )
    return PayableLine(
        gemeente_id=record.gemeente_id,
        provider_id=record.provider_id,
        source=source,
        source_ref=ref,
        allocation_id=record.allocation_id,
        contract_product_id=record.contract_product_id,
        law=record.law,
        earmark_kind=earmark,
        product_category=record.product_category,
        product_code=record.product_code,
        period_start=record.period_start,
        period_end=record.period_end,
        year=record.period_start.year,
        month=record.period_start.month,
        amount_cents=amount,
        municipal_cents=municipal,
        partner_cents=partner,
        partner=rule.partner if rule else "",
        status=status,
        description=description,
        booked_at=booked_at,
    )


def _check_record(record: ClaimRecord) -> None:
    if not isinstance(record.amount_cents, int) or isinstance(record.amount_cents, bool):
        raise ValidationError({"amount_cents": _("Bedragen zijn hele eurocenten (een geheel getal).")})
    if record.period_end < record.period_start:
        raise ValidationError({"period_end": _("De periode eindigt vóór het begin (TR137).")})
    if not record.source_ref or len(record.source_ref) > 60:
        raise ValidationError(
            {"source_ref": _("Elke declaratieregel heeft een eigen kenmerk (maximaal 60 tekens).")}
        )


@transaction.atomic
def book_claim_lines(records: Iterable[ClaimRecord], *, booked_at=None, batch_size: int = 5000) -> int:
    """Book approved claim lines as payable lines; return the number of new lines (already booked
    references are skipped: idempotent). A withheld share (result area rule ``ingehouden``) is booked as a
    separate held line. All or nothing: a bad record books nothing."""
    records = list(records)
    for record in records:
        _check_record(record)
    if not records:
        return 0
    booked_at = booked_at or timezone.now()
    refs = [r.source_ref for r in records]
    existing = set()
    for start in range(0, len(refs), 900):
        existing.update(
            PayableLine.objects.filter(
                source=Source.CLAIM, source_ref__in=refs[start : start + 900]
            ).values_list("source_ref", flat=True)
        )
    todo = [r for r in records if r.source_ref not in existing]
    if len({r.source_ref for r in todo}) != len(todo):
        raise ValidationError({"source_ref": _("Dezelfde declaratieregel komt twee keer voor.")})
    splitter = CostSplitter({r.gemeente_id for r in todo})
    withheld = _withheld_shares({r.contract_product_id for r in todo if r.contract_product_id})
    lines = []
    for record in todo:
        share = withheld.get(record.contract_product_id, 0) if record.amount_cents > 0 else 0
        held = calc.round_half_up(calc.Fraction(record.amount_cents * share, 10000)) if share else 0
        lines.append(
            _line(
                record,
                record.amount_cents - held,
                source=Source.CLAIM,
                ref=record.source_ref,
                splitter=splitter,
                status=PayableLine.Status.PAYABLE,
                booked_at=booked_at,
            )
        )
        if held:
            lines.append(
                _line(
                    record,
                    held,
                    source=Source.WITHHELD,
                    ref=record.source_ref,
                    splitter=splitter,
                    status=PayableLine.Status.HELD,
                    booked_at=booked_at,
                    description=_("Ingehouden deel (resultaatbekostiging)"),
                )
            )
    PayableLine.objects.bulk_create(lines, batch_size=batch_size)
    return len(todo)


def book_approved_declaration_lines(gemeente, *, limit: int | None = None) -> int:
    """Adapter to the exchange app: book its approved 323 lines of ``gemeente`` not booked yet.

    The lines are read from ``exchange.DeclarationLine`` (status ``goedgekeurd``) with their allocation's
    contract product; the reference is ``323:<line id>``.
    """
    try:
        line_model = apps.get_model("exchange", "DeclarationLine")
    except LookupError:  # exchange not installed
        return 0
    booked = PayableLine.objects.filter(source=Source.CLAIM, source_ref=OuterRef("ref"))
    qs = (
        line_model.objects.filter(declaration__gemeente=gemeente, status="goedgekeurd")
        .annotate(ref=Concat(Value("323:"), Cast("pk", CharField())))
        .exclude(Exists(booked))
        .order_by("pk")
        .values_list(
            "pk",
            "provider_id",
            "allocation_id",
            "allocation__contract_product_id",
            "law",
            "product_category",
            "product_code",
            "period_start",
            "period_end",
            "amount_cents",
        )
    )
    if limit:
        qs = qs[:limit]
    records = [
        ClaimRecord(f"323:{pk}", gemeente.pk, prov, alloc, cp, law, cat, code, start, end, amount)
        for pk, prov, alloc, cp, law, cat, code, start, end, amount in qs
    ]
    return book_claim_lines(records)


@transaction.atomic
def book_correction(
    user,
    *,
    gemeente,
    provider,
    amount_cents: int,
    reason: str,
    law: str,
    product_category: str = "",
    period_start: date,
    original: PayableLine | None = None,
) -> PayableLine:
    """A manual correction or credit (negative) on a provider's account, with its reason."""
    require(user, BOOK, gemeente.pk)
    errors = {}
    try:
        check_cents(amount_cents, "amount_cents", allow_negative=True, allow_zero=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (reason or "").strip():
        errors["reason"] = [_("Geef de reden van de correctie.")]
    if original is not None and (original.provider_id != provider.pk or original.gemeente_id != gemeente.pk):
        errors["original"] = [_("De oorspronkelijke regel hoort bij een andere aanbieder of gemeente.")]
    if errors:
        raise ValidationError(errors)
    count = PayableLine.objects.filter(source=Source.CORRECTION, gemeente=gemeente).count()
    record = ClaimRecord(
        source_ref="",
        gemeente_id=gemeente.pk,
        provider_id=provider.pk,
        allocation_id=original.allocation_id if original else None,
        contract_product_id=original.contract_product_id if original else None,
        law=law,
        product_category=product_category or (original.product_category if original else ""),
        product_code=original.product_code if original else "",
        period_start=period_start,
        period_end=period_start,
        amount_cents=amount_cents,
    )
    line = _line(
        record,
        amount_cents,
        source=Source.CORRECTION,
        ref=f"corr:{gemeente.pk}:{count + 1}:{timezone.now():%Y%m%d%H%M%S%f}",
        splitter=CostSplitter([gemeente.pk]),
        status=PayableLine.Status.PAYABLE,
        booked_at=timezone.now(),
        description=reason.strip()[:200],
    )
    line.save(force_insert=True)
    return line


@transaction.atomic
def book_lump_sum_instalments(user, contract_product, year: int, *, through: date | None = None) -> int:
    """Taakgericht: the lump sum paid in monthly instalments (the remainder in December), booked for the
    months up to ``through`` (default: all twelve). Idempotent per product and month (``tg:<product>:<yyyy-mm>``)."""
    contract = contract_product.contract
    require(user, BOOK, contract.gemeente_id, contract.regio_id)
    if contract_product.variant != calc.TAAKGERICHT:
        raise ValidationError(_("Alleen taakgerichte producten worden in termijnen betaald."))
    tariffs = [calc.Tariff(t.start_date, t.end_date, t.amount_cents) for t in contract_product.tariffs.all()]
    total = calc.lump_sum_commitment(tariffs, (date(year, 1, 1), date(year, 12, 31)))
    if total <= 0:
        raise ValidationError(_("Er is geen lumpsum voor dit jaar vastgelegd in het contract."))
    monthly = total // 12
    existing = set(
        PayableLine.objects.filter(
            source=Source.LUMP_SUM, source_ref__startswith=f"tg:{contract_product.pk}:{year}-"
        ).values_list("source_ref", flat=True)
    )
    lines, now = [], timezone.now()
    last_month = (
        12 if through is None or through.year > year else (0 if through.year < year else through.month)
    )
    for month in range(1, last_month + 1):
        ref = f"tg:{contract_product.pk}:{year}-{month:02d}"
        if ref in existing:
            continue
        amount = monthly if month < 12 else total - monthly * 11
        last = calendar.monthrange(year, month)[1]
        lines.append(
            PayableLine(
                gemeente_id=contract.gemeente_id,
                regio_id=contract.regio_id,
                provider_id=contract.provider_id,
                source=Source.LUMP_SUM,
                source_ref=ref,
                contract_product=contract_product,
                law=contract_product.law,
                earmark_kind=LAW_EARMARK.get(contract_product.law, "partner"),
                product_category=contract_product.product_category,
                period_start=date(year, month, 1),
                period_end=date(year, month, last),
                year=year,
                month=month,
                amount_cents=amount,
                municipal_cents=amount,
                partner_cents=0,
                booked_at=now,
                description=_("Termijn lumpsum taakgericht"),
            )
        )
    PayableLine.objects.bulk_create(lines)
    return len(lines)


def realised_by_month(lines_qs) -> dict[tuple[str, int], int]:
    """Municipal realisation per (earmark, month) of a payable-line queryset (forfeited shares excluded)."""
    from django.db.models import Sum

    rows = (
        lines_qs.filter(~Q(status=PayableLine.Status.FORFEITED))
        .values("earmark_kind", "month")
        .annotate(total=Sum("municipal_cents"))
    )
    return {(r["earmark_kind"], r["month"]): r["total"] or 0 for r in rows}
