"""Synthetic budgets, commitments, realisation and payments of the finance app, called by
``synth.services.generate_municipality`` after contracts (deterministic by seed; fast: set-based services).

* One social-domain budget for this year with earmarks and one inkomensdeel budget; the Jeugd earmark is set
  a little below its forecast so that the demo shows an alert; one begrotingswijziging (voorjaarsnota).
* Approved claim lines for every month up to last month of each active allocation (the amount of the month,
  computed like the commitment), booked through ``services.book_claim_lines``; taakgericht instalments.
* A cost-split rule (persoonlijke verzorging, 20 % zorgverzekeraar) and the municipality's payment account.
* Commitments recomputed as of ``today``; alerts evaluated. Payment runs are left to the demo: the
  controller prepares one; a second user with the approval right approves it (four eyes).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import models, transaction
from django.utils import timezone

from . import calc
from .models import (
    Budget,
    BudgetAlert,
    BudgetAmendment,
    Commitment,
    CostSplitRule,
    Earmark,
    PayableLine,
    PaymentAccount,
    PaymentRun,
    PaymentRunLine,
)
from .services import commitments, forecast
from .services.booking import ClaimRecord, book_claim_lines
from .services.commitments import FIELDS, _tariffs


def _month_windows(start: date, end: date | None, today: date):
    """(first, last) day of each whole calendar month from January of this year up to last month."""
    month = date(today.year, 1, 1)
    while month < date(today.year, today.month, 1):
        nxt = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = nxt - timedelta(days=1)
        part = calc.overlap(start, end, month, last)
        if part is not None:
            yield part
        month = nxt


def _claims(gemeente, today: date, rng: random.Random) -> list[ClaimRecord]:
    from django.apps import apps

    allocation_model = apps.get_model("contracts", "Allocation")
    values = list(
        allocation_model.objects.filter(
            gemeente=gemeente, status="actief", start_date__lt=date(today.year, today.month, 1)
        )
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=date(today.year, 1, 1)))
        .exclude(contract_product__variant=calc.TAAKGERICHT)
        .values(*FIELDS, "product_code")
        .order_by("id")
    )
    tariffs = _tariffs({v["contract_product_id"] for v in values})
    records = []
    for v in values:
        terms = calc.AllocationTerms(
            v["contract_product__variant"],
            v["start_date"],
            v["end_date"],
            v["volume"],
            v["unit"],
            v["frequency"],
            v["budget_cents"],
        )
        for start, end in _month_windows(v["start_date"], v["end_date"], today):
            amount = calc.allocation_commitment(
                terms, tariffs.get(v["contract_product_id"], ()), (start, end)
            )
            amount = calc.round_half_up(
                calc.Fraction(amount * rng.randint(85, 100), 100)
            )  # delivered ≤ allocated
            if amount > 0:
                records.append(
                    ClaimRecord(
                        f"synth:{v['id']}:{start:%Y%m}",
                        gemeente.pk,
                        v["provider_id"],
                        v["id"],
                        v["contract_product_id"],
                        v["law"],
                        v["product_category"],
                        v["product_code"],
                        start,
                        end,
                        amount,
                    )
                )
    return records


def _lump_sums(gemeente, today: date) -> int:
    from django.apps import apps

    product_model = apps.get_model("contracts", "ContractProduct")
    products = product_model.objects.filter(
        variant=calc.TAAKGERICHT, contract__gemeente=gemeente
    ).select_related("contract")
    lines, now = [], timezone.now()
    tariffs = _tariffs([p.pk for p in products])
    for product in products:
        total = calc.lump_sum_commitment(
            tariffs.get(product.pk, ()), (date(today.year, 1, 1), date(today.year, 12, 31))
        )
        for month in range(1, today.month):
            last = (date(today.year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            amount = total // 12
            lines.append(
                PayableLine(
                    gemeente=gemeente,
                    provider_id=product.contract.provider_id,
                    source=PayableLine.Source.LUMP_SUM,
                    source_ref=f"tg:{product.pk}:{today.year}-{month:02d}",
                    contract_product=product,
                    law=product.law,
                    earmark_kind="jeugd" if product.law == "jeugd" else "wmo",
                    product_category=product.product_category,
                    period_start=date(today.year, month, 1),
                    period_end=last,
                    year=today.year,
                    month=month,
                    amount_cents=amount,
                    municipal_cents=amount,
                    booked_at=now,
                    description="Termijn lumpsum taakgericht",
                )
            )
    PayableLine.objects.bulk_create(lines, ignore_conflicts=True)
    return len(lines)


def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    from schakel.core.models import User

    rng = random.Random(f"finance-{seed}-{gemeente.code}")
    controller = User.objects.filter(username="controller").first()
    with transaction.atomic():
        PaymentAccount.objects.get_or_create(
            gemeente=gemeente,
            defaults={
                "name": f"Gemeente {gemeente.name}"[:70],
                "iban": "NL02RABO0123456789",
                "bic": "RABONL2U",
            },
        )
        CostSplitRule.objects.get_or_create(
            gemeente=gemeente,
            law="wmo",
            product_category="03",
            product_code="",
            intervention="",
            valid_from=date(today.year, 1, 1),
            defaults={
                "name": "Persoonlijke verzorging met de zorgverzekeraar",
                "partner": "Zorgverzekeraar (synthetisch)",
                "partner_share_bp": 2000,
                "created_by": controller,
            },
        )
        booked = book_claim_lines(_claims(gemeente, today, rng))
        instalments = _lump_sums(gemeente, today)
        written = commitments.recompute_commitments(gemeente, today.year, as_of=today)
        budget = Budget.objects.filter(gemeente=gemeente, year=today.year, kind="sociaal_domein").first()
        if budget is None:
            budget = _budget(gemeente, today, controller, rng)
        alerts = forecast.evaluate_alerts(budget, as_of=today)
    return {
        "budgetten": Budget.objects.filter(gemeente=gemeente).count(),
        "declaratieregels geboekt": booked,
        "termijnen taakgericht": instalments,
        "verplichtingen": written,
        "budgetsignalen": len(alerts),
    }


def _budget(gemeente, today: date, controller, rng) -> Budget:
    """Budgets sized from the forecast: Wmo 6 % headroom, Jeugd 4 % short (an alert for the demo)."""
    by_kind = _forecast_by_earmark(gemeente, today)
    inhabitants = gemeente.inhabitants or 20_000
    earmarks = {
        "wmo": calc.round_half_up(calc.Fraction(by_kind.get("wmo", 0) * 106, 100)),
        "jeugd": calc.round_half_up(calc.Fraction(by_kind.get("jeugd", 0) * 96, 100)),
        "participatie": inhabitants * 4_500,
        "schuldhulp": inhabitants * 1_200,
        "preventie": inhabitants * 900,
        "partner": inhabitants * 300,
    }
    total = sum(earmarks.values()) + inhabitants * 2_000
    budget = Budget.objects.create(
        gemeente=gemeente,
        year=today.year,
        kind="sociaal_domein",
        name="Sociaal domein (integraal budget)",
        initial_cents=total,
        alert_margin_bp=0,
        created_by=controller,
    )
    Earmark.objects.bulk_create(Earmark(budget=budget, kind=k, initial_cents=v) for k, v in earmarks.items())
    Budget.objects.create(
        gemeente=gemeente,
        year=today.year,
        kind="inkomensdeel",
        name="Participatiewet inkomensdeel (BUIG)",
        initial_cents=inhabitants * 30_000,
        created_by=controller,
    )
    preventie = budget.earmarks.get(kind="preventie")
    BudgetAmendment.objects.create(
        budget=budget,
        earmark=preventie,
        delta_cents=inhabitants * 100,
        reason="Voorjaarsnota: extra inzet op preventie (synthetisch)",
        reference=f"RB-{today.year}-017",
        decided_on=date(today.year, min(today.month, 6), 1),
        created_by=controller,
    )
    return budget


def _forecast_by_earmark(gemeente, today: date) -> dict[str, int]:
    """Realised + committed per earmark (before any budget exists)."""
    result: dict[str, int] = {}
    for row in (
        PayableLine.objects.filter(gemeente=gemeente, year=today.year)
        .values("earmark_kind")
        .annotate(s=models.Sum("municipal_cents"))
    ):
        result[row["earmark_kind"]] = result.get(row["earmark_kind"], 0) + (row["s"] or 0)
    for row in (
        Commitment.objects.filter(gemeente=gemeente, year=today.year)
        .values("earmark_kind")
        .annotate(s=models.Sum("amount_cents"))
    ):
        result[row["earmark_kind"]] = result.get(row["earmark_kind"], 0) + (row["s"] or 0)
    return result


def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before the people and cases go).

    Amendments are append-only for users; removing a synthetic municipality deletes them with the base
    queryset delete (no model ``delete()`` is called)."""
    with transaction.atomic():
        runs = PaymentRun.objects.filter(gemeente=gemeente)
        models.QuerySet.delete(PaymentRunLine.objects.filter(run__in=runs))
        models.QuerySet.delete(runs)
        models.QuerySet.delete(PayableLine.objects.filter(gemeente=gemeente))
        models.QuerySet.delete(Commitment.objects.filter(gemeente=gemeente))
        budgets = Budget.objects.filter(gemeente=gemeente)
        models.QuerySet.delete(BudgetAlert.objects.filter(budget__in=budgets))
        models.QuerySet.delete(BudgetAmendment.objects.filter(budget__in=budgets))
        models.QuerySet.delete(Earmark.objects.filter(budget__in=budgets))
        models.QuerySet.delete(budgets)
        models.QuerySet.delete(CostSplitRule.objects.filter(gemeente=gemeente))
        models.QuerySet.delete(PaymentAccount.objects.filter(gemeente=gemeente))
