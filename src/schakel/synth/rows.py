"""New rows with precomputed primary keys, written with ``executemany`` in batches.

Building Django model instances and compiling ``bulk_create`` costs more than the insert itself; for
half a million rows that would break the two-minute budget (issue 2 §10). Rows are plain records here;
values are converted per column with the field's own ``get_db_prep_save`` where the database needs it
(dates, timestamps, JSON), so what is stored is exactly what the ORM would store.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
    models.AutoField,
    models.BigAutoField,
    models.PositiveSmallIntegerField,
)


class Row:
    """A record of one new row: ``model`` and the column values as attributes."""

    def __init__(self, model, **values):
        self.model = model
        self.__dict__.update(values)


class Rows:
    """Collects new rows per model; ids continue after the highest existing id of each table."""

    def __init__(self):
        self.by_model: dict[type[models.Model], list[Row]] = defaultdict(list)
        self.next_id: dict[type[models.Model], int] = {}

    def new(self, model: type[models.Model], **values) -> Row:
        if model not in self.next_id:
            self.next_id[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        row = Row(model, id=pk, **values)
        self.by_model[model].append(row)
        return row

    def count(self, model: type[models.Model]) -> int:
        return len(self.by_model.get(model, ()))

    def write(self, order, batch_size: int = 5000, advance=None) -> None:
        """Insert in dependency ``order``; then move PostgreSQL sequences past the explicit ids."""
        now = timezone.now()
        with connection.cursor() as cursor:
            for model in order:
                rows = self.by_model.get(model, [])
                if not rows:
                    continue
                fields = model._meta.concrete_fields
                columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
                table = connection.ops.quote_name(model._meta.db_table)
                placeholders = ", ".join(["%s"] * len(fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from _meta
                converters = [self._converter(f, now) for f in fields]
                for start in range(0, len(rows), batch_size):
                    chunk = rows[start : start + batch_size]
                    cursor.executemany(sql, [tuple(conv(r.__dict__) for conv in converters) for r in chunk])
                    if advance:
                        advance(len(chunk))
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [m for m in order if self.by_model.get(m)]
            ):
                cursor.execute(sql)

    @staticmethod
    def _converter(field: models.Field, now):
        """A function from a row's values to the database value of ``field`` (defaults as the ORM's)."""
        name = field.attname
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = field.get_db_prep_save(now, connection)
            return lambda values: value
        if isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.JSONField):
            default = field.get_default()
            return lambda values: values.get(name, default)
        if isinstance(field, models.DateTimeField):
            prep = lambda value, conn: conn.ops.adapt_datetimefield_value(value)  # noqa: E731
        elif isinstance(field, models.DateField):
            prep = lambda value, conn: conn.ops.adapt_datefield_value(value)  # noqa: E731
        else:
            prep = field.get_db_prep_save

        def convert(values):
            value = values[name] if name in values else field.get_default()
            return None if value is None else prep(value, connection)

        return convert
