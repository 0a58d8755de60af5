"""Result-based payment per result area (resultaatgericht bekostigen, reference outcomes-and-monitoring §2.2)
and cost-split rules.

:func:`settle_result_area` settles one result area of one provider for a period, using the share of goals
achieved from the outcome aggregates (``outcomes.services.aggregates.goal_attainment`` by provider):

* bonus: target reached → a payable line of ``share_bp`` × the amount booked for the product in the period;
* withheld: target reached → the held lines of the period are released (payable), otherwise forfeited;
* per result: ``amount_cents`` × the number of goals achieved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import calc
from ..models import CostSplitRule, EarmarkKind, PayableLine, ResultPaymentRule
from ._base import ADD_RULE, BOOK, LAW_EARMARK, require


@dataclass(frozen=True)
class Attainment:
    """Goals assessed and achieved for a provider (and product) in a period."""

    assessed: int
    achieved: int

    @property
    def percent(self) -> Fraction:
        return Fraction(100 * self.achieved, self.assessed) if self.assessed else Fraction(0)


def attainment_from_outcomes(gemeente_id: int, provider_id: int, start: date, end: date) -> Attainment:
    """Share of goals achieved per provider from the outcomes app (set-based aggregate)."""
    from schakel.outcomes.services.aggregates import goal_attainment

    for share in goal_attainment(gemeente_id, by="aanbieder", start=start, end=end):
        if share.group == str(provider_id):
            return Attainment(assessed=share.assessed, achieved=share.achieved)
    return Attainment(0, 0)


@transaction.atomic
def settle_result_area(
    user,
    rule: ResultPaymentRule,
    *,
    gemeente,
    provider,
    period_start: date,
    period_end: date,
    attainment: Attainment | None = None,
) -> list[PayableLine]:
    """Settle ``rule`` for ``provider`` over the period; idempotent per rule, provider and period."""
    require(user, BOOK, gemeente.pk)
    if period_end < period_start:
        raise ValidationError({"period_end": _("De periode eindigt vóór het begin.")})
    product = rule.result_area.product
    if attainment is None:
        attainment = attainment_from_outcomes(gemeente.pk, provider.pk, period_start, period_end)
    target = rule.target_percent or _agreement_target(rule)
    reached = attainment.assessed > 0 and attainment.percent >= target
    ref = f"res:{rule.pk}:{provider.pk}:{period_start:%Y%m%d}-{period_end:%Y%m%d}"
    if PayableLine.objects.filter(source=PayableLine.Source.RESULT, source_ref=ref).exists():
        raise ValidationError(_("Dit resultaatgebied is voor deze periode al afgerekend."))
    in_period = PayableLine.objects.filter(
        gemeente=gemeente,
        provider=provider,
        contract_product=product,
        period_start__gte=period_start,
        period_end__lte=period_end,
    )
    amount = 0
    if rule.kind == ResultPaymentRule.Kind.BONUS and reached:
        base = in_period.filter(source=PayableLine.Source.CLAIM).aggregate(s=Sum("amount_cents"))["s"] or 0
        amount = calc.round_half_up(Fraction(base * rule.share_bp, 10000))
    elif rule.kind == ResultPaymentRule.Kind.PER_RESULT:
        amount = rule.amount_cents * attainment.achieved
    elif rule.kind == ResultPaymentRule.Kind.WITHHELD:
        held = in_period.filter(source=PayableLine.Source.WITHHELD, status=PayableLine.Status.HELD)
        held.update(status=PayableLine.Status.PAYABLE if reached else PayableLine.Status.FORFEITED)
    line = PayableLine(
        gemeente=gemeente,
        provider=provider,
        source=PayableLine.Source.RESULT,
        source_ref=ref,
        contract_product=product,
        law=product.law,
        earmark_kind=LAW_EARMARK.get(product.law, EarmarkKind.PARTNER),
        product_category=product.product_category,
        product_code=product.product_code,
        period_start=period_start,
        period_end=period_end,
        year=period_end.year,
        month=period_end.month,
        amount_cents=amount,
        municipal_cents=amount,
        partner_cents=0,
        booked_at=timezone.now(),
        description=_("Resultaat %(area)s: %(a)s van %(n)s doelen behaald")
        % {"area": rule.result_area.name[:80], "a": attainment.achieved, "n": attainment.assessed},
    )
    line.save(force_insert=True)  # also a zero line: the settlement is recorded and cannot be repeated
    return [line]


def _agreement_target(rule: ResultPaymentRule) -> int:
    agreement = rule.result_area.agreements.filter(indicator="doelen_behaald").order_by("-start_date").first()
    return agreement.target_percent if agreement else 100


@transaction.atomic
def add_cost_split_rule(
    user,
    *,
    gemeente,
    name: str,
    partner: str,
    partner_share_bp: int,
    valid_from: date,
    law: str = "",
    product_category: str = "",
    product_code: str = "",
    intervention: str = "",
    earmark_kind: str = "",
    valid_to: date | None = None,
) -> CostSplitRule:
    """A rule dividing the cost of a product or intervention between the municipality and a partner."""
    require(user, ADD_RULE, gemeente.pk)
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Geef de regel een naam.")]
    if not (partner or "").strip():
        errors["partner"] = [_("Geef de partner (bijvoorbeeld de zorgverzekeraar).")]
    if (
        isinstance(partner_share_bp, bool)
        or not isinstance(partner_share_bp, int)
        or not 0 <= partner_share_bp <= 10000
    ):
        errors["partner_share_bp"] = [_("Het aandeel van de partner ligt tussen 0% en 100%.")]
    if bool(product_category) == bool(intervention):
        errors["product_category"] = [_("Geef een productcategorie óf een interventie.")]
    if product_code and not product_category:
        errors["product_code"] = [_("Een productcode hoort bij een productcategorie.")]
    if earmark_kind and earmark_kind not in EarmarkKind.values:
        errors["earmark_kind"] = [_("Onbekend oormerk.")]
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [_("De einddatum ligt vóór de begindatum.")]
    if errors:
        raise ValidationError(errors)
    overlapping = CostSplitRule.objects.filter(
        gemeente=gemeente,
        law=law,
        product_category=product_category,
        product_code=product_code,
        intervention=intervention,
    ).exclude(valid_to__lt=valid_from)
    if valid_to is not None:
        overlapping = overlapping.exclude(valid_from__gt=valid_to)
    if overlapping.exists():
        raise ValidationError(
            {"valid_from": _("Er geldt in deze periode al een verdeelregel voor dit product.")}
        )
    return CostSplitRule.objects.create(
        gemeente=gemeente,
        name=name.strip(),
        partner=partner.strip(),
        partner_share_bp=partner_share_bp,
        law=law,
        product_category=product_category,
        product_code=product_code,
        intervention=intervention,
        earmark_kind=earmark_kind,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=user,
    )
