"""Writing the processing log (verwerkingenlogging).

Every read or change of a person's data goes through :func:`record`. It is modelled on the VNG
Verwerkingenlogging API standard (``Verwerkingsactie``: actie, handeling, verwerkingsactiviteit,
vertrouwelijkheid, bewaartermijn, gebruiker, verwerkte objecten) and the Logius *Logboek
Dataverwerkingen* (trace id, processing activity id, encrypted data-subject id, no sampling).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from .access import policy_for
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
) -> list[ProcessingLogEntry]:
    """Append one entry per subject, in one INSERT. Sampling is not allowed: every subject is logged."""
    register_entry = activity(activity_code)
    context = current_context()
    policy = policy_for(user)
    now = timezone.now()
    categories = list(data_categories)
    roles = ",".join(policy.role_codes())
    entries = [
        ProcessingLogEntry(
            trace_id=context.trace_id,
            timestamp=now,
            action=action,
            operation=operation,
            processing_activity=register_entry,
            confidentiality=register_entry.confidentiality,
            retention_years=register_entry.retention_years,
            user=user if getattr(user, "is_authenticated", False) else None,
            username=getattr(user, "username", "") or "anoniem",
            roles=roles,
            gemeente_id=subject.gemeente_id,
            object_type=subject.object_type,
            object_id=str(subject.object_id),
            subject_hash=subject.pseudonym,
            data_categories=categories,
            result=result,
            channel=context.channel,
            origin=context.origin,
            break_glass_reason=break_glass_reason,
        )
        for subject in subjects
    ]
    if entries:
        ProcessingLogEntry.objects.bulk_create(entries)
    return entries
