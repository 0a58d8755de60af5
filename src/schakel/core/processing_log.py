"""Writing the processing log (verwerkingenlogging).

Every read or change of a person's data goes through :func:`record`. It is modelled on the VNG
Verwerkingenlogging API standard (``Verwerkingsactie``: actie, handeling, verwerkingsactiviteit,
vertrouwelijkheid, bewaartermijn, gebruiker, verwerkte objecten) and the Logius *Logboek
Dataverwerkingen* (trace id, processing activity id, encrypted data-subject id, no sampling).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, router, transaction
from django.utils import timezone

from .access import policy_for
from .ids import uuid7
from .models import ProcessingActivity, ProcessingLogEntry
from .pseudonym import pseudonymise
from .request_context import current_context


class UnknownProcessingActivity(LookupError):
    """A view names a processing activity that is not in the register (a configuration error)."""


@dataclass(frozen=True)
class Subject:
    """One processed object: type, id, the person's BSN (hashed before storage) and its municipality.

    Where only the keyed hash is known (e.g. the privacy officer's person filter), pass ``subject_hash``.
    """

    object_type: str
    object_id: str | int
    bsn: str = ""
    gemeente_id: int | None = None
    subject_hash: str = ""

    @property
    def pseudonym(self) -> str:
        return pseudonymise(self.bsn) if self.bsn else self.subject_hash


_activity_cache: dict[str, ProcessingActivity] = {}


def activity(code: str) -> ProcessingActivity:
    cached = _activity_cache.get(code)
    if cached is not None:
        return cached
    try:
        found = ProcessingActivity.objects.get(code=code, active=True)
    except ProcessingActivity.DoesNotExist:
        raise UnknownProcessingActivity(
            f"Verwerkingsactiviteit '{code}' staat niet in het register. Laad de configuratie met "
            "`schakel setup_configuration`."
        )
    _activity_cache[code] = found
    return found


def clear_cache() -> None:
    _activity_cache.clear()


#: Columns written by :func:`record`, in order (the table's other column is its primary key).
_COLUMNS = (
    "action_id",
    "trace_id",
    "timestamp",
    "action",
    "operation",
    "processing_activity_id",
    "confidentiality",
    "retention_years",
    "user_id",
    "username",
    "roles",
    "gemeente_id",
    "object_type",
    "object_id",
    "subject_hash",
    "data_categories",
    "result",
    "channel",
    "origin",
    "break_glass_reason",
)


#: Rows per INSERT statement (well under SQLite's limit of 32,766 parameters).
_CHUNK = 500
#: From this many rows PostgreSQL gets them through COPY (a page's 50–150 rows stay one INSERT).
_COPY_FROM = 200


def record(
    *,
    user,
    action: str,
    operation: str,
    activity_code: str,
    subjects: Iterable[Subject],
    data_categories: Iterable[str] = (),
    result: str = ProcessingLogEntry.Result.SUCCESS,
    break_glass_reason: str = "",
) -> int:
    """Append one entry per subject, in one INSERT, and return how many. Sampling is not allowed: every
    subject is logged.

    Written as a multi-row INSERT rather than through model instances: a list page logs 50–150 persons
    per request, and the log must not be what makes a page slow.
    """
    subjects = list(subjects)
    if not subjects:
        return 0
    register_entry = activity(activity_code)
    context = current_context()
    policy = policy_for(user)
    meta = ProcessingLogEntry._meta
    connection = connections[router.db_for_write(ProcessingLogEntry)]

    def prep(name: str, value):
        return meta.get_field(name).get_db_prep_save(value, connection)

    authenticated = getattr(user, "is_authenticated", False)
    shared = {
        "trace_id": context.trace_id,
        "timestamp": prep("timestamp", timezone.now()),
        "action": action,
        "operation": operation,
        "processing_activity_id": register_entry.pk,
        "confidentiality": register_entry.confidentiality,
        "retention_years": register_entry.retention_years,
        "user_id": user.pk if authenticated else None,
        "username": getattr(user, "username", "") or "anoniem",
        "roles": ",".join(policy.role_codes()),
        "data_categories": prep("data_categories", list(data_categories)),
        "result": result,
        "channel": context.channel,
        "origin": context.origin,
        "break_glass_reason": break_glass_reason,
    }
    action_id = meta.get_field("action_id")
    rows = []
    for subject in subjects:
        values = {
            **shared,
            "action_id": action_id.get_db_prep_save(uuid7(), connection),
            "gemeente_id": subject.gemeente_id,
            "object_type": subject.object_type,
            "object_id": str(subject.object_id),
            "subject_hash": subject.pseudonym,
        }
        rows.append([values[column] for column in _COLUMNS])
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(c) for c in _COLUMNS)
    # Identifiers come from the model's own metadata, values are parameters: no injection vector.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > _COPY_FROM:
            # COPY: no statement with thousands of parameters to bind and plan (a batch of 250 incoming
            # messages logged in ~90 ms as one INSERT).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return len(rows)
        # One multi-row INSERT per chunk, in one transaction: one round trip, one commit in SQLite.
        head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 - identifiers from model metadata
        group = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            cursor.execute(head + ", ".join([group] * len(chunk)), [v for row in chunk for v in row])
    return len(rows)
