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

FAST_FIELDS = (
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


def _fetch(gemeente_id: int, window: tuple[date, date]) -> list[tuple]:
    """Active allocations of a municipality overlapping ``window`` as tuples of :data:`FAST_FIELDS`, through a
    plain cursor; dates are read as ISO text (the per-value date converters cost more than the calculation)."""
    table = apps.get_model("contracts", "Allocation")._meta.db_table
    columns = ", ".join(
        f"CAST({name} AS TEXT)" if name in ("start_date", "end_date") else name for name in FAST_FIELDS
    )
    sql = (
        f"SELECT {columns} FROM {table} WHERE gemeente_id = %s AND status = 'actief' AND start_date <= %s"  # noqa: S608
        " AND (end_date IS NULL OR end_date >= %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [gemeente_id, window[1], window[0]])
        rows = cursor.fetchall()
    iso = date.fromisoformat
    return [(*r[:6], iso(r[6]), iso(r[7]) if r[7] else None, *r[8:]) for r in rows]


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


def _insert(rows: list[tuple]) -> None:
    """Insert commitment rows without building model instances (COPY on PostgreSQL, executemany on SQLite)."""
    if not rows:
        return
    table, columns = Commitment._meta.db_table, ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):  # noqa: S608
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(*r[:8], r[8].isoformat(), r[9].isoformat(), r[10], r[11].isoformat()) for r in rows]
        )


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


@transaction.atomic
def recompute_commitments(gemeente, year: int, *, as_of: date | None = None, batch_size: int = 5000) -> int:
    """Recompute every commitment of ``gemeente`` for ``year`` (allocations and taakgericht lump sums of the
    municipality's own contracts and of its regions' contracts). Returns the number of rows written."""
    as_of = as_of or timezone.localdate()
    allocation_model, _ = _models()
    window = year_window(year, as_of)
    product_model = apps.get_model("contracts", "ContractProduct")
    variants = dict(
        product_model.objects.filter(allocations__gemeente=gemeente).distinct().values_list("id", "variant")
    )
    tariffs = _tariffs(variants)
    rows = []
    earmarks = dict(LAW_EARMARK)
    for pk, gid, law, cp, prov, cat, start, end, volume, unit, freq, budget in _fetch(gemeente.pk, window):
        variant = variants[cp]
        if variant == calc.TAAKGERICHT:
            continue
        part = calc.overlap(start, end, *window)
        if part is None:
            continue
        terms = calc.AllocationTerms(variant, start, end, volume, unit, freq, budget)
        amount = calc.allocation_commitment(terms, tariffs.get(cp, ()), window)
        rows.append(
            (gid, year, earmarks.get(law, law), variant, pk, cp, prov, cat, part[0], part[1], amount, as_of)
        )
    Commitment.objects.filter(gemeente=gemeente, year=year).delete()
    _insert(rows)
    return len(rows) + refresh_lump_sums(gemeente, year, as_of=as_of)


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
