"""Set-based check of claim lines (323 prestaties) against their allocations, and booking (issue 5 benchmark).

For large volumes (a region's month: hundreds of thousands of prestaties) the lines are loaded into
:class:`~schakel.finance.models.ClaimIntakeLine` and checked with a handful of SQL statements, whatever the
number of lines (reference istandaarden.md §5.2):

* TR338 (9338): the ToewijzingNummer must exist for the municipality, law and provider (not deleted, CS335);
* TR307/TR308 (9307/9308): the ProductPeriode lies within the allocation's Ingangsdatum/Einddatum;
* TR339/TR340/TR341 (9339–9341): categorie, code and eenheid equal the allocation's;
* TR346 (9346): IngediendBedrag = GeleverdVolume × ProductTarief (eenheid 83: Bedrag = Volume, CS339);
* TR321 (9321): volume within the Omvang per prestatie (frequentie dag × days, week × (partial) calendar weeks
  in the period (IV077), maand × 1);
* TR418 (0611): ProductTarief equals the contract tariff valid on the period's first day;
* TR322 (9322) / TR369 (9369): the total over the batch within the Omvang with frequentie 6, or within the
  Budget (simplification: the check covers the lines in the batch; earlier approved volume is not added).

Approved lines are booked as :class:`~schakel.finance.models.PayableLine` with one ``INSERT … SELECT … ON
CONFLICT DO NOTHING`` (idempotent on ``pr:<provider>:<law>:<ReferentieNummer>``, TR314), then the cost-split
rules are applied with one ``UPDATE`` per rule. Everything runs in one transaction: a failure books nothing.

:func:`check_and_book_loop` is the per-line ORM baseline of the benchmark (same rules, one line at a time).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from .models import ClaimIntakeLine, CostSplitRule, PayableLine

L = ClaimIntakeLine._meta.db_table
P = PayableLine._meta.db_table


def _sql(vendor: str) -> dict[str, str]:
    if vendor == "postgresql":
        days = "(period_end - period_start + 1)"
        weeks = "(((period_end - period_start) + (EXTRACT(ISODOW FROM period_start)::int - 1)) / 7 + 1)"
        year, month = "EXTRACT(YEAR FROM period_start)::int", "EXTRACT(MONTH FROM period_start)::int"
    else:
        days = "(CAST(julianday(period_end) - julianday(period_start) AS INTEGER) + 1)"
        weeks = (
            "((CAST(julianday(period_end) - julianday(period_start) AS INTEGER)"
            " + ((CAST(strftime('%%w', period_start) AS INTEGER) + 6) %% 7)) / 7 + 1)"
        )
        year = "CAST(strftime('%%Y', period_start) AS INTEGER)"
        month = "CAST(strftime('%%m', period_start) AS INTEGER)"
    return {"days": days, "weeks": weeks, "year": year, "month": month}


def _tables():
    from django.apps import apps

    return apps.get_model("contracts", "Allocation")._meta.db_table, apps.get_model(
        "contracts", "ContractTariff"
    )._meta.db_table


def load(batch: str, rows, *, chunk: int = 50_000) -> int:
    """Load claim lines (tuples in :data:`COLUMNS` order) into the intake table of ``batch``."""
    columns = ", ".join(COLUMNS)
    count = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {L} (batch, {columns}, code, status) FROM STDIN") as copy,
        ):  # noqa: S608
            for row in rows:
                copy.write_row((batch, *row, "", "nieuw"))
                count += 1
        return count
    sql = f"INSERT INTO {L} (batch, {columns}, code, status) VALUES (%s, {', '.join(['%s'] * len(COLUMNS))}, '', 'nieuw')"  # noqa: S608
    buffer = []
    with connection.cursor() as cursor:
        for row in rows:
            buffer.append((batch, *(v.isoformat() if isinstance(v, date) else v for v in row)))
            if len(buffer) >= chunk:
                cursor.executemany(sql, buffer)
                count += len(buffer)
                buffer = []
        if buffer:
            cursor.executemany(sql, buffer)
            count += len(buffer)
    return count


COLUMNS = (
    "gemeente_id", "provider_id", "law", "referentie", "toewijzing_nummer", "product_category", "product_code",
    "unit", "period_start", "period_end", "volume", "tariff_cents", "amount_cents",
)  # fmt: skip


@transaction.atomic
def check_and_book(batch: str) -> dict:
    """Check every line of ``batch`` set-based and book the approved ones. Returns counts per retourcode."""
    allocation_table, tariff_table = _tables()
    s = _sql(connection.vendor)
    booked_at = timezone.now()
    with connection.cursor() as cursor:
        # one pass: copy the allocation's terms and apply the per-line rules (lines without a matching
        # allocation are not touched by the join and get 9338 below)
        cursor.execute(
            f"""UPDATE {L} SET allocation_id = a.id, a_cp = a.contract_product_id, a_frequency = a.frequency,
                a_volume = a.volume, a_budget = a.budget_cents, code = CASE
                WHEN {L}.period_start < a.start_date THEN '9307'
                WHEN a.end_date IS NOT NULL AND {L}.period_end > a.end_date THEN '9308'
                WHEN {L}.product_category <> a.product_category THEN '9339'
                WHEN {L}.product_code <> a.product_code THEN '9340'
                WHEN a.unit <> '' AND {L}.unit <> a.unit THEN '9341'
                WHEN {L}.unit = '83' AND ABS({L}.amount_cents) <> {L}.volume THEN '9346'
                WHEN {L}.unit <> '83' AND ABS({L}.amount_cents) <> {L}.volume * COALESCE({L}.tariff_cents, 0) THEN '9346'
                WHEN a.frequency = '1' AND {L}.volume > a.volume * {s["days"]} THEN '9321'
                WHEN a.frequency = '2' AND {L}.volume > a.volume * {s["weeks"]} THEN '9321'
                WHEN a.frequency = '4' AND {L}.volume > a.volume THEN '9321'
                ELSE '' END
            FROM {allocation_table} AS a
            WHERE {L}.batch = %s AND a.gemeente_id = {L}.gemeente_id AND a.law = {L}.law
              AND a.number = {L}.toewijzing_nummer AND a.provider_id = {L}.provider_id AND a.status <> 'verwijderd'""",  # noqa: S608
            [batch],
        )
        cursor.execute(f"UPDATE {L} SET code = '9338' WHERE batch = %s AND allocation_id IS NULL", [batch])  # noqa: S608
        cursor.execute(
            f"""UPDATE {L} SET code = '0611' WHERE batch = %s AND code = '' AND unit <> '83'
              AND tariff_cents <> COALESCE((SELECT t.amount_cents FROM {tariff_table} t
                  WHERE t.product_id = {L}.a_cp AND t.start_date <= {L}.period_start
                    AND (t.end_date IS NULL OR t.end_date >= {L}.period_start)
                  ORDER BY t.start_date DESC LIMIT 1), -1)""",  # noqa: S608
            [batch],
        )
        cursor.execute(
            f"""UPDATE {L} SET code = '9322' WHERE batch = %s AND code = '' AND a_frequency = '6'
              AND allocation_id IN (SELECT allocation_id FROM {L} WHERE batch = %s AND code = '' AND a_frequency = '6'
                                    GROUP BY allocation_id, a_volume HAVING SUM(volume) > MAX(a_volume))""",  # noqa: S608
            [batch, batch],
        )
        cursor.execute(
            f"""UPDATE {L} SET code = '9369' WHERE batch = %s AND code = '' AND a_budget IS NOT NULL
              AND allocation_id IN (SELECT allocation_id FROM {L} WHERE batch = %s AND code = '' AND a_budget IS NOT NULL
                                    GROUP BY allocation_id HAVING SUM(amount_cents) > MAX(a_budget))""",  # noqa: S608
            [batch, batch],
        )
        stamp = connection.ops.adapt_datetimefield_value(booked_at)
        cursor.execute(
            f"""INSERT INTO {P} (gemeente_id, regio_id, provider_id, source, source_ref, allocation_id,
                contract_product_id, law, earmark_kind, product_category, product_code, period_start, period_end,
                year, month, amount_cents, municipal_cents, partner_cents, partner, status, description, booked_at)
            SELECT gemeente_id, NULL, provider_id, 'declaratie',
                   'pr:' || CAST(provider_id AS TEXT) || ':' || law || ':' || referentie, allocation_id, a_cp, law,
                   CASE law WHEN 'wmo' THEN 'wmo' WHEN 'jeugd' THEN 'jeugd' ELSE 'partner' END,
                   product_category, product_code, period_start, period_end, {s["year"]}, {s["month"]},
                   amount_cents, amount_cents, 0, '', 'te_betalen', '', %s
            FROM {L} WHERE batch = %s AND code = ''
            ON CONFLICT DO NOTHING""",  # noqa: S608
            [stamp, batch],
        )
        booked = cursor.rowcount
        gemeenten = list(
            ClaimIntakeLine.objects.filter(batch=batch).values_list("gemeente_id", flat=True).distinct()
        )
        for rule in CostSplitRule.objects.filter(gemeente_id__in=gemeenten, intervention=""):
            share = (
                "(CASE WHEN amount_cents >= 0 THEN (amount_cents * %s + 5000) / 10000"
                " ELSE -((-amount_cents * %s + 5000) / 10000) END)"
            )
            where = "booked_at = %s AND source = 'declaratie' AND gemeente_id = %s AND product_category = %s"
            params = [rule.partner_share_bp, rule.partner_share_bp, rule.partner_share_bp, rule.partner_share_bp,
                      rule.partner, rule.earmark_kind, stamp, rule.gemeente_id, rule.product_category]  # fmt: skip
            if rule.law:
                where += " AND law = %s"
                params.append(rule.law)
            if rule.product_code:
                where += " AND product_code = %s"
                params.append(rule.product_code)
            where += " AND period_start >= %s"
            params.append(rule.valid_from)
            if rule.valid_to:
                where += " AND period_start <= %s"
                params.append(rule.valid_to)
            cursor.execute(
                f"""UPDATE {P} SET partner_cents = {share}, municipal_cents = amount_cents - {share},
                    partner = %s, earmark_kind = COALESCE(NULLIF(%s, ''), earmark_kind) WHERE {where}""",  # noqa: S608
                params,
            )
        cursor.execute(f"SELECT code, COUNT(*) FROM {L} WHERE batch = %s GROUP BY code", [batch])  # noqa: S608
        codes = dict(cursor.fetchall())
    return {"booked": booked, "codes": codes}


def check_and_book_loop(batch: str) -> dict:
    """BASELINE: the same checks per line with the ORM (a query or two per line). Do not use in production."""
    from django.apps import apps

    from . import calc

    allocation_model = apps.get_model("contracts", "Allocation")
    tariff_model = apps.get_model("contracts", "ContractTariff")
    codes: Counter = Counter()
    booked = 0
    now = timezone.now()
    for line in ClaimIntakeLine.objects.filter(batch=batch).order_by("id").iterator(chunk_size=2000):
        allocation = (
            allocation_model.objects.filter(
                gemeente_id=line.gemeente_id,
                law=line.law,
                number=line.toewijzing_nummer,
                provider_id=line.provider_id,
            )
            .exclude(status="verwijderd")
            .first()
        )
        code = _loop_code(line, allocation, tariff_model, calc)
        codes[code] += 1
        ClaimIntakeLine.objects.filter(pk=line.pk).update(
            code=code, status="goedgekeurd" if not code else "afgekeurd"
        )
        if not code:
            _created = PayableLine.objects.get_or_create(
                source="declaratie",
                source_ref=f"pr:{line.provider_id}:{line.law}:{line.referentie}",
                defaults={
                    "gemeente_id": line.gemeente_id, "provider_id": line.provider_id, "allocation": allocation,
                    "contract_product_id": allocation.contract_product_id, "law": line.law, "earmark_kind": line.law,
                    "product_category": line.product_category, "product_code": line.product_code,
                    "period_start": line.period_start, "period_end": line.period_end, "year": line.period_start.year,
                    "month": line.period_start.month, "amount_cents": line.amount_cents,
                    "municipal_cents": line.amount_cents, "booked_at": now,
                },
            )  # fmt: skip
            booked += 1
    return {"booked": booked, "codes": dict(codes)}


def _loop_code(line, allocation, tariff_model, calc) -> str:
    if allocation is None:
        return "9338"
    if line.period_start < allocation.start_date:
        return "9307"
    if allocation.end_date and line.period_end > allocation.end_date:
        return "9308"
    if line.product_category != allocation.product_category:
        return "9339"
    if line.product_code != allocation.product_code:
        return "9340"
    if allocation.unit and line.unit != allocation.unit:
        return "9341"
    expected = line.volume if line.unit == "83" else line.volume * (line.tariff_cents or 0)
    if abs(line.amount_cents) != expected:
        return "9346"
    days = calc.days(line.period_start, line.period_end)
    weeks = ((line.period_end - line.period_start).days + line.period_start.weekday()) // 7 + 1
    limit = {
        "1": (allocation.volume or 0) * days,
        "2": (allocation.volume or 0) * weeks,
        "4": allocation.volume,
    }
    if allocation.frequency in limit and line.volume > limit[allocation.frequency]:
        return "9321"
    if line.unit != "83":
        tariff = (
            tariff_model.objects.filter(
                product_id=allocation.contract_product_id, start_date__lte=line.period_start
            )
            .order_by("-start_date")
            .values_list("amount_cents", "end_date")
            .first()
        )
        if tariff is None or (tariff[1] and tariff[1] < line.period_start) or tariff[0] != line.tariff_cents:
            return "0611"
    return ""
