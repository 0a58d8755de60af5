"""What an accepted message changes, collected per chunk and written in bulk in the chunk's transaction.

Every collector also updates the in-memory :class:`~schakel.exchange.state.State`, so a later message in
the same chunk is judged against it (e.g. a second 323 with the same DeclaratieNummer, TR333).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections, router

from schakel.core import processing_log
from schakel.core.models import ProcessingLogEntry

from .models import (
    Declaration,
    DeclarationLine,
    DeliveryRecord,
    Message,
    MessageAllocation,
    MessageStatus,
    Request,
)
from .state import DeliveryView, LineView, RequestView

log = logging.getLogger(__name__)
ACTIVITY = "berichtenverkeer-iwmo-ijw"


@dataclass
class Effects:
    now: object
    retours: list[Message] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    deliveries: list[DeliveryRecord] = field(default_factory=list)
    deleted_deliveries: list[int] = field(default_factory=list)
    declarations: list[tuple[Declaration, list[DeclarationLine]]] = field(default_factory=list)
    links: list[tuple[Message, int]] = field(default_factory=list)
    answered: list[Message] = field(default_factory=list)
    subjects: list[tuple[Message, str]] = field(default_factory=list)

    # ------------------------------------------------------------------ 315 / 317

    def vot(self, ctx, message: Message, received) -> None:
        """315: one open request per AangevraagdProduct, with the OP090/OP274 deadlines."""
        from .pipeline import due_dates

        retour_due, answer_due = due_dates(received)
        client = ctx.msg.Client
        for product in client.AangevraagdeProducten:
            detail = {
                "categorie": product.Product.Categorie if product.Product else "",
                "code": (product.Product.Code or "") if product.Product else "",
                "ingangsdatum": product.ToewijzingIngangsdatum.isoformat(),
                "einddatum": product.ToewijzingEinddatum.isoformat() if product.ToewijzingEinddatum else "",
                "volume": product.Omvang.Volume if product.Omvang else None,
                "eenheid": product.Omvang.Eenheid if product.Omvang else "",
                "frequentie": product.Omvang.Frequentie if product.Omvang else "",
                "budget": product.Budget,
                "verwijzer": product.Verwijzer.Type,
            }
            self._request(ctx, message, Request.Kind.VOT, product.ReferentieAanbieder, client.Bsn, detail,
                          retour_due, answer_due)  # fmt: skip
        self.subjects.append((message, client.Bsn))

    def vow(self, ctx, message: Message, received) -> None:
        """317: one open request per Verzoek (the complete desired situation, OP308)."""
        from .pipeline import due_dates

        retour_due, answer_due = due_dates(received)
        client = ctx.msg.Client
        verzoek = client.Verzoek
        detail = {
            "reden": verzoek.RedenVerzoek,
            "ongewijzigd": [p.ToewijzingNummer for p in verzoek.OngewijzigdeProducten],
            "te_wijzigen": [
                {"nummer": p.ToewijzingNummer, "ingangsdatum": p.GewensteIngangsdatum.isoformat(),
                 "einddatum": p.Einddatum.isoformat() if p.Einddatum else "",
                 "volume": p.Omvang.Volume if p.Omvang else None, "budget": p.Budget}
                for p in verzoek.TeWijzigenProducten
            ],
            "nieuw": [
                {"categorie": p.Product.Categorie if p.Product else "", "code": (p.Product.Code or "") if p.Product else "",
                 "ingangsdatum": p.GewensteIngangsdatum.isoformat(),
                 "volume": p.Omvang.Volume if p.Omvang else None, "budget": p.Budget}
                for p in verzoek.NieuweProducten
            ],
        }  # fmt: skip
        self._request(ctx, message, Request.Kind.VOW, verzoek.ReferentieAanbieder, client.Bsn, detail,
                      retour_due, answer_due)  # fmt: skip
        for number in [*detail["ongewijzigd"], *(p["nummer"] for p in detail["te_wijzigen"])]:
            self._link(ctx, message, number)
        self.subjects.append((message, client.Bsn))

    def _request(self, ctx, message, kind, referentie, bsn, detail, retour_due, answer_due) -> None:
        self.requests.append(
            Request(
                message=message, gemeente_id=ctx.gemeente_id, provider_id=ctx.provider_id, law=ctx.law,
                kind=kind, referentie=referentie, bsn=bsn, detail=detail,
                retour_due=retour_due, answer_due=answer_due,
            )
        )  # fmt: skip
        ctx.state._add_request(ctx.provider_id, ctx.law, RequestView(referentie, bsn, "open"))

    def _link(self, ctx, message, number) -> object:
        found = ctx.allocation(number)
        if found is not None:
            self.links.append((message, found.pk))
        return found

    # ------------------------------------------------------------------ 305 / 307

    def delivery(self, ctx, message: Message) -> None:
        """305/307: store the start/stop by key and update the allocation's delivery status through the
        contracts services (regie only: never blocks a claim, OP364)."""
        client = ctx.msg.Client
        state = ctx.state
        for kind, products in (("start", client.StartProducten), ("stop", client.StopProducten)):
            for product in products:
                found = self._link(ctx, message, product.ToewijzingNummer)
                key = (ctx.provider_id, ctx.law, product.ToewijzingNummer)
                reden = getattr(product, "RedenBeeindiging", "") or ""
                einde = getattr(product, "Einddatum", None)
                cancel = product.StatusAanlevering == "3"
                if cancel:
                    for view in state.deliveries.get(key, ()):
                        if (not view.deleted and view.kind == kind and view.begindatum == product.Begindatum
                                and view.bsn == client.Bsn and (kind == "start" or view.reden == reden)):  # fmt: skip
                            view.deleted = True
                            if view.pk is not None:
                                self.deleted_deliveries.append(view.pk)
                            elif getattr(view, "obj", None) is not None:
                                view.obj.deleted = True
                record = DeliveryRecord(
                    message=message, provider_id=ctx.provider_id, law=ctx.law,
                    allocation_id=found.pk if found else None, kind=kind, bsn=client.Bsn,
                    toewijzing_nummer=product.ToewijzingNummer, begindatum=product.Begindatum,
                    einddatum=einde, reden_beeindiging=reden, cancel=cancel, applied=found is None,
                )  # fmt: skip
                self.deliveries.append(record)
                if not cancel:
                    view = DeliveryView(
                        kind, client.Bsn, product.ToewijzingNummer, product.Begindatum, einde, reden
                    )
                    view.obj = record
                    state.deliveries[key].append(view)
        self.subjects.append((message, client.Bsn))

    # ------------------------------------------------------------------ 323

    def declaration(self, ctx, message: Message, outcome) -> int:
        """323: the declaration and every prestatie (approved or rejected); returns the number approved."""
        from .rules.declaration import signed

        decl = ctx.msg.Declaratie
        if any(obj is decl for obj, _r, _c in outcome.failed):
            return 0
        ctx.state.declarations.add((ctx.provider_id, ctx.law, decl.DeclaratieNummer))
        declaration = Declaration(
            message=message, gemeente_id=ctx.gemeente_id, provider_id=ctx.provider_id, law=ctx.law,
            nummer=decl.DeclaratieNummer, period_start=decl.DeclaratiePeriode.Begindatum,
            period_end=decl.DeclaratiePeriode.Einddatum,
            submitted_cents=signed(decl.TotaalIngediendBedrag.TotaalBedrag, decl.TotaalIngediendBedrag.DebetCredit),
        )  # fmt: skip
        lines = []
        approved_count = 0
        for client in decl.Clienten:
            self.subjects.append((message, client.Bsn))
            for p in client.Prestaties:
                ok = p.RetourCodes == ["0200"]
                credit = p.IngediendBedrag.DebetCredit == "C"
                amount = signed(p.IngediendBedrag.Bedrag, p.IngediendBedrag.DebetCredit)
                found = ctx.allocation(p.ToewijzingNummer)
                found = found if found is not None and found.provider_id == ctx.provider_id else None
                lines.append(
                    DeclarationLine(
                        provider_id=ctx.provider_id, law=ctx.law, allocation_id=found.pk if found else None,
                        bsn=client.Bsn, referentie=p.ProductReferentie.ReferentieNummer,
                        vorig_referentie=p.ProductReferentie.VorigReferentieNummer or "",
                        toewijzing_nummer=p.ToewijzingNummer, product_category=p.ProductCategorie,
                        product_code=p.ProductCode, period_start=p.ProductPeriode.Begindatum,
                        period_end=p.ProductPeriode.Einddatum, volume=p.GeleverdVolume, unit=p.Eenheid,
                        tariff_cents=p.ProductTarief, amount_cents=amount, credit=credit,
                        status=DeclarationLine.Status.APPROVED if ok else DeclarationLine.Status.REJECTED,
                        codes=list(p.RetourCodes),
                    )
                )  # fmt: skip
                status = "goedgekeurd" if ok else "afgekeurd"
                ctx.state.lines[(ctx.provider_id, ctx.law, p.ProductReferentie.ReferentieNummer)].append(
                    LineView(credit, status, p.GeleverdVolume)
                )
                if found is not None:
                    self.links.append((message, found.pk))
                if ok:
                    approved_count += 1
                    declaration.approved_cents += amount
                    if found is not None:
                        sign = -1 if credit else 1
                        found.claimed_volume += sign * p.GeleverdVolume
                        found.claimed_cents += amount
                        month = (p.ProductPeriode.Begindatum.year, p.ProductPeriode.Begindatum.month)
                        found.claimed_by_month[month] = (
                            found.claimed_by_month.get(month, 0) + sign * p.GeleverdVolume
                        )
        self.declarations.append((declaration, lines))
        return approved_count

    # ------------------------------------------------------------------ 302 / 320

    def match_retour(self, message: Message, msg) -> None:
        """An incoming 302/320 answers our 301/319 with the BerichtIdentificatie it copies (IV028)."""
        ident = msg.Header.BerichtIdentificatie.Identificatie
        heen = (
            Message.objects.filter(
                direction="uit", gemeente_id=message.gemeente_id, identificatie=ident,
                message_type=msg.kind.heen.soort, law=message.law,
            ).first()
        )  # fmt: skip
        if heen is not None:
            message.retour_of = heen
            heen.codes = sorted(set(_all_codes(msg)))
            self.answered.append(heen)
            for link in MessageAllocation.objects.filter(message=heen).values_list(
                "allocation_id", flat=True
            ):
                self.links.append((message, link))


def _all_codes(msg) -> list[str]:
    codes = list(msg.Header.RetourCodes)
    body = msg.body
    if body is not None:
        for product in getattr(body, "ToegewezenProducten", ()) or ():
            codes.extend(product.RetourCodes)
        codes.extend(getattr(body, "RetourCodes", ()) or ())
    return codes


# ---------------------------------------------------------------------------------------------- write


def apply_effects(effects: Effects, messages: list[Message]) -> None:
    """Write everything of one chunk (called inside the chunk's transaction)."""
    _update_messages(messages)
    insert_rows(Message, effects.retours)
    insert_rows(Request, effects.requests)
    insert_rows(DeliveryRecord, effects.deliveries)
    if effects.deleted_deliveries:
        DeliveryRecord.objects.filter(pk__in=effects.deleted_deliveries).update(deleted=True)
    if effects.declarations:
        created = Declaration.objects.bulk_create([d for d, _lines in effects.declarations], batch_size=500)
        lines = []
        for declaration, (_d, its_lines) in zip(created, effects.declarations, strict=True):
            for line in its_lines:
                line.declaration = declaration
                lines.append(line)
        insert_rows(DeclarationLine, lines)
        _count_claims(lines)
    if effects.links:
        rows = {(m.pk, a) for m, a in effects.links}
        MessageAllocation.objects.bulk_create(
            [MessageAllocation(message_id=m, allocation_id=a) for m, a in rows],
            ignore_conflicts=True,
            batch_size=1000,
        )
    for heen in effects.answered:
        heen.status = MessageStatus.ANSWERED
        heen.save(update_fields=["status", "codes"])
    _log(effects.subjects)


MESSAGE_FIELDS = ("law", "message_type", "bericht_code", "gemeente", "provider", "sender", "receiver",
                  "identificatie", "dagtekening", "status", "codes", "error", "processed_at", "retour_of")  # fmt: skip


def insert_rows(model, objects: list) -> None:
    """INSERT ``objects`` with one ``executemany`` (no primary keys returned): the rows a chunk writes
    and never reads back in the same transaction. Django's bulk_create compiles every value of every row
    through the query compiler, which costs more than the rules."""
    if not objects:
        return
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers from the model's metadata
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _update_messages(messages: list[Message]) -> None:
    """One parametrised UPDATE per message, sent with ``executemany`` (Django's bulk_update builds a CASE
    expression per field and row, which costs more than the rest of the pipeline together)."""
    meta = Message._meta
    connection = connections[router.db_for_write(Message)]
    fields = [meta.get_field(name) for name in MESSAGE_FIELDS]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - identifiers from the model's metadata
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in fields), quote(meta.pk.column)
    )
    rows = [
        [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields] + [m.pk] for m in messages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _count_claims(lines: list[DeclarationLine]) -> None:
    """TR385: tell contracts how many claim lines were approved per allocation (blocks deletion)."""
    from schakel.contracts import services as contracts
    from schakel.contracts.models import Allocation

    counts = Counter(
        line.allocation_id for line in lines if line.status == "goedgekeurd" and line.allocation_id
    )
    if not counts:
        return
    for allocation in Allocation.objects.filter(pk__in=list(counts)).only("pk", "approved_claims"):
        contracts.record_claim_approved(allocation, counts[allocation.pk])


def _log(subjects: list[tuple[Message, str]]) -> None:
    """Processing log: every client whose data arrived in an accepted message (one INSERT per chunk)."""
    if not subjects:
        return
    processing_log.record(
        user=None,
        action=ProcessingLogEntry.Action.CREATE,
        operation="berichtenverkeer.verwerken",
        activity_code=ACTIVITY,
        subjects=[processing_log.Subject("bericht", m.pk, bsn, m.gemeente_id) for m, bsn in subjects],
        data_categories=["cliëntgegevens", "zorggegevens"],
    )
