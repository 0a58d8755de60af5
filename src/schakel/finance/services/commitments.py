"""Commitments (obligo) from active allocations by financing variant (OP261–OP264, ``finance.calc``).

* :func:`refresh_commitment` recomputes one allocation (called when an allocation changes: the contracts
  app's hook, see ``finance/apps.py``); incremental, two to four queries.
* :func:`recompute_commitments` recomputes all allocations and taakgericht lump sums of one municipality
  for one year, set-based (one read of the allocations, one of the tariffs, one delete, bulk inserts).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from .. import calc
from ..models import Commitment
from ._base import LAW_EARMARK, year_window

FIELDS = (
    "id", "gemeente_id", "law", "contract_product_id", "provider_id", "product_category", "start_date", "end_date",
    "volume", "unit", "frequency", "budget_cents",
)  # fmt: skip
FIELDS = (
    "id",
    "gemeente_id",
    "law",
    "contract_product_id",
    "provider_id",
    "product_category",
    "start_date",
    "end_date",
    "volume",
    "unit",
    "frequency",
    "budget_cents",
    "status",
    "contract_product__variant",
)


def _models():
    return apps.get_model("contracts", "Allocation"), apps.get_model("contracts", "ContractTariff")


def _tariffs(product_ids) -> dict[int, list[calc.Tariff]]:
    _, tariff_model = _models()
    result: dict[int, list[calc.Tariff]] = defaultdict(list)
    rows = tariff_model.objects.filter(product_id__in=list(product_ids)).order_by("product_id", "start_date")
    for pid, start, end, amount in rows.values_list("product_id", "start_date", "end_date", "amount_cents"):
        result[pid].append(calc.Tariff(start, end, amount))
    return result


COLUMNS = (
    "gemeente_id", "year", "earmark_kind", "variant", "allocation_id", "contract_product_id", "provider_id",
    "product_category", "period_start", "period_end", "amount_cents", "as_of",
)  # fmt: skip


def _row(values: dict, tariffs: dict, year: int, as_of: date, window) -> tuple | None:
    """The commitment of one allocation as a tuple in :data:`COLUMNS` order (``None``: nothing committed)."""
    if values["status"] != "actief" or values["contract_product__variant"] == calc.TAAKGERICHT:
        return None
    part = calc.overlap(values["start_date"], values["end_date"], *window)
    if part is None:
        return None
    terms = calc.AllocationTerms(
        variant=values["contract_product__variant"],
        start=values["start_date"],
        end=values["end_date"],
        volume=values["volume"],
        unit=values["unit"],
        frequency=values["frequency"],
        budget_cents=values["budget_cents"],
    )
    amount = calc.allocation_commitment(terms, tariffs.get(values["contract_product_id"], ()), window)
    return (
        values["gemeente_id"], year, LAW_EARMARK.get(values["law"], values["law"]), terms.variant, values["id"],
        values["contract_product_id"], values["provider_id"], values["product_category"], part[0], part[1], amount,
        as_of,
    )  # fmt: skip


@transaction.atomic
def refresh_commitment(allocation, *, as_of: date | None = None) -> Commitment | None:
    """Recompute the commitment of one allocation for the year of ``as_of`` (default today).

    A withdrawn or deleted allocation (RedenWijziging 13, CS335) or one outside the year commits nothing:
    its row is removed. System action (no user): called from the allocation-changed hook.
    """
    as_of = as_of or timezone.localdate()
    allocation_model, _ = _models()
    values = allocation_model.objects.filter(pk=allocation.pk).values(*FIELDS).first()
    Commitment.objects.filter(allocation_id=allocation.pk, year=as_of.year).delete()
    if values is None:
        return None
    row = _row(
        values, _tariffs([values["contract_product_id"]]), as_of.year, as_of, year_window(as_of.year, as_of)
    )
    if row is None:
        return None
    return Commitment.objects.create(**dict(zip(COLUMNS, row, strict=True)))


TERMS_TABLE = "finance_commitment_terms"


def _distinct_terms(gemeente_id: int, window: tuple[date, date]) -> list[tuple]:
    """The distinct commitment terms (product, period, Omvang or Budget) of a municipality's active
    allocations overlapping ``window``: a commitment depends only on these, so it is computed once per
    distinct combination (thousands at most, whatever the number of allocations)."""
    table = apps.get_model("contracts", "Allocation")._meta.db_table
    sql = (
        f"SELECT contract_product_id, CAST(start_date AS TEXT), CAST(end_date AS TEXT), volume, unit, frequency,"  # noqa: S608
        f" budget_cents FROM {table} WHERE gemeente_id = %s AND status = 'actief' AND start_date <= %s"
        " AND (end_date IS NULL OR end_date >= %s)"
        " GROUP BY contract_product_id, start_date, end_date, volume, unit, frequency, budget_cents"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [gemeente_id, window[1], window[0]])
        rows = cursor.fetchall()
    iso = date.fromisoformat
    return [(cp, iso(start), iso(end) if end else None, *rest) for cp, start, end, *rest in rows]


@transaction.atomic
def recompute_commitments(gemeente, year: int, *, as_of: date | None = None, batch_size: int = 5000) -> int:
    """Recompute every commitment of ``gemeente`` for ``year`` (allocations and taakgericht lump sums of the
    municipality's own contracts and of its regions' contracts). Returns the number of rows written.

    Set-based: the amount is computed exactly (``calc.allocation_commitment``, the same arithmetic as
    :func:`refresh_commitment`) once per distinct combination of terms, written to a small temporary table,
    and the rows of all allocations are written with one ``INSERT … SELECT`` joining the allocations to it.
    """
    as_of = as_of or timezone.localdate()
    window = year_window(year, as_of)
    product_model = apps.get_model("contracts", "ContractProduct")
    terms_rows = _distinct_terms(gemeente.pk, window)
    variants = dict(
        product_model.objects.filter(pk__in={r[0] for r in terms_rows}).values_list("id", "variant")
    )
    tariffs = _tariffs(variants)
    pg = connection.vendor == "postgresql"
    far = date(9999, 12, 31)
    terms = []
    for cp, start, end, volume, unit, freq, budget in terms_rows:
        variant = variants[cp]
        part = calc.overlap(start, end, *window)
        if variant == calc.TAAKGERICHT or part is None:
            continue
        amount = calc.allocation_commitment(
            calc.AllocationTerms(variant, start, end, volume, unit, freq, budget), tariffs.get(cp, ()), window
        )
        values = (cp, start, end or far, -1 if volume is None else volume, unit, freq,
                  -1 if budget is None else budget, variant, amount, part[0], part[1])  # fmt: skip
        terms.append(values if pg else tuple(v.isoformat() if isinstance(v, date) else v for v in values))
    Commitment.objects.filter(gemeente=gemeente, year=year).delete()
    written = _insert_from_terms(gemeente.pk, year, as_of, window, terms) if terms else 0
    return written + refresh_lump_sums(gemeente, year, as_of=as_of)


def _insert_from_terms(gemeente_id: int, year: int, as_of: date, window, terms: list[tuple]) -> int:
    """One ``INSERT … SELECT``: every active allocation joined to the amount of its terms."""
    pg = connection.vendor == "postgresql"
    T, far = TERMS_TABLE, ("DATE '9999-12-31'" if pg else "'9999-12-31'")
    allocation_table = apps.get_model("contracts", "Allocation")._meta.db_table
    earmark = "CASE a.law " + " ".join(f"WHEN '{law}' THEN '{kind!s}'" for law, kind in LAW_EARMARK.items())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {'' if pg else 'temp.'}{T}")
        cursor.execute(
            f"""CREATE TEMPORARY TABLE {T} (cp integer, start_date date, end_key date, vol_key bigint,
                unit varchar(2), frequency varchar(1), budget_key bigint, variant varchar(20), amount bigint,
                p_start date, p_end date) {"ON COMMIT DROP" if pg else ""}"""
        )
        cursor.executemany(f"INSERT INTO {T} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", terms)  # noqa: S608
        cursor.execute(
            f"CREATE INDEX {T}_key ON {T} (cp, start_date, end_key, vol_key, unit, frequency, budget_key)"
        )
        if pg:
            cursor.execute(f"ANALYZE {T}")
        cursor.execute(
            f"""INSERT INTO {Commitment._meta.db_table} ({", ".join(COLUMNS)})
            SELECT a.gemeente_id, %s, {earmark} ELSE a.law END, t.variant, a.id, a.contract_product_id,
                   a.provider_id, a.product_category, t.p_start, t.p_end, t.amount, %s
            FROM {allocation_table} a JOIN {T} t
              ON t.cp = a.contract_product_id AND t.start_date = a.start_date
             AND t.end_key = COALESCE(a.end_date, {far}) AND t.vol_key = COALESCE(a.volume, -1)
             AND t.unit = a.unit AND t.frequency = a.frequency AND t.budget_key = COALESCE(a.budget_cents, -1)
            WHERE a.gemeente_id = %s AND a.status = 'actief' AND a.start_date <= %s
              AND (a.end_date IS NULL OR a.end_date >= %s)""",  # noqa: S608
            [year, as_of, gemeente_id, window[1], window[0]],
        )
        written = cursor.rowcount
        cursor.execute(f"DROP TABLE {'' if pg else 'temp.'}{T}")
    return written


def refresh_lump_sums(gemeente, year: int, *, as_of: date | None = None) -> int:
    """Taakgericht: the lump sum per contract period of the municipality's own taakgericht products
    (regional contracts: the region's row, refreshed by :func:`refresh_regional_lump_sums`)."""
    as_of = as_of or timezone.localdate()
    product_model = apps.get_model("contracts", "ContractProduct")
    products = list(
        product_model.objects.filter(variant=calc.TAAKGERICHT, contract__gemeente=gemeente).select_related(
            "contract"
        )
    )
    return _write_lump_sums(products, year, as_of)


def refresh_regional_lump_sums(regio, year: int, *, as_of: date | None = None) -> int:
    as_of = as_of or timezone.localdate()
    product_model = apps.get_model("contracts", "ContractProduct")
    products = list(
        product_model.objects.filter(variant=calc.TAAKGERICHT, contract__regio=regio).select_related(
            "contract"
        )
    )
    return _write_lump_sums(products, year, as_of)


def _write_lump_sums(products, year: int, as_of: date) -> int:
    window = year_window(year, as_of)
    tariffs = _tariffs([p.pk for p in products])
    Commitment.objects.filter(contract_product__in=products, allocation__isnull=True, year=year).delete()
    rows = []
    for product in products:
        contract = product.contract
        part = calc.overlap(contract.start_date, contract.end_date, *window)
        if part is None:
            continue
        rows.append(
            Commitment(
                gemeente_id=contract.gemeente_id,
                regio_id=contract.regio_id,
                year=year,
                earmark_kind=LAW_EARMARK.get(product.law, product.law),
                variant=calc.TAAKGERICHT,
                contract_product=product,
                provider_id=contract.provider_id,
                product_category=product.product_category,
                period_start=part[0],
                period_end=part[1],
                amount_cents=calc.lump_sum_commitment(tariffs.get(product.pk, ()), part),
                as_of=as_of,
            )
        )
    Commitment.objects.bulk_create(rows)
    return len(rows)
