"""The incoming message pipeline: receive → parse + XSD (level 1) → rules (levels 2–4) → persist → retour.

Reliability (issue 4 "Bad input and reliability"):

* :func:`receive` stores the raw bytes first (status ``ontvangen``); nothing else happens on receipt.
* :func:`process_pending` takes the received messages in chunks. One chunk is ONE transaction: the
  incoming messages' status (the "processed" marker), their retours, requests, starts/stops, claim lines
  and allocation updates are committed together or not at all. A worker killed halfway loses only the
  uncommitted chunk; the next run finds those messages still ``ontvangen`` and processes them once.
  On PostgreSQL the chunk's rows are locked with ``SKIP LOCKED``, so two workers never take the same one.
* A repeated BerichtIdentificatie of the same sender and berichtsoort (TR056) gets a retour 9056 and
  changes nothing else.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, router, transaction
from django.utils import timezone

from schakel.core.deadlines import add_working_days

from . import bulk, xml
from .effects import Effects, apply_effects
from .engine import Ctx, evaluate, mark
from .models import Direction, Message, MessageStatus
from .retour import build_retour
from .state import Keys, State

log = logging.getLogger(__name__)

LAW = {"iwmo": "wmo", "ijw": "jeugd"}
XLAW = {"wmo": "iwmo", "jeugd": "ijw"}
HEEN = frozenset({"305", "307", "315", "317", "323"})
RETOUR = frozenset({"302", "320"})
CHUNK = 250

#: Test hook: called after each message of a chunk is decided (e.g. to simulate a killed worker).
after_message: Callable[[Message], None] | None = None


@dataclass
class Stats:
    received: int = 0
    processed: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    retours: int = 0

    def add(self, status: str) -> None:
        self.processed += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1


# ---------------------------------------------------------------------------------------------- receive


def _new_incoming(raw: bytes, source: str, provider_id: int | None, now) -> dict:
    row = {
        "direction": Direction.IN.value,
        "status": MessageStatus.RECEIVED.value,
        "raw": bytes(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "source": source[:255],
        "provider_id": provider_id,
        "received_at": now,
    }
    if len(raw) > xml.MAX_BYTES:  # OP179: more than 25 MB is refused on receipt (GGk IB007, VECOZO CC03)
        row["raw"] = b""
        row["status"] = MessageStatus.REJECTED.value
        row["error"] = "Het bestand is groter dan 25 MB (OP179) en is niet verwerkt."
        row["processed_at"] = now
    return row


def receive(raw: bytes, *, source: str = "", provider=None) -> Message:
    """Store one incoming message unprocessed (its bytes as received). ``provider``: the authenticated
    provider of the REST transport (the header's Afzender must then be that provider)."""
    return receive_many([(raw, source)], provider=provider)[0]


def receive_many(items: Iterable[tuple[bytes, str]], *, provider=None) -> list[Message]:
    """Store the messages unprocessed in one transaction (keys reserved up front, one COPY/executemany) and
    return them as saved ``Message`` objects."""
    now = timezone.now()
    provider_id = getattr(provider, "pk", None)
    rows = [_new_incoming(raw, source, provider_id, now) for raw, source in items]
    with transaction.atomic():
        for pk, row in zip(bulk.reserve_ids(Message, len(rows)), rows, strict=True):
            row["id"] = pk
        bulk.insert(Message, rows, with_pk=True)
    return [_saved_message(row) for row in rows]


@lru_cache(maxsize=1)
def _message_defaults() -> tuple:
    return tuple((f.attname, f.get_default()) for f in Message._meta.concrete_fields)


def _saved_message(row: dict) -> Message:
    """The stored row as a saved ``Message`` (``from_db`` with every concrete field: Django's fast path;
    the defaults computed once, a mutable one copied per message)."""
    values = [
        row[name] if name in row else (default.copy() if isinstance(default, list | dict) else default)
        for name, default in _message_defaults()
    ]
    return Message.from_db(router.db_for_write(Message), None, values)


# ---------------------------------------------------------------------------------------------- process


def process_pending(
    *, chunk_size: int = CHUNK, limit: int | None = None, today=None, only_ids=None, deliveries: bool = True
) -> Stats:
    """Process received messages, oldest first, one transaction per chunk (see the module docstring).
    ``only_ids`` restricts the run to those messages (the REST transport processes what it received).
    Then (``deliveries``) apply the accepted starts/stops to the allocations (:func:`apply_deliveries`)."""
    stats = Stats()
    parties = _Parties.load()
    while limit is None or stats.processed < limit:
        size = chunk_size if limit is None else min(chunk_size, limit - stats.processed)
        done = _process_chunk(size, parties, stats, today or timezone.localdate(), only_ids)
        if not done:
            break
    if deliveries:
        apply_deliveries()
    return stats


def apply_deliveries(limit: int | None = None) -> int:
    """Apply accepted starts/stops (``DeliveryRecord.applied = False``) to the allocations' delivery status
    through ``contracts.services.record_start`` / ``record_stop``; each record in its own transaction with
    its ``applied`` marker, so an interrupted run resumes without applying anything twice. Start/stop are
    regie only (OP364): a refusal by contracts is noted on the message, the message stays accepted."""
    from django.core.exceptions import ValidationError

    from schakel.contracts import services as contracts

    from .models import DeliveryRecord

    done = 0
    pending = DeliveryRecord.objects.filter(applied=False).order_by("id").values_list("pk", flat=True)
    for pk in list(pending[:limit] if limit else pending):
        with transaction.atomic():
            qs = DeliveryRecord.objects.filter(pk=pk, applied=False).select_related("allocation", "message")
            record = (
                qs.select_for_update(of=("self",)) if connection.features.has_select_for_update else qs
            ).first()
            if record is None:
                continue
            source = f"{record.message.name} {record.message.identificatie}"
            try:
                if record.kind == "start":
                    contracts.record_start(record.allocation, start_date=record.begindatum, source=source,
                                           cancel=record.cancel)  # fmt: skip
                else:
                    contracts.record_stop(record.allocation, end_date=record.einddatum,
                                          reason=record.reden_beeindiging, source=source, cancel=record.cancel)  # fmt: skip
            except ValidationError as exc:
                Message.objects.filter(pk=record.message_id).update(error="; ".join(exc.messages)[:2000])
                log.warning("delivery status not applied for message %s", record.message_id)
            DeliveryRecord.objects.filter(pk=pk).update(applied=True)
            done += 1
    return done


@dataclass
class _Parties:
    gemeenten: dict[str, int]
    providers: dict[str, int]

    @classmethod
    def load(cls) -> _Parties:
        from schakel.contracts.models import Provider
        from schakel.core.models import Gemeente

        return cls(
            dict(Gemeente.objects.values_list("code", "pk")),
            dict(Provider.objects.filter(active=True).values_list("agb_code", "pk")),
        )


@dataclass
class _Item:
    message: Message
    parsed: object = None
    soort: str = ""
    law: str = ""


def _process_chunk(size: int, parties: _Parties, stats: Stats, today, only_ids=None) -> int:
    with transaction.atomic():
        qs = Message.objects.filter(direction=Direction.IN, status=MessageStatus.RECEIVED).order_by("id")
        if only_ids is not None:
            qs = qs.filter(pk__in=list(only_ids))
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        messages = list(qs[:size])
        if not messages:
            return 0
        now = timezone.now()
        state = State(today)
        state.own_gemeente_codes = frozenset(parties.gemeenten)
        effects = Effects(now=now)
        items = [_parse(message, parties, now) for message in messages]
        state.prefetch(keys=_keys(items, parties))
        for item in items:
            if item.parsed is not None:
                _handle(item, state, effects, parties, today, now)
            stats.add(item.message.status)
            if after_message is not None:
                after_message(item.message)
        apply_effects(effects, messages)
        stats.retours += len(effects.retours)
        return len(messages)


def _reject(message: Message, error: str, now) -> None:
    message.status = MessageStatus.REJECTED
    message.error = error[:2000]
    message.processed_at = now


def _parse(message: Message, parties: _Parties, now) -> _Item:
    """Level 1 (XSD, hardened parser) and routing: a failure rejects without a retour (IV032)."""
    item = _Item(message)
    try:
        parsed = xml.parse_message(bytes(message.raw))
    except xml.XmlRejected as exc:
        _reject(message, exc.message, now)
        return item
    soort = parsed.berichtsoort
    header = parsed.Header
    message.law = LAW[parsed.law]
    message.message_type = soort
    message.bericht_code = int(header.BerichtCode)
    # the party that sent it (a retour copies the heenbericht's Afzender/Ontvanger, IV028) and the
    # identification it gave THIS message (IdentificatieRetour in a 302/320): the TR056 key
    message.sender, message.receiver = parsed.aanbieder, parsed.gemeente
    message.identificatie = parsed.sender_identificatie
    message.dagtekening = header.DagtekeningRetour or header.BerichtIdentificatie.Dagtekening
    gemeente_id = parties.gemeenten.get(parsed.gemeente)
    provider_id = parties.providers.get(parsed.aanbieder)
    if soort not in HEEN and soort not in RETOUR:
        _reject(message, f"Een {parsed.name} wordt niet door een aanbieder naar de gemeente gestuurd.", now)
        return item
    if gemeente_id is None:
        _reject(
            message,
            f"Ontvanger {parsed.gemeente} is geen gemeente in Schakel (niet te routeren, IB210).",
            now,
        )
        return item
    message.gemeente_id = gemeente_id
    if provider_id is None:
        _reject(message, f"Afzender {parsed.aanbieder} is geen bekende aanbieder (AGB-code, IB210).", now)
        return item
    if message.provider_id is not None and message.provider_id != provider_id:
        _reject(
            message,
            "De afzender in het bericht is niet de aanbieder die het bericht aanleverde (IB002).",
            now,
        )
        return item
    message.provider_id = provider_id
    item.parsed, item.soort, item.law = parsed, soort, message.law
    return item


def _keys(items: list[_Item], parties: _Parties) -> Keys:
    keys = Keys()
    for item in items:
        msg = item.parsed
        if msg is None:
            continue
        pid, law = item.message.provider_id, item.law
        keys.identificaties.add((msg.aanbieder, int(msg.Header.BerichtCode), msg.sender_identificatie))
        if item.soort in RETOUR:
            ident = msg.Header.BerichtIdentificatie.Identificatie
            keys.sent.add((item.message.gemeente_id, law, msg.kind.heen.soort, ident))
        elif item.soort == "323":
            decl = msg.Declaratie
            keys.declarations.add((pid, law, decl.DeclaratieNummer))
            for client in decl.Clienten:
                for p in client.Prestaties:
                    keys.numbers.add(p.ToewijzingNummer)
                    keys.line_refs.add((pid, law, p.ProductReferentie.ReferentieNummer))
                    if p.ProductReferentie.VorigReferentieNummer:
                        keys.line_refs.add((pid, law, p.ProductReferentie.VorigReferentieNummer))
        elif item.soort in ("305", "307", "315", "317"):
            client = msg.Client
            keys.clients.add((pid, law, client.Bsn))
            for p in (*client.StartProducten, *client.StopProducten):
                keys.numbers.add(p.ToewijzingNummer)
                keys.delivery_numbers.add((pid, law, p.ToewijzingNummer))
            for p in client.AangevraagdeProducten:
                keys.referenties.add((pid, law, p.ReferentieAanbieder))
            if client.Verzoek is not None:
                keys.referenties.add((pid, law, client.Verzoek.ReferentieAanbieder))
    return keys


def _handle(item: _Item, state: State, effects: Effects, parties: _Parties, today, now) -> None:
    message, msg, soort = item.message, item.parsed, item.soort
    message.processed_at = now
    key = (msg.aanbieder, int(msg.Header.BerichtCode), msg.sender_identificatie)
    if key in state.identificaties and soort in RETOUR:  # TR056 for a retour: kept, nothing changes
        message.status = MessageStatus.DUPLICATE
        message.codes = ["9056"]
        return
    if soort in RETOUR:
        state.identificaties.add(key)
        effects.match_retour(message, msg, state)
        message.status = MessageStatus.APPROVED
        message.codes = list(msg.Header.RetourCodes)
        return
    if key in state.identificaties:  # TR056: a repeat changes nothing and is answered with 9056
        message.status = MessageStatus.DUPLICATE
        message.codes = ["9056"]
        effects.retours.append(build_retour(msg, message, ["9056"], today))
        return
    ctx = Ctx(msg, soort, item.law, message.gemeente_id, message.provider_id, today, state)
    outcome = evaluate(ctx)
    state.identificaties.add(key)
    header_codes = sorted({code for obj, _r, code in outcome.failed if obj is msg.Header})
    if outcome.level2 or header_codes:
        message.status = MessageStatus.DECLINED
        message.codes = outcome.codes if outcome.level2 else header_codes
        message.error = ", ".join(outcome.level2)
        effects.retours.append(build_retour(msg, message, message.codes, today))
        return
    mark(ctx, outcome)
    if soort == "323":
        approved = effects.declaration(ctx, message, outcome)
        declined_whole = any(obj is msg.Declaratie for obj, _r, _c in outcome.failed)
        if declined_whole or approved == 0:
            message.status = MessageStatus.DECLINED
        elif outcome.failed:
            message.status = MessageStatus.PARTIAL
        else:
            message.status = MessageStatus.APPROVED
        message.codes = outcome.codes or ["0200"]
        effects.retours.append(build_retour(msg, message, ["0200"], today, outcome=outcome))
        return
    if outcome.failed:
        message.status = MessageStatus.DECLINED
        message.codes = outcome.codes
        effects.retours.append(build_retour(msg, message, ["0200"], today, outcome=outcome))
        return
    message.status = MessageStatus.APPROVED
    message.codes = ["0200"]
    received = timezone.localdate(message.received_at)
    if soort == "315":
        effects.vot(ctx, message, received)
    elif soort == "317":
        effects.vow(ctx, message, received)
    elif soort in ("305", "307"):
        effects.delivery(ctx, message)
    effects.retours.append(build_retour(msg, message, ["0200"], today))


@lru_cache(maxsize=64)
def due_dates(received) -> tuple:
    """OP090 (retour within 3 werkdagen) and OP274/OP346 (answer within 5 werkdagen)."""
    return add_working_days(received, 3), add_working_days(received, 5)
