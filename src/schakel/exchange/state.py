"""The message history the level-3/4 rules look at, loaded per chunk of messages in a few queries.

:class:`State` is an in-memory index over the stored history (allocations by ToewijzingNummer, starts and
stops by key, requests by ReferentieAanbieder, claim lines by ReferentieNummer, declarations by
DeclaratieNummer, identifications by sender and berichtsoort — reference §10 item 3). The pipeline
prefetches what a chunk refers to, then every accepted message updates the index, so a later message in
the same chunk sees it exactly as if it had been stored.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import Q

DATA = Path(__file__).resolve().parent / "data"


@cache
def cbs_codes() -> frozenset[str]:
    """The CBS gemeentecodes of 2023 and 2024 (``data/cbs-gemeentecodes.csv``), for TR378 (S300)."""
    with open(DATA / "cbs-gemeentecodes.csv", encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


@dataclass
class AllocationView:
    """The fields of a toewijzing the rules need (one row of one query)."""

    pk: int
    gemeente_id: int
    law: str
    number: int
    provider_id: int
    bsn: str
    category: str
    code: str
    start: date
    end: date | None
    volume: int | None
    unit: str
    frequency: str
    budget: int | None
    status: str
    reason: str
    contract_product_id: int | None
    claimed_volume: int = 0
    claimed_cents: int = 0
    claimed_by_month: dict = field(default_factory=dict)

    @property
    def deleted(self) -> bool:
        return self.status == "verwijderd" or self.reason == "13"

    def current_on(self, day: date) -> bool:
        return not self.deleted and self.status == "actief" and (self.end is None or self.end >= day)


@dataclass
class DeliveryView:
    kind: str
    bsn: str
    number: int | None
    begindatum: date
    einddatum: date | None
    reden: str
    deleted: bool = False
    pk: int | None = None


@dataclass
class RequestView:
    referentie: str
    bsn: str
    status: str
    pk: int | None = None


@dataclass
class LineView:
    credit: bool
    status: str
    volume: int


class State:
    """Indexes over the stored history; see the module docstring."""

    def __init__(self, today: date):
        self.today = today
        self.allocations: dict[tuple[int, str, int], AllocationView] = {}
        self.client_allocations: dict[tuple[int, str, str], list[AllocationView]] = defaultdict(list)
        self.deliveries: dict[tuple[int, str, int | None], list[DeliveryView]] = defaultdict(list)
        self.requests: dict[tuple[int, str, str], RequestView] = {}
        self.open_requests: dict[tuple[int, str, str], set[str]] = defaultdict(set)
        self.declarations: set[tuple[int, str, str]] = set()
        #: DeclaratiePeriode begin dates of accepted declarations by (provider, law, gemeente) (TR318)
        self.declaration_periods: dict[tuple[int, str, int], set[date]] = defaultdict(set)
        self.lines: dict[tuple[int, str, str], list[LineView]] = defaultdict(list)
        self.identificaties: set[tuple[str, int, str]] = set()
        self.tariffs: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        self._loaded_allocations: set[tuple[int, str, int]] = set()
        #: our outgoing 301/319 by (gemeente_id, law, soort, BerichtIdentificatie), with their allocation ids,
        #: for the incoming 302/320 that answer them (IV028)
        self.sent: dict[tuple[int, str, str, str], object] = {}
        self.sent_links: dict[int, list[int]] = defaultdict(list)
        self.own_gemeente_codes: frozenset[str] = frozenset()

    # ------------------------------------------------------------------ prefetch

    def prefetch(self, *, keys) -> None:
        """Load what the messages of a chunk refer to. ``keys`` is a :class:`Keys` collected by the pipeline."""
        from schakel.contracts.models import Allocation, ContractTariff

        from .models import DeclarationLine, DeliveryRecord, Message, Request

        if keys.identificaties:
            senders = {s for s, _c, _i in keys.identificaties}
            idents = {i for _s, _c, i in keys.identificaties}
            for sender, code, ident in (
                Message.objects.filter(direction="in", sender__in=senders, identificatie__in=idents)
                .exclude(status="dubbel")
                .values_list("sender", "bericht_code", "identificatie")
            ):
                self.identificaties.add((sender, code, ident))

        cond = Q(pk__in=[])
        if keys.numbers:
            cond |= Q(number__in=keys.numbers)
        if keys.clients:
            cond |= Q(
                provider_id__in={p for p, _l, _b in keys.clients},
                person__bsn__in={b for _p, _l, b in keys.clients},
            )
        rows = (
            Allocation.objects.filter(cond)
            .values_list(
                "pk", "gemeente_id", "law", "number", "provider_id", "person__bsn", "product_category",
                "product_code", "start_date", "end_date", "volume", "unit", "frequency", "budget_cents",
                "status", "reason", "contract_product_id",
            )
        )  # fmt: skip
        new = []
        for row in rows:
            view = AllocationView(*row)
            key = (view.gemeente_id, view.law, view.number)
            if key in self._loaded_allocations:
                continue
            self._loaded_allocations.add(key)
            self.allocations[key] = view
            self.client_allocations[(view.provider_id, view.law, view.bsn)].append(view)
            new.append(view)
        if new:
            by_pk = {v.pk: v for v in new}
            for alloc_id, credit, volume, amount, start in DeclarationLine.objects.filter(
                allocation_id__in=list(by_pk), status="goedgekeurd"
            ).values_list("allocation_id", "credit", "volume", "amount_cents", "period_start"):
                view = by_pk[alloc_id]
                sign = -1 if credit else 1
                view.claimed_volume += sign * volume
                view.claimed_cents += amount
                month = (start.year, start.month)
                view.claimed_by_month[month] = view.claimed_by_month.get(month, 0) + sign * volume
            products = {v.contract_product_id for v in new if v.contract_product_id}
            for product_id, start, end, amount in ContractTariff.objects.filter(
                product_id__in=products
            ).values_list("product_id", "start_date", "end_date", "amount_cents"):
                self.tariffs[product_id].append((start, end, amount))

        if keys.delivery_numbers:
            for row in DeliveryRecord.objects.filter(
                provider_id__in={p for p, _l, _n in keys.delivery_numbers},
                toewijzing_nummer__in={n for _p, _l, n in keys.delivery_numbers},
            ).filter(cancel=False).values_list("provider_id", "law", "toewijzing_nummer", "kind", "bsn", "begindatum",
                                                "einddatum", "reden_beeindiging", "deleted", "pk"):  # fmt: skip
                provider_id, law, number, *rest = row
                self.deliveries[(provider_id, law, number)].append(
                    DeliveryView(rest[0], rest[1], number, *rest[2:])
                )

        if keys.referenties or keys.clients:
            cond = Q(pk__in=[])
            if keys.referenties:
                cond |= Q(referentie__in={r for _p, _l, r in keys.referenties})
            if keys.clients:
                cond |= Q(bsn__in={b for _p, _l, b in keys.clients}, status__in=["open", "onderzoek"])
            for provider_id, law, referentie, bsn, status, pk in Request.objects.filter(cond).values_list(
                "provider_id", "law", "referentie", "bsn", "status", "pk"
            ):
                self._add_request(provider_id, law, RequestView(referentie, bsn, status, pk))

        if keys.declarations:
            from .models import Declaration

            for row in Declaration.objects.filter(
                nummer__in={n for _p, _l, n in keys.declarations}
            ).values_list("provider_id", "law", "nummer"):
                self.declarations.add(row)
            for provider_id, law, gemeente_id, start in (
                Declaration.objects.filter(provider_id__in={p for p, _l, _n in keys.declarations})
                .values_list("provider_id", "law", "gemeente_id", "period_start")
                .distinct()
            ):
                self.declaration_periods[(provider_id, law, gemeente_id)].add(start)

        if keys.line_refs:
            for provider_id, law, ref, credit, status, volume in DeclarationLine.objects.filter(
                referentie__in={r for _p, _l, r in keys.line_refs}
            ).values_list("provider_id", "law", "referentie", "credit", "status", "volume"):
                self.lines[(provider_id, law, ref)].append(LineView(credit, status, volume))

        if keys.sent:
            self._prefetch_sent(keys.sent)

    def _prefetch_sent(self, sent: set) -> None:
        from .models import Message, MessageAllocation

        wanted = set(sent)
        rows = (
            Message.objects.filter(direction="uit", identificatie__in={i for _g, _l, _s, i in wanted})
            .only("pk", "gemeente", "law", "message_type", "identificatie", "status", "codes")
            .order_by("received_at", "id")  # the most recent one wins, as ``.first()`` on the default order
        )
        for message in rows:
            key = (message.gemeente_id, message.law, message.message_type, message.identificatie)
            if key in wanted:
                self.sent[key] = message
        pks = [m.pk for m in self.sent.values()]
        for message_id, allocation_id in MessageAllocation.objects.filter(message_id__in=pks).values_list(
            "message_id", "allocation_id"
        ):
            self.sent_links[message_id].append(allocation_id)

    def _add_request(self, provider_id: int, law: str, view: RequestView) -> None:
        self.requests[(provider_id, law, view.referentie)] = view
        if view.status in ("open", "onderzoek"):
            self.open_requests[(provider_id, law, view.bsn)].add(view.referentie)

    # ------------------------------------------------------------------ lookups

    def allocation(self, gemeente_id: int, law: str, number: int | None) -> AllocationView | None:
        if number is None:
            return None
        return self.allocations.get((gemeente_id, law, number))

    def tariff_on(self, product_id: int | None, day: date) -> int | None:
        for start, end, amount in self.tariffs.get(product_id, ()):
            if start <= day and (end is None or end >= day):
                return amount
        return None


@dataclass
class Keys:
    """What the messages of a chunk refer to (collected before :meth:`State.prefetch`)."""

    identificaties: set = field(default_factory=set)
    numbers: set = field(default_factory=set)
    clients: set = field(default_factory=set)
    delivery_numbers: set = field(default_factory=set)
    referenties: set = field(default_factory=set)
    declarations: set = field(default_factory=set)
    line_refs: set = field(default_factory=set)
    sent: set = field(default_factory=set)
