"""Set-based writes for the pipeline: a chunk's rows go to the database in a handful of statements.

Django's ``bulk_create``/``bulk_update`` compile every value of every row through the query compiler and,
on PostgreSQL, the default client-side-binding cursor merges all values into one long SQL text; for the
exchange pipeline that cost more than parsing, rules and retours together. Here:

* a row is a ``dict`` of attribute names (``message_id``, ``status``, ...) or a model instance; missing
  keys take the field's default;
* values are converted once per column with a converter chosen per field type and backend (identity for
  integers, booleans and foreign keys; ``str`` for char fields, so a ``TextChoices`` member is stored as
  its value; ISO text for dates on SQLite; Django's own ``get_db_prep_save`` for everything else);
* :func:`insert` writes with ``COPY … FROM STDIN`` on PostgreSQL and one ``executemany`` on SQLite;
* :func:`reserve_ids` takes primary keys up front (the sequence on PostgreSQL, the table's high-water mark
  under the write lock on SQLite), so rows that other rows refer to need no ``RETURNING`` round trip;
* :func:`execute_many` sends one parametrised statement per row; on PostgreSQL through a server-side
  binding cursor, which pipelines and prepares the statement instead of merging literals per row.

All of it runs inside the caller's transaction (one transaction per chunk, see ``pipeline``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from django.db import connections, router

_IDENTITY = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "ForeignKey",
        "OneToOneField",
    }
)
_TEXT = frozenset({"CharField", "TextField", "SlugField", "EmailField"})


def _connection(model):
    return connections[router.db_for_write(model)]


def _text(value):
    return value if value is None or type(value) is str else str(value)


def _iso(value):
    return None if value is None else value.isoformat()


def _converter(field, connection):
    kind = field.get_internal_type()
    if kind in _IDENTITY:
        return None
    if kind in _TEXT:
        return _text
    if kind == "DateField" and connection.vendor == "sqlite":
        return _iso
    if kind == "BinaryField":  # bytes: a BLOB in SQLite, bytea in PostgreSQL
        return None

    if kind == "DateTimeField":  # a chunk stamps one ``now`` on every row: convert it once
        last: list = [(object(), None)]  # (value, converted), replaced as a whole: safe across threads

        def prep_datetime(value, field=field):
            seen, converted = last[0]
            if value is seen:
                return converted
            converted = field.get_db_prep_save(value, connection)
            last[0] = (value, converted)
            return converted

        return prep_datetime

    def prep(value, field=field):
        return field.get_db_prep_save(value, connection)

    return prep


@cache
def _plan(model, alias: str, names: tuple[str, ...] | None, with_pk: bool):
    connection = connections[alias]
    meta = model._meta
    if names is None:
        fields = [f for f in meta.concrete_fields if with_pk or not f.primary_key]
    else:
        fields = [meta.get_field(n) for n in names]
    # Django's own default of each field ("" for a text field without one); a mutable default (``list``)
    # is shared, which is safe: values are only serialised.
    defaults = [None if f.primary_key else f.get_default() for f in fields]
    converters = [_converter(f, connection) for f in fields]
    return fields, tuple(f.attname for f in fields), defaults, converters


def _rows(objects: Iterable, attnames, defaults, converters) -> list[list]:
    rows = []
    for obj in objects:
        if isinstance(obj, dict):
            values = [obj.get(a, d) for a, d in zip(attnames, defaults, strict=True)]
        else:
            values = [getattr(obj, a) for a in attnames]
        rows.append([v if c is None else c(v) for v, c in zip(values, converters, strict=True)])
    return rows


def _pg_cursor(connection):
    """A server-side binding cursor on Django's own connection (same transaction)."""
    import psycopg

    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


def insert(model, objects: Sequence, *, with_pk: bool = False, conflict_ignore: bool = False) -> None:
    """INSERT ``objects`` (dicts or instances; ``with_pk``: their ``id`` was reserved) — see module doc."""
    if not objects:
        return
    connection = _connection(model)
    fields, attnames, defaults, converters = _plan(model, connection.alias, None, with_pk)
    rows = _rows(objects, attnames, defaults, converters)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":
        if not conflict_ignore:
            copy_sql = f"COPY {table} ({columns}) FROM STDIN"
            with _pg_cursor(connection) as cursor, cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        arrays, params = _pg_arrays(fields, rows, connection)
        with _pg_cursor(connection) as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING",  # noqa: S608
                params,
            )
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    if conflict_ignore:
        sql += " ON CONFLICT DO NOTHING"
    execute_many(connection, sql, rows)


def update(model, names: tuple[str, ...], objects: Sequence) -> None:
    """``UPDATE … SET names WHERE pk`` for every object (instances), one statement per row, sent at once."""
    if not objects:
        return
    connection = _connection(model)
    fields, attnames, defaults, converters = _plan(
        model, connection.alias, (*names, model._meta.pk.name), True
    )
    rows = _rows(objects, attnames, defaults, converters)
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":  # one statement: UPDATE … FROM unnest(one array per column)
        arrays, params = _pg_arrays(fields, rows, connection)
        names_sql = ", ".join(quote(f.column) for f in fields)
        sql = "UPDATE {t} SET {sets} FROM unnest({arrays}) AS v({names}) WHERE {t}.{pk} = v.{pk}".format(  # noqa: S608
            t=quote(model._meta.db_table),
            sets=", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields[:-1]),
            arrays=arrays,
            names=names_sql,
            pk=quote(fields[-1].column),
        )
        with _pg_cursor(connection) as cursor:
            cursor.execute(sql, params)
        return
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - identifiers from the model's metadata
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields[:-1]),
        quote(fields[-1].column),
    )
    execute_many(connection, sql, rows)


def _pg_arrays(fields, rows: list, connection) -> tuple[str, list]:
    """``%s::type[], …`` and one list per column (the rows transposed) for ``unnest``."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    return ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields), columns


def execute_many(connection, sql: str, rows: list) -> None:
    if connection.vendor == "postgresql":
        with _pg_cursor(connection) as cursor:
            cursor.executemany(sql, rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def reserve_ids(model, n: int) -> list[int]:
    """``n`` new primary keys for ``model`` (call inside the transaction that inserts them)."""
    if n <= 0:
        return []
    connection = _connection(model)
    meta = model._meta
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, n],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: one writer at a time (the transaction holds the write lock once it has written; the
        # settings open transactions IMMEDIATE). AUTOINCREMENT never reuses an id: take the larger of the
        # sequence and the current maximum.
        quote = connection.ops.quote_name
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
            f"COALESCE((SELECT MAX({quote(meta.pk.column)}) FROM {quote(meta.db_table)}), 0))",
            [meta.db_table],
        )
        base = cursor.fetchone()[0]
        return list(range(base + 1, base + n + 1))
