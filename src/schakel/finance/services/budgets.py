"""Budgets, earmarks and amendments (begrotingswijzigingen; Gemeentewet art. 189–192).

The current amount of a budget is its initial amount plus its amendments; amendments are appended, never
edited. Earmarks together never exceed their budget and no amount goes below zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ..models import Budget, BudgetAmendment, BudgetKind, Earmark, EarmarkKind
from ._base import ADD_BUDGET, AMEND_BUDGET, CHANGE_BUDGET, check_cents, check_year, require


@dataclass(frozen=True)
class EarmarkInput:
    kind: str
    initial_cents: int


@transaction.atomic
def create_budget(
    user,
    *,
    year: int,
    kind: str,
    name: str,
    initial_cents: int,
    gemeente=None,
    regio=None,
    earmarks: list[EarmarkInput] = (),
    alert_margin_bp: int = 0,
) -> Budget:
    """A budget for one owner and year; the inkomensdeel (Participatiewet art. 69) has no earmarks."""
    if (gemeente is None) == (regio is None):
        raise ValidationError(_("Een budget hoort bij één gemeente of bij één regio."))
    require(user, ADD_BUDGET, getattr(gemeente, "pk", None), getattr(regio, "pk", None))
    errors = {}
    try:
        check_year(year)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if kind not in BudgetKind.values:
        errors["kind"] = [_("Kies een soort budget.")]
    if not (name or "").strip():
        errors["name"] = [_("Geef het budget een naam.")]
    try:
        check_cents(initial_cents, "initial_cents")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not isinstance(alert_margin_bp, int) or not -10000 <= alert_margin_bp <= 10000:
        errors["alert_margin_bp"] = [_("De signaleringsmarge ligt tussen -100% en 100%.")]
    earmarks = list(earmarks)
    if earmarks and kind == BudgetKind.INKOMENSDEEL:
        errors["earmarks"] = [_("Het inkomensdeel van de Participatiewet heeft geen oormerken.")]
    kinds = [e.kind for e in earmarks]
    if any(k not in EarmarkKind.values for k in kinds) or len(set(kinds)) != len(kinds):
        errors["earmarks"] = [_("Elk oormerk komt één keer voor en moet een bekend oormerk zijn.")]
    for e in earmarks:
        try:
            check_cents(e.initial_cents, "earmarks")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not errors and sum(e.initial_cents for e in earmarks) > initial_cents:
        errors["earmarks"] = [_("De oormerken samen zijn groter dan het budget.")]
    if errors:
        raise ValidationError(errors)
    if Budget.objects.filter(gemeente=gemeente, regio=regio, year=year, kind=kind).exists():
        raise ValidationError({"year": _("Voor dit jaar bestaat al een budget van deze soort.")})
    try:
        with transaction.atomic():
            budget = Budget.objects.create(
                gemeente=gemeente,
                regio=regio,
                year=year,
                kind=kind,
                name=name.strip(),
                initial_cents=initial_cents,
                alert_margin_bp=alert_margin_bp,
                created_by=user,
            )
    except IntegrityError as exc:  # a concurrent create of the same budget
        raise ValidationError({"year": _("Voor dit jaar bestaat al een budget van deze soort.")}) from exc
    Earmark.objects.bulk_create(
        Earmark(budget=budget, kind=e.kind, initial_cents=e.initial_cents) for e in earmarks
    )
    return budget


@transaction.atomic
def set_alert_margin(user, budget: Budget, margin_bp: int) -> Budget:
    require(user, CHANGE_BUDGET, budget.gemeente_id, budget.regio_id)
    if isinstance(margin_bp, bool) or not isinstance(margin_bp, int) or not -10000 <= margin_bp <= 10000:
        raise ValidationError({"alert_margin_bp": _("De signaleringsmarge ligt tussen -100% en 100%.")})
    Budget.objects.filter(pk=budget.pk).update(alert_margin_bp=margin_bp)
    budget.alert_margin_bp = margin_bp
    return budget


def current_amounts(budgets: list[Budget]) -> dict[tuple[int, int | None], int]:
    """Current amounts: ``(budget_id, None)`` for budgets and ``(budget_id, earmark_id)`` for earmarks.

    Two queries for any number of budgets: the earmarks and the amendment sums.
    """
    ids = [b.pk for b in budgets]
    result: dict[tuple[int, int | None], int] = {(b.pk, None): b.initial_cents for b in budgets}
    for earmark in Earmark.objects.filter(budget_id__in=ids):
        result[(earmark.budget_id, earmark.pk)] = earmark.initial_cents
    sums = (
        BudgetAmendment.objects.filter(budget_id__in=ids)
        .values("budget_id", "earmark_id")
        .annotate(s=Sum("delta_cents"))
    )
    for row in sums:
        result[(row["budget_id"], None)] += row["s"]
        if row["earmark_id"] is not None:
            result[(row["budget_id"], row["earmark_id"])] += row["s"]
    return result


@transaction.atomic
def amend_budget(
    user,
    budget: Budget,
    *,
    delta_cents: int,
    reason: str,
    decided_on: date,
    earmark: Earmark | None = None,
    reference: str = "",
) -> BudgetAmendment:
    """Append a begrotingswijziging. The budget row is locked, so concurrent amendments are serialised."""
    require(user, AMEND_BUDGET, budget.gemeente_id, budget.regio_id)
    errors = {}
    try:
        check_cents(delta_cents, "delta_cents", allow_negative=True, allow_zero=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (reason or "").strip():
        errors["reason"] = [_("Geef de reden van de begrotingswijziging.")]
    if not isinstance(decided_on, date):
        errors["decided_on"] = [_("Geef de datum van het besluit.")]
    if earmark is not None and earmark.budget_id != budget.pk:
        errors["earmark"] = [_("Dit oormerk hoort niet bij dit budget.")]
    if len(reference or "") > 60:
        errors["reference"] = [_("Het kenmerk is te lang (maximaal 60 tekens).")]
    if errors:
        raise ValidationError(errors)
    locked = Budget.objects.select_for_update().get(pk=budget.pk)
    amounts = current_amounts([locked])
    new_total = amounts[(locked.pk, None)] + delta_cents
    if new_total < 0:
        raise ValidationError({"delta_cents": _("Na deze wijziging zou het budget negatief worden.")})
    if earmark is not None and amounts[(locked.pk, earmark.pk)] + delta_cents < 0:
        raise ValidationError({"delta_cents": _("Na deze wijziging zou het oormerk negatief worden.")})
    if earmark is None:
        earmarked = sum(v for (bid, eid), v in amounts.items() if eid is not None)
        if earmarked > new_total:
            raise ValidationError(
                {
                    "delta_cents": _(
                        "Het budget wordt kleiner dan de oormerken samen; wijzig eerst een oormerk."
                    )
                }
            )
    return BudgetAmendment.objects.create(
        budget=locked,
        earmark=earmark,
        delta_cents=delta_cents,
        reason=reason.strip(),
        reference=(reference or "").strip(),
        decided_on=decided_on,
        created_by=user,
    )
