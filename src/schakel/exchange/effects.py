"""What an accepted message changes, collected per chunk and written in bulk in the chunk's transaction.

Every collector also updates the in-memory :class:`~schakel.exchange.state.State`, so a later message in
the same chunk is judged against it (e.g. a second 323 with the same DeclaratieNummer, TR333).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from schakel.core import processing_log
from schakel.core.models import ProcessingLogEntry

from . import bulk
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
    """The rows of one chunk, as dicts of model attributes (written by :mod:`.bulk`, no model instances)."""

    now: object
    retours: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    deliveries: list[dict] = field(default_factory=list)
    deleted_deliveries: list[int] = field(default_factory=list)
    declarations: list[tuple[dict, list[dict]]] = field(default_factory=list)
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
            {
                "message_id": message.pk, "gemeente_id": ctx.gemeente_id, "provider_id": ctx.provider_id,
                "law": ctx.law, "kind": kind, "referentie": referentie, "bsn": bsn, "detail": detail,
                "retour_due": retour_due, "answer_due": answer_due,
            }
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
                                view.obj["deleted"] = True
                record = {
                    "message_id": message.pk, "provider_id": ctx.provider_id, "law": ctx.law,
                    "allocation_id": found.pk if found else None, "kind": kind, "bsn": client.Bsn,
                    "toewijzing_nummer": product.ToewijzingNummer, "begindatum": product.Begindatum,
                    "einddatum": einde, "reden_beeindiging": reden, "deleted": False, "cancel": cancel,
                    "applied": found is None,
                }  # fmt: skip
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
        ctx.state.declaration_periods[(ctx.provider_id, ctx.law, ctx.gemeente_id)].add(
            decl.DeclaratiePeriode.Begindatum
        )
        declaration = {
            "message_id": message.pk, "gemeente_id": ctx.gemeente_id, "provider_id": ctx.provider_id,
            "law": ctx.law, "nummer": decl.DeclaratieNummer, "period_start": decl.DeclaratiePeriode.Begindatum,
            "period_end": decl.DeclaratiePeriode.Einddatum, "approved_cents": 0,
            "submitted_cents": signed(decl.TotaalIngediendBedrag.TotaalBedrag, decl.TotaalIngediendBedrag.DebetCredit),
        }  # fmt: skip
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
                    {
                        "provider_id": ctx.provider_id, "law": ctx.law, "allocation_id": found.pk if found else None,
                        "bsn": client.Bsn, "referentie": p.ProductReferentie.ReferentieNummer,
                        "vorig_referentie": p.ProductReferentie.VorigReferentieNummer or "",
                        "toewijzing_nummer": p.ToewijzingNummer, "product_category": p.ProductCategorie,
                        "product_code": p.ProductCode or "", "period_start": p.ProductPeriode.Begindatum,
                        "period_end": p.ProductPeriode.Einddatum, "volume": p.GeleverdVolume, "unit": p.Eenheid,
                        "tariff_cents": p.ProductTarief, "amount_cents": amount, "credit": credit,
                        "status": "goedgekeurd" if ok else "afgekeurd", "codes": list(p.RetourCodes),
                    }
                )  # fmt: skip
                status = "goedgekeurd" if ok else "afgekeurd"
                ctx.state.lines[(ctx.provider_id, ctx.law, p.ProductReferentie.ReferentieNummer)].append(
                    LineView(credit, status, p.GeleverdVolume)
                )
                if found is not None:
                    self.links.append((message, found.pk))
                if ok:
                    approved_count += 1
                    declaration["approved_cents"] += amount
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

    def match_retour(self, message: Message, msg, state) -> None:
        """An incoming 302/320 answers our 301/319 with the BerichtIdentificatie it copies (IV028); the
        sent messages of the chunk were loaded by :meth:`State.prefetch` (no query per message)."""
        ident = msg.Header.BerichtIdentificatie.Identificatie
        heen = state.sent.get((message.gemeente_id, message.law, msg.kind.heen.soort, ident))
        if heen is not None:
            message.retour_of = heen
            heen.codes = sorted(set(_all_codes(msg)))
            heen.status = MessageStatus.ANSWERED
            self.answered.append(heen)
            for link in state.sent_links.get(heen.pk, ()):
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
    """Write everything of one chunk (called inside the chunk's transaction), set-based (:mod:`.bulk`)."""
    bulk.update(Message, MESSAGE_FIELDS, messages)
    bulk.insert(Message, effects.retours)
    bulk.insert(Request, effects.requests)
    bulk.insert(DeliveryRecord, effects.deliveries)
    if effects.deleted_deliveries:
        DeliveryRecord.objects.filter(pk__in=effects.deleted_deliveries).update(deleted=True)
    if effects.declarations:
        ids = bulk.reserve_ids(Declaration, len(effects.declarations))
        lines = []
        for pk, (declaration, its_lines) in zip(ids, effects.declarations, strict=True):
            declaration["id"] = pk
            for line in its_lines:
                line["declaration_id"] = pk
                lines.append(line)
        bulk.insert(Declaration, [d for d, _lines in effects.declarations], with_pk=True)
        bulk.insert(DeclarationLine, lines)
        _count_claims(lines)
    if effects.links:
        rows = sorted({(m.pk, a) for m, a in effects.links})
        bulk.insert(
            MessageAllocation, [{"message_id": m, "allocation_id": a} for m, a in rows], conflict_ignore=True
        )
    bulk.update(Message, ("status", "codes"), list({id(m): m for m in effects.answered}.values()))
    _log(effects.subjects)


#: The attributes of an incoming message the pipeline decides (written back with one UPDATE per row).
MESSAGE_FIELDS = ("law", "message_type", "bericht_code", "gemeente_id", "provider_id", "sender", "receiver",
                  "identificatie", "dagtekening", "status", "codes", "error", "processed_at", "retour_of_id")  # fmt: skip


def _count_claims(lines: list[dict]) -> None:
    """TR385: tell contracts how many claim lines were approved per allocation (blocks deletion)."""
    from schakel.contracts import services as contracts

    counts = Counter(
        line["allocation_id"] for line in lines if line["status"] == "goedgekeurd" and line["allocation_id"]
    )
    if counts:
        contracts.record_claims_approved(dict(counts))


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
