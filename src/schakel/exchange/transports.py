"""Transports, kept apart from the domain model and the rules (reference §9):

* a batch folder: :func:`import_folder` receives every ``*.xml`` file (a GGk envelope is unwrapped) and
  moves it to ``verwerkt/``; a file already received (same name and SHA-256) is skipped, so re-running an
  import after a crash does not receive it twice; :func:`export_folder` writes every outgoing message
  that is ready (optionally wrapped in a GGk Di01/Du01 envelope) and marks it sent;
* REST for providers: :mod:`schakel.exchange.api`;
* the GGk StUF envelope: :func:`unwrap_if_envelope` / :func:`envelope` (the codec's ``unwrap``/``wrap``).

Maximum 25 MB per file (OP179).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from . import pipeline, services, xml
from .models import Direction, Message, MessageStatus

GGK_ROOTS = (b"ggk0310", b"Di01", b"Du01")


@dataclass
class ImportResult:
    received: int = 0
    skipped: int = 0
    rejected: int = 0


def unwrap_if_envelope(data: bytes) -> bytes:
    """The iWmo/iJw payload of a GGk envelope, or ``data`` itself when it is not an envelope."""
    head = data[:600]
    if b"stuurgegevens" in data[:4000] and any(root in head for root in GGK_ROOTS):
        try:
            return xml.unwrap(data, validate_payload=False)
        except xml.XmlRejected:
            return data
    return data


def envelope(message: Message) -> bytes:
    """The message wrapped in a GGk ggk0310 Di01 (heenbericht) or Du01 (retour) envelope."""
    crossref = None
    if message.retour_of_id:
        crossref = _uuid_for(message.retour_of)
    return xml.wrap(bytes(message.raw), zender=message.gemeente.code if message.gemeente_id else message.sender,
                    ontvanger=message.receiver, crossrefnummer=crossref)  # fmt: skip


def _uuid_for(message: Message) -> str:
    import uuid

    return str(uuid.UUID(hashlib.sha256(f"schakel-{message.pk}".encode()).hexdigest()[:32], version=4))


def import_folder(folder: Path, *, process: bool = True) -> ImportResult:
    """Receive every ``*.xml`` in ``folder`` (see the module docstring) and process them."""
    folder = Path(folder)
    done = folder / "verwerkt"
    done.mkdir(exist_ok=True)
    result = ImportResult()
    items: list[tuple[bytes, str]] = []
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
    known = set(
        Message.objects.filter(direction=Direction.IN, source__in=[p.name for p in files]).values_list(
            "source", "sha256"
        )
    )
    for path in files:
        if path.stat().st_size > xml.MAX_BYTES:
            items.append((b"x" * (xml.MAX_BYTES + 1), path.name))  # recorded as rejected (OP179), not read
            continue
        raw = unwrap_if_envelope(path.read_bytes())
        if (path.name, hashlib.sha256(raw).hexdigest()) in known:
            result.skipped += 1
        else:
            items.append((raw, path.name))
    for start in range(0, len(items), 500):
        pipeline.receive_many(items[start : start + 500])
    result.received = len(items)
    for path in files:
        path.replace(done / path.name)
    if process:
        pipeline.process_pending()
    result.rejected = Message.objects.filter(
        source__in=[n for _r, n in items], status=MessageStatus.REJECTED
    ).count()
    return result


def export_folder(folder: Path, *, wrap: bool = False) -> int:
    """Write every outgoing message that is ready to ``folder`` (``<name>-<identificatie>.xml``) and mark
    them sent. Returns how many."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    messages = list(
        Message.objects.filter(direction=Direction.OUT, status=MessageStatus.READY)
        .select_related("gemeente", "retour_of")
        .order_by("id")
    )
    with transaction.atomic():
        for message in messages:
            data = envelope(message) if wrap else bytes(message.raw)
            (folder / f"{message.name}-{message.identificatie}.xml").write_bytes(data)
        services.mark_sent(messages)
    return len(messages)
