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

Approved lines are booked as :class:`~schakel.finance.models.PayableLine` with one ``INSERT … SELECT`` that
computes the cost split in the same statement, idempotent on ``pr:<provider>:<law>:<ReferentieNummer>``
(TR314; see :func:`_book`). Everything runs in one transaction: a failure books nothing.

:func:`check_and_book_loop` is the per-line ORM baseline of the benchmark (same rules, one line at a time).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from .models import ClaimIntakeLine, CostSplitRule, PayableLine
from .services._base import LAW_EARMARK

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


def _split_sql(rules) -> tuple[str, list, dict]:
    """The cost-split rule of a line as a ``CASE`` giving the rule's number (0 = none), in the precedence of
    :class:`~schakel.finance.services.booking.CostSplitter` (product code before category, then the rules'
    order): the first matching branch wins, so the result equals the per-line :meth:`CostSplitter.find`."""
    ranked = sorted(enumerate(rules), key=lambda item: (0 if item[1].product_code else 1, item[0]))
    branches, params = [], []
    for number, (_i, rule) in enumerate(ranked, start=1):
        cond = "l.gemeente_id = %s AND l.product_category = %s AND l.period_start >= %s"
        params += [rule.gemeente_id, rule.product_category, rule.valid_from]
        if rule.law:
            cond += " AND l.law = %s"
            params.append(rule.law)
        if rule.product_code:
            cond += " AND l.product_code = %s"
            params.append(rule.product_code)
        if rule.valid_to:
            cond += " AND l.period_start <= %s"
            params.append(rule.valid_to)
        branches.append(f"WHEN {cond} THEN {number}")
    expr = f"CASE {' '.join(branches)} ELSE 0 END" if branches else "0"
    return expr, params, {number: rule for number, (_i, rule) in enumerate(ranked, start=1)}


def _booking_exprs(by_number: dict) -> tuple[dict[str, str], list]:
    """SQL for partner share, partner and earmark from the rule number (integers only; the partner share
    rounded half away from zero, the municipality carries the remainder, as ``calc.split``)."""
    law_earmark = (
        "CASE law "
        + " ".join(f"WHEN '{law}' THEN '{str(kind)}'" for law, kind in LAW_EARMARK.items())
        + " ELSE 'partner' END"
    )
    if not by_number:
        return {"partner_cents": "0", "partner": "''", "earmark": law_earmark}, []
    share = " ".join(
        f"WHEN {n} THEN (CASE WHEN amount_cents >= 0 THEN (amount_cents * {int(r.partner_share_bp)} + 5000) / 10000"
        f" ELSE -((-amount_cents * {int(r.partner_share_bp)} + 5000) / 10000) END)"
        for n, r in by_number.items()
    )
    partner = " ".join(f"WHEN {n} THEN %s" for n in by_number)
    earmark = " ".join(f"WHEN {n} THEN %s" for n, r in by_number.items() if r.earmark_kind)
    params = [r.partner for r in by_number.values()] + [
        r.earmark_kind for r in by_number.values() if r.earmark_kind
    ]
    return {
        "partner_cents": f"(CASE rule_no {share} ELSE 0 END)",
        "partner": f"(CASE rule_no {partner} ELSE '' END)",
        "earmark": f"(CASE rule_no {earmark} ELSE {law_earmark} END)" if earmark else law_earmark,
    }, params


@transaction.atomic
def check_and_book(batch: str) -> dict:
    """Check every line of ``batch`` set-based and book the approved ones. Returns counts per retourcode.

    One read of the batch joined with the allocations writes the verdict of every line, with what booking
    needs, into a temporary table (no WAL, no indexes); only the rejected lines are written back to the
    intake table (their ``code``), and the approved ones are booked from the temporary table in one
    ``INSERT … SELECT`` with the cost split computed in the same statement (:func:`_book`).

    TR418 (contract tariff on the period's first day): the tariffs of a product are joined as intervals
    ``[start_date, next start_date)`` (at most one per line, ``tariff_unique_start``); when that tariff is
    still valid on the day it is the latest valid one, else (ended, overlapping tariffs) the correlated
    subquery of the rule decides. Before, the subquery ran for every line (about 5 µs each on PostgreSQL).
    """
    allocation_table, tariff_table = _tables()
    s = _sql(connection.vendor)
    booked_at = timezone.now()
    gemeenten = list(
        ClaimIntakeLine.objects.filter(batch=batch).values_list("gemeente_id", flat=True).distinct()
    )
    rules = list(
        CostSplitRule.objects.filter(gemeente_id__in=gemeenten, intervention="").order_by(
            *CostSplitRule._meta.ordering, "id"
        )
    )
    rule_expr, rule_params, by_number = _split_sql(rules)
    T = "finance_checked_claims"
    pg = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {'' if pg else 'temp.'}{T}")
        # the per-line rules in their order (first failing rule gives the code), the tariff (TR418) last
        cursor.execute(
            f"""CREATE TEMPORARY TABLE {T} {"ON COMMIT DROP" if pg else ""} AS
            SELECT l.id, l.gemeente_id, l.provider_id, l.law, l.referentie, l.product_category, l.product_code,
                   l.period_start, l.period_end, l.volume, l.amount_cents, a.id AS allocation_id,
                   a.contract_product_id AS a_cp, a.frequency AS a_frequency, a.volume AS a_volume,
                   a.budget_cents AS a_budget, {rule_expr} AS rule_no, CASE
                WHEN a.id IS NULL THEN '9338'
                WHEN l.period_start < a.start_date THEN '9307'
                WHEN a.end_date IS NOT NULL AND l.period_end > a.end_date THEN '9308'
                WHEN l.product_category <> a.product_category THEN '9339'
                WHEN l.product_code <> a.product_code THEN '9340'
                WHEN a.unit <> '' AND l.unit <> a.unit THEN '9341'
                WHEN l.unit = '83' AND ABS(l.amount_cents) <> l.volume THEN '9346'
                WHEN l.unit <> '83' AND ABS(l.amount_cents) <> l.volume * COALESCE(l.tariff_cents, 0) THEN '9346'
                WHEN a.frequency = '1' AND l.volume > a.volume * {s["days"].replace("period_", "l.period_")} THEN '9321'
                WHEN a.frequency = '2' AND l.volume > a.volume * {s["weeks"].replace("period_", "l.period_")} THEN '9321'
                WHEN a.frequency = '4' AND l.volume > a.volume THEN '9321'
                WHEN l.unit <> '83' AND l.tariff_cents <> COALESCE(CASE
                    WHEN (t.product_id IS NOT NULL AND t.end_date IS NULL) OR t.end_date >= l.period_start
                    THEN t.amount_cents ELSE (SELECT t2.amount_cents FROM {tariff_table} t2
                    WHERE t2.product_id = a.contract_product_id AND t2.start_date <= l.period_start
                      AND (t2.end_date IS NULL OR t2.end_date >= l.period_start)
                    ORDER BY t2.start_date DESC LIMIT 1) END, -1) THEN '0611'
                ELSE '' END AS code
            FROM {L} l LEFT JOIN {allocation_table} a
              ON a.gemeente_id = l.gemeente_id AND a.law = l.law AND a.number = l.toewijzing_nummer
             AND a.provider_id = l.provider_id AND a.status <> 'verwijderd'
            LEFT JOIN (SELECT product_id, start_date, end_date, amount_cents, LEAD(start_date) OVER (
                         PARTITION BY product_id ORDER BY start_date) AS next_start FROM {tariff_table}) t
              ON t.product_id = a.contract_product_id AND t.start_date <= l.period_start
             AND (t.next_start IS NULL OR t.next_start > l.period_start)
            WHERE l.batch = %s""",  # noqa: S608
            [*rule_params, batch],
        )
        if pg:  # statistics for the plans below (booking: anti-join of a million lines)
            cursor.execute(f"ANALYZE {T}")
        # TR322 / TR369: totals over the batch (only allocations with frequentie 6 or a budget)
        cursor.execute(
            f"""UPDATE {T} SET code = '9322' WHERE code = '' AND a_frequency = '6'
              AND allocation_id IN (SELECT allocation_id FROM {T} WHERE code = '' AND a_frequency = '6'
                                    GROUP BY allocation_id, a_volume HAVING SUM(volume) > MAX(a_volume))"""  # noqa: S608
        )
        cursor.execute(
            f"""UPDATE {T} SET code = '9369' WHERE code = '' AND a_budget IS NOT NULL
              AND allocation_id IN (SELECT allocation_id FROM {T} WHERE code = '' AND a_budget IS NOT NULL
                                    GROUP BY allocation_id HAVING SUM(amount_cents) > MAX(a_budget))"""  # noqa: S608
        )
        # only the rejected lines are written back (the approved ones keep code '')
        cursor.execute(
            f"""UPDATE {L} SET code = c.code, allocation_id = c.allocation_id FROM {T} c
            WHERE c.code <> '' AND {L}.id = c.id"""  # noqa: S608
        )
        booked = _book(cursor, T, s, by_number, booked_at, pg)
        cursor.execute(f"SELECT code, COUNT(*) FROM {T} GROUP BY code")  # noqa: S608
        codes = dict(cursor.fetchall())
        cursor.execute(f"DROP TABLE {'' if pg else 'temp.'}{T}")
    return {"booked": booked, "codes": codes}


#: key of the transaction-level advisory lock that serialises bookings of claim lines (PostgreSQL)
BOOKING_LOCK = 0x5C4A_4B31


def _book(cursor, T: str, s: dict, by_number: dict, booked_at, pg: bool) -> int:
    """Book the approved lines of the temporary table ``T``; returns the number of payable lines inserted.

    Idempotent on ``(source, source_ref)`` (TR314: the ReferentieNummer identifies the prestatie). On SQLite
    (one writer at a time) ``ON CONFLICT DO NOTHING``. On PostgreSQL speculative insertion costs an extra
    index probe and WAL record per line, so a plain ``INSERT`` skips the references already booked with an
    anti-join, under a transaction-level advisory lock (:data:`BOOKING_LOCK`): a concurrent booking waits until
    this one commits and then sees its lines. The unique constraint stays the backstop: should the plain insert
    still meet a duplicate (the same ReferentieNummer twice in one batch, or a line booked by another path),
    the statement is undone (savepoint) and repeated with ``ON CONFLICT DO NOTHING`` — same result as before.
    """
    from django.db import IntegrityError

    exprs, expr_params = _booking_exprs(by_number)
    stamp = connection.ops.adapt_datetimefield_value(booked_at)

    def insert(tail: str) -> int:
        cursor.execute(
            f"""INSERT INTO {P} (gemeente_id, regio_id, provider_id, source, source_ref, allocation_id,
                contract_product_id, law, earmark_kind, product_category, product_code, period_start, period_end,
                year, month, amount_cents, municipal_cents, partner_cents, partner, status, description, booked_at)
            SELECT gemeente_id, NULL, provider_id, 'declaratie', ref, allocation_id, a_cp, law, earmark,
                   product_category, product_code, period_start, period_end, {s["year"]}, {s["month"]},
                   amount_cents, amount_cents - partner_cents, partner_cents, partner, 'te_betalen', '', %s
            FROM (SELECT c.*, 'pr:' || CAST(provider_id AS TEXT) || ':' || law || ':' || referentie AS ref,
                         {exprs["partner_cents"]} AS partner_cents, {exprs["partner"]} AS partner,
                         {exprs["earmark"]} AS earmark
                  FROM {T} c WHERE code = '') x
            {tail}""",  # noqa: S608
            [stamp, *expr_params],
        )
        return cursor.rowcount

    # SQLite: ON CONFLICT after a SELECT needs a WHERE (parsing ambiguity)
    on_conflict = "WHERE true ON CONFLICT DO NOTHING"
    if not pg:
        return insert(on_conflict)
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BOOKING_LOCK])
    try:
        with transaction.atomic():
            return insert(
                f"WHERE NOT EXISTS (SELECT 1 FROM {P} p WHERE p.source = 'declaratie' AND p.source_ref = x.ref COLLATE \"C\")"  # noqa: S608
            )
    except IntegrityError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != "23505":  # unique_violation; anything else is a fault
            raise
    return insert(on_conflict)


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
