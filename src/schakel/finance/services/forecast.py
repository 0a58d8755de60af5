"""Realisation, commitments and the year-end forecast per budget and earmark; alerts for the controller.

forecast = realised (approved claim lines booked, municipal share) + committed (obligo of active
allocations and lump sums for the rest of the year) + expected new demand (trend of new allocations per
product category over the last :data:`TREND_DAYS` days × their average daily cost, ``calc``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import calc
from ..models import Budget, BudgetAlert, Commitment, Earmark, EarmarkKind, PayableLine
from ._base import HANDLE_ALERT, LAW_EARMARK, require
from .booking import realised_by_month
from .budgets import current_amounts

TREND_DAYS = 182


@dataclass
class Figures:
    """Budget, realised, committed, new demand and forecast of a budget (``earmark`` None) or an earmark."""

    budget: Budget
    earmark: Earmark | None
    budget_cents: int
    realised_cents: int = 0
    committed_cents: int = 0
    new_demand_cents: int = 0
    by_month: list[int] = field(default_factory=lambda: [0] * 12)

    @property
    def label(self) -> str:
        return self.earmark.get_kind_display() if self.earmark else _("Totaal")

    @property
    def forecast_cents(self) -> int:
        return self.realised_cents + self.committed_cents + self.new_demand_cents

    @property
    def limit_cents(self) -> int:
        return calc.alert_limit(self.budget_cents, self.budget.alert_margin_bp)

    @property
    def over_limit(self) -> bool:
        return self.forecast_cents > self.limit_cents

    @property
    def remaining_cents(self) -> int:
        return self.budget_cents - self.forecast_cents


def _owner(budget: Budget) -> dict:
    return {"gemeente_id": budget.gemeente_id, "regio_id": budget.regio_id}


def _new_demand(budget: Budget, as_of: date) -> dict[str, int]:
    """Expected new demand per earmark (only for a municipality's social-domain budget)."""
    year_end = date(budget.year, 12, 31)
    remaining = (
        (year_end - as_of).days if as_of.year == budget.year else (366 if as_of.year < budget.year else 0)
    )
    if budget.gemeente_id is None or budget.kind != "sociaal_domein" or remaining <= 0:
        return {}
    allocation_model = apps.get_model("contracts", "Allocation")
    new = (
        allocation_model.objects.filter(
            gemeente_id=budget.gemeente_id,
            start_date__gte=as_of - timedelta(TREND_DAYS),
            start_date__lt=as_of,
        )
        .exclude(status="verwijderd")
        .exclude(contract_product__variant=calc.TAAKGERICHT)
        .values("law", "product_category")
        .annotate(n=Count("id"))
    )
    costs = defaultdict(lambda: [0, 0])
    rows = Commitment.objects.filter(
        gemeente_id=budget.gemeente_id, year=budget.year, allocation__isnull=False
    )
    for cat, amount, start, end in rows.values_list(
        "product_category", "amount_cents", "period_start", "period_end"
    ):
        costs[cat][0] += amount
        costs[cat][1] += calc.days(start, end)
    result: dict[str, int] = defaultdict(int)
    for row in new:
        total, day_count = costs.get(row["product_category"], (0, 0))
        if not day_count:
            continue
        earmark = LAW_EARMARK.get(row["law"], row["law"])
        result[earmark] += calc.expected_new_demand(
            row["n"], TREND_DAYS, Fraction(total, day_count), remaining
        )
    return result


def figures_for(budget: Budget, *, as_of: date | None = None, amounts=None) -> list[Figures]:
    """The figures of the budget (first) and of each of its earmarks; a bounded number of queries."""
    as_of = as_of or timezone.localdate()
    amounts = amounts if amounts is not None else current_amounts([budget])
    order = {kind: i for i, kind in enumerate(EarmarkKind.values)}
    earmarks = sorted(budget.earmarks.all(), key=lambda e: order.get(e.kind, 99))
    total = Figures(budget, None, amounts[(budget.pk, None)])
    result = [total] + [Figures(budget, e, amounts[(budget.pk, e.pk)]) for e in earmarks]
    by_kind = {f.earmark.kind: f for f in result[1:]}
    if budget.kind == "inkomensdeel":
        return result  # the inkomensdeel is realised by the income administration (not booked here)
    lines = PayableLine.objects.filter(year=budget.year, **_owner(budget))
    for (kind, month), cents in realised_by_month(lines).items():
        for target in (total, by_kind.get(kind)):
            if target is not None:
                target.realised_cents += cents
                target.by_month[month - 1] += cents
    committed = (
        Commitment.objects.filter(year=budget.year, **_owner(budget))
        .values("earmark_kind")
        .annotate(s=Sum("amount_cents"))
    )
    for row in committed:
        for target in (total, by_kind.get(row["earmark_kind"])):
            if target is not None:
                target.committed_cents += row["s"] or 0
    for kind, cents in _new_demand(budget, as_of).items():
        for target in (total, by_kind.get(kind)):
            if target is not None:
                target.new_demand_cents += cents
    return result


@transaction.atomic
def evaluate_alerts(budget: Budget, *, as_of: date | None = None) -> list[BudgetAlert]:
    """Raise or update an alert for each target whose forecast exceeds its limit (system action)."""
    now = timezone.now()
    raised = []
    for figures in figures_for(budget, as_of=as_of):
        if not figures.over_limit:
            continue
        values = {
            "budget_cents": figures.budget_cents,
            "forecast_cents": figures.forecast_cents,
            "limit_cents": figures.limit_cents,
            "updated_at": now,
        }
        alert = BudgetAlert.objects.filter(
            budget=budget, earmark=figures.earmark, status=BudgetAlert.Status.OPEN
        ).first()
        if alert is None:
            alert = BudgetAlert.objects.create(
                budget=budget, earmark=figures.earmark, raised_at=now, **values
            )
        else:
            BudgetAlert.objects.filter(pk=alert.pk).update(**values)
        raised.append(alert)
    return raised


@transaction.atomic
def handle_alert(user, alert: BudgetAlert, *, note: str) -> BudgetAlert:
    """The controller closes an alert with a note on the measures taken (kept as history)."""
    require(user, HANDLE_ALERT, alert.budget.gemeente_id, alert.budget.regio_id)
    if not (note or "").strip():
        raise ValidationError({"note": _("Beschrijf wat er met het signaal is gedaan.")})
    if alert.status != BudgetAlert.Status.OPEN:
        raise ValidationError(_("Dit signaal is al afgehandeld."))
    BudgetAlert.objects.filter(pk=alert.pk).update(
        status=BudgetAlert.Status.HANDLED, handled_by=user, handled_at=timezone.now(), note=note.strip()
    )
    alert.refresh_from_db()
    return alert
