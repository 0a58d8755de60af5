"""Extract tables fed by the apps that landed after the foundation: outcomes (measurements), exchange
(verzoeken om toewijzing, declaration lines) and finance (budgets, booked costs).

Each builder reads only when :func:`.sources.available` says the app's table exists, so the extract works with
any subset of apps installed. Persons are pseudonymised with the same keyed hash as everywhere in the extract.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa
import pyarrow.compute as pc
from django.apps import apps
from django.db.models import Count, Max, Sum
from django.utils import timezone

from . import sources
from .sources import Context, _columns, _table, available, person_key

#: finance earmark kinds → Law values (preventie and partner interventions are outside the three laws).
EARMARK_LAW = {"wmo": "wmo", "jeugd": "jeugd", "participatie": "participatie", "schuldhulp": "schuldhulp"}


def _agg(model, **extra) -> list:
    values = model.objects.aggregate(n=Count("pk"), m=Max("pk"), **extra)
    return [v.isoformat() if hasattr(v, "isoformat") else v for v in values.values()]


# --- measurements (outcomes) ---------------------------------------------------------------------------------


def build_measurements(ctx: Context) -> pa.Table:
    """One row per scored or assessed domain of an outcome measurement (outcomes.MeasurementScore)."""
    out = _columns("measurements")
    if not available("outcomes", "MeasurementScore"):
        return _table("measurements", out)
    Score = apps.get_model("outcomes", "MeasurementScore")
    for mid, person_id, case_id, gid, code, version, domain, moment, day, score, relevant in (
        Score.objects.order_by("measurement_id", "id")
        .values_list(
            "measurement_id",
            "measurement__person_id",
            "measurement__case_id",
            "measurement__gemeente_id",
            "measurement__instrument__code",
            "measurement__instrument__version",
            "domain__code",
            "measurement__moment",
            "measurement__measured_on",
            "score",
            "relevant",
        )
        .iterator(chunk_size=5000)
    ):
        out["measurement_id"].append(mid)
        out["person_key"].append(ctx.person_keys[person_id])
        out["case_id"].append(case_id)
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["instrument"].append(code)
        out["instrument_version"].append(version)
        out["domain"].append(domain)
        out["moment"].append(moment)
        out["measured_on"].append(day)
        out["score"].append(score)
        out["relevant"].append(bool(relevant))
    return _table("measurements", out)


def fingerprint_measurements() -> list:
    if not available("outcomes", "MeasurementScore"):
        return []
    return _agg(apps.get_model("outcomes", "MeasurementScore")) + _agg(
        apps.get_model("outcomes", "Measurement")
    )


# --- verzoeken om toewijzing (exchange) ----------------------------------------------------------------------


def build_allocation_requests(ctx: Context) -> pa.Table:
    """Verzoeken om toewijzing (iWmo/iJw 315) received, with their answer deadline (5 working days)."""
    out = _columns("allocation_requests")
    if not available("exchange", "Request"):
        return _table("allocation_requests", out)
    Request = apps.get_model("exchange", "Request")
    tz = timezone.get_current_timezone()
    for pk, gid, agb, law, received, due, answered in (
        Request.objects.filter(kind="vot")
        .order_by("id")
        .values_list(
            "id",
            "gemeente_id",
            "provider__agb_code",
            "law",
            "message__received_at",
            "answer_due",
            "answered_at",
        )
        .iterator(chunk_size=5000)
    ):
        out["request_id"].append(pk)
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["provider_key"].append(agb)
        out["law"].append(law)
        out["received_on"].append(received.astimezone(tz).date())
        out["answer_due"].append(due)
        out["answered_on"].append(answered.astimezone(tz).date() if answered else None)
    return _table("allocation_requests", out)


def fingerprint_requests() -> list:
    if not available("exchange", "Request"):
        return []
    return _agg(apps.get_model("exchange", "Request"), a=Count("answered_at"))


# --- budgets (finance) ---------------------------------------------------------------------------------------


def build_budgets(ctx: Context) -> pa.Table:
    """Budgets of municipalities (not regional budgets) per year and law: initial amounts plus amendments."""
    out = _columns("budgets")
    if not available("finance", "Budget"):
        return _table("budgets", out)
    Budget = apps.get_model("finance", "Budget")
    Earmark = apps.get_model("finance", "Earmark")
    Amendment = apps.get_model("finance", "BudgetAmendment")
    totals: dict[tuple, int] = defaultdict(int)
    budgets = {
        pk: (gid, year, kind, initial)
        for pk, gid, year, kind, initial in Budget.objects.filter(gemeente__isnull=False).values_list(
            "id", "gemeente_id", "year", "kind", "initial_cents"
        )
    }
    earmarks = {}
    for pk, budget_id, kind, initial in Earmark.objects.filter(budget_id__in=budgets).values_list(
        "id", "budget_id", "kind", "initial_cents"
    ):
        gid, year, _kind, _initial = budgets[budget_id]
        law = EARMARK_LAW.get(kind, "overig")
        earmarks[pk] = (gid, year, law)
        totals[(gid, year, law)] += initial
    with_earmarks = {e[0] for e in Earmark.objects.filter(budget_id__in=budgets).values_list("budget_id")}
    for pk, (gid, year, kind, initial) in budgets.items():
        if pk not in with_earmarks:  # e.g. the Participatiewet inkomensdeel
            totals[(gid, year, "participatie" if kind == "inkomensdeel" else "overig")] += initial
    for budget_id, earmark_id, delta in Amendment.objects.filter(budget_id__in=budgets).values_list(
        "budget_id", "earmark_id", "delta_cents"
    ):
        if earmark_id in earmarks:
            totals[earmarks[earmark_id]] += delta
        else:
            gid, year, kind, _ = budgets[budget_id]
            totals[(gid, year, "participatie" if kind == "inkomensdeel" else "overig")] += delta
    for (gid, year, law), amount in sorted(totals.items()):
        out["gemeente_code"].append(ctx.gemeente_codes[gid])
        out["year"].append(year)
        out["law"].append(law)
        out["product_category"].append("")
        out["amount_eurocent"].append(amount)
    return _table("budgets", out)


def fingerprint_budgets() -> list:
    if not available("finance", "Budget"):
        return []
    return (
        _agg(apps.get_model("finance", "Budget"), s=Sum("initial_cents"))
        + _agg(apps.get_model("finance", "Earmark"), s=Sum("initial_cents"))
        + _agg(apps.get_model("finance", "BudgetAmendment"))
    )


# --- costs: finance bookings, else approved declaration lines, else estimates --------------------------------


def _alloc_provisions() -> dict[int, tuple[int | None, int]]:
    """allocation id → (decision product id, person id)."""
    if not available("contracts", "Allocation"):
        return {}
    Allocation = apps.get_model("contracts", "Allocation")
    return {
        pk: (dp, person)
        for pk, dp, person in Allocation.objects.values_list("id", "decision_product_id", "person_id")
    }


def _booked_rows(ctx: Context, gemeente_ids: set[int], allocations) -> list[dict]:
    PayableLine = apps.get_model("finance", "PayableLine")
    rows = []
    for gid, agb, alloc, law, earmark, cat, start, end, municipal in (
        PayableLine.objects.filter(gemeente_id__in=gemeente_ids)
        .exclude(status="vervallen")
        .values_list(
            "gemeente_id",
            "provider__agb_code",
            "allocation_id",
            "law",
            "earmark_kind",
            "product_category",
            "period_start",
            "period_end",
            "municipal_cents",
        )
        .iterator(chunk_size=5000)
    ):
        dp, person = allocations.get(alloc, (None, None))
        rows.append(
            {
                "gemeente_code": ctx.gemeente_codes[gid],
                "person_key": ctx.person_keys.get(person) if person else None,
                "provision_id": dp,
                "provider_key": agb,
                "law": law or EARMARK_LAW.get(earmark, "overig"),
                "product_category": cat or "",
                "period_start": start,
                "period_end": end,
                "amount_eurocent": municipal,
                "source": "boeking",
            }
        )
    return rows


def _declared_rows(ctx: Context, gemeente_ids: set[int], allocations) -> list[dict]:
    Line = apps.get_model("exchange", "DeclarationLine")
    rows = []
    for gid, agb, alloc, law, bsn, cat, start, end, amount in (
        Line.objects.filter(status="goedgekeurd", declaration__gemeente_id__in=gemeente_ids)
        .values_list(
            "declaration__gemeente_id",
            "provider__agb_code",
            "allocation_id",
            "law",
            "bsn",
            "product_category",
            "period_start",
            "period_end",
            "amount_cents",
        )
        .iterator(chunk_size=5000)
    ):
        dp, _person = allocations.get(alloc, (None, None))
        rows.append(
            {
                "gemeente_code": ctx.gemeente_codes[gid],
                "person_key": person_key(bsn) if bsn else None,
                "provision_id": dp,
                "provider_key": agb,
                "law": law,
                "product_category": cat,
                "period_start": start,
                "period_end": end,
                "amount_eurocent": amount,
                "source": "declaratie",
            }
        )
    return rows


def build_costs(ctx: Context, provisions: pa.Table) -> pa.Table:
    """Costs per municipality from the best source it has, never two sources for one municipality (no double
    counting): (1) finance bookings (realisation, municipal share), else (2) approved declaration lines
    (iWmo/iJw 303/323), else (3) estimates from the allocation's tariff and volume."""
    allocations = _alloc_provisions()
    by_code = {code: gid for gid, code in ctx.gemeente_codes.items()}
    booked_gemeenten: set[int] = set()
    declared_gemeenten: set[int] = set()
    if available("finance", "PayableLine"):
        PayableLine = apps.get_model("finance", "PayableLine")
        booked_gemeenten = set(
            PayableLine.objects.filter(gemeente__isnull=False)
            .values_list("gemeente_id", flat=True)
            .distinct()
        )
    if available("exchange", "DeclarationLine"):
        Line = apps.get_model("exchange", "DeclarationLine")
        declared_gemeenten = (
            set(
                Line.objects.filter(status="goedgekeurd")
                .values_list("declaration__gemeente_id", flat=True)
                .distinct()
            )
            - booked_gemeenten
        )
    rows = []
    if booked_gemeenten:
        rows += _booked_rows(ctx, booked_gemeenten, allocations)
    if declared_gemeenten:
        rows += _declared_rows(ctx, declared_gemeenten, allocations)
    estimated_codes = {
        code for code, gid in by_code.items() if gid not in booked_gemeenten | declared_gemeenten
    }
    estimates = sources.build_costs(
        ctx,
        provisions.filter(
            pc.is_in(provisions["gemeente_code"], value_set=pa.array(sorted(estimated_codes), pa.string()))
        ),
    )
    out = _columns("costs")
    for i, row in enumerate(rows, start=1):
        out["cost_id"].append(i)
        for column in out:
            if column != "cost_id":
                out[column].append(row[column])
    offset = len(rows)
    table = _table("costs", out)
    if estimates.num_rows:
        ids = pa.array([offset + i for i in range(1, estimates.num_rows + 1)], pa.int64())
        estimates = estimates.set_column(0, "cost_id", ids).cast(table.schema)
        table = pa.concat_tables([table, estimates])
    return table


def fingerprint_costs() -> list:
    fp = []
    if available("finance", "PayableLine"):
        fp += _agg(apps.get_model("finance", "PayableLine"), s=Sum("municipal_cents"))
    if available("exchange", "DeclarationLine"):
        fp += _agg(apps.get_model("exchange", "DeclarationLine"), s=Sum("amount_cents"))
    return fp


def register() -> None:
    sources.EXTRA_BUILDERS.update(
        {
            "measurements": build_measurements,
            "allocation_requests": build_allocation_requests,
            "budgets": build_budgets,
        }
    )
    sources.EXTRA_FINGERPRINTS.update(
        {
            "measurements": fingerprint_measurements,
            "allocation_requests": fingerprint_requests,
            "budgets": fingerprint_budgets,
        }
    )
