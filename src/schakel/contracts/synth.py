"""Synthetic providers, contracts and allocations, called by ``synth.services.generate_municipality`` after the
people and cases are written (deterministic by seed; rows written with ``synth.rows.Rows``).

* Twelve fictitious providers (8-digit AGB codes in the 98-range; the AGB code has no check digit, see
  ``core.values.parse_agb``), shared by all synthetic municipalities.
* One contract per provider with the municipality (aanbesteding, open house or subsidie), contracting the
  synthetic Wmo and Jeugdwet products (``synth.vocab.PRODUCTS``) with their variant — eenheid 82/83 is
  outputgericht, the rest inspanningsgericht (reference §4) — two tariff periods (indexation on 1 January),
  plus one taakgericht product with a lump sum and outcome agreements (and result areas on every
  outputgericht product).
* An allocation for about 93 % of the granted Wmo/Jeugdwet products (the rest are "not yet allocated"),
  with the granted Omvang, a ToewijzingNummer per law, no stacking (OP259), history and delivery rows
  (start after the Ingangsdatum, stop after an Einddatum in the past; a few withdrawn).
* The demo user ``aanbieder`` becomes a user of the provider with the most allocations.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from schakel.cases.models import DecisionProduct
from schakel.core.models import User
from schakel.synth.rows import Rows

from .models import (
    Allocation,
    AllocationChange,
    AllocationDelivery,
    AllocationNumber,
    Contract,
    ContractProduct,
    ContractTariff,
    OutcomeAgreement,
    Provider,
    ProviderUser,
    ResultArea,
)
from .services.allocations import NUMBER_BASE
from .vocab import ALLOWED_COMBINATIONS, jeugd_product_codes

#: (AGB code, name, procurement form, laws, relative size)
PROVIDERS = (
    ("98010001", "Zorggroep De Linde", "aanbesteding", ("wmo",), 9),
    ("98010002", "Thuiszorg Het Anker", "aanbesteding", ("wmo",), 7),
    ("98010003", "Stichting Dagbesteding De Boomgaard", "open_house", ("wmo",), 3),
    ("98010004", "Hulpmiddelencentrum Oost", "aanbesteding", ("wmo",), 4),
    ("98010005", "Vervoerscentrale Regio", "aanbesteding", ("wmo",), 3),
    ("98010006", "Jeugdhulp Kompas", "aanbesteding", ("jeugd",), 8),
    ("98010007", "Stichting Jeugdzorg Waterland", "open_house", ("jeugd",), 5),
    ("98010008", "GGZ Jeugd Noord", "open_house", ("jeugd",), 4),
    ("98010009", "Pleegzorg Samen", "aanbesteding", ("jeugd",), 2),
    ("98010010", "Buurtzorg Wijkkracht", "open_house", ("wmo", "jeugd"), 5),
    ("98010011", "Welzijn Op Maat", "subsidie", ("wmo",), 2),
    ("98010012", "Gecertificeerde Instelling Zuid", "aanbesteding", ("jeugd",), 3),
)
#: Tariff in eurocent per unit (this year; last year 3.5 % lower).
TARIFFS = {"01": 110, "04": 6500, "14": 21000, "16": 5600, "82": 95000, "83": 100, "84": 1800}
ALLOCATED_SHARE = 0.93
WITHDRAWN_SHARE = 0.03
STOP_REASON = {"wmo": "19", "jeugd": "31"}  # levering volgens plan beëindigd


class _Rows(Rows):
    """``synth.rows.Rows`` with COPY on PostgreSQL, converters bound to the real connection (not the per-call
    proxy), and dates, timestamps and JSON values adapted once per distinct value (the ~50,000 rows of the
    100k municipality)."""

    def write(self, order, batch_size: int = 5000, advance=None) -> None:
        """PostgreSQL: ``COPY … FROM STDIN`` (several times faster than a pipelined ``executemany``)."""
        conn = connections[DEFAULT_DB_ALIAS]
        if conn.vendor != "postgresql":
            return super().write(order, batch_size=batch_size, advance=advance)
        now = timezone.now()
        with conn.cursor() as cursor:
            for model in order:
                rows = self.by_model.get(model, [])
                if not rows:
                    continue
                fields = model._meta.concrete_fields
                columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
                table = conn.ops.quote_name(model._meta.db_table)
                converters = [self._converter(f, now) for f in fields]
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(conv(row.__dict__) for conv in converters))
            for sql in conn.ops.sequence_reset_sql(no_style(), [m for m in order if self.by_model.get(m)]):
                cursor.execute(sql)
        return None

    @staticmethod
    def _converter(field, now):
        conn = connections[DEFAULT_DB_ALIAS]
        name = field.attname
        auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if auto or not isinstance(field, models.DateField | models.JSONField):
            return Rows._converter(field, now)
        default = field.get_default()
        if isinstance(field, models.JSONField):
            cache: dict[str, object] = {}

            def convert_json(values):
                value = values.get(name, default)
                if value is None:
                    return None
                key = repr(value)
                if key not in cache:
                    cache[key] = field.get_db_prep_save(value, conn)
                return cache[key]

            return convert_json
        adapt = (
            conn.ops.adapt_datetimefield_value
            if isinstance(field, models.DateTimeField)
            else conn.ops.adapt_datefield_value
        )

        adapted: dict = {}  # dates and timestamps repeat a lot (one per day): adapt each value once

        def convert(values):
            value = values.get(name, default)
            if value is None:
                return None
            found = adapted.get(value)
            if found is None:
                found = adapted[value] = adapt(value)
            return found

        return convert


def _products():
    from schakel.synth.vocab import PRODUCTS

    return {law: PRODUCTS[law] for law in ("wmo", "jeugd")}


def _variant(unit: str) -> str:
    return "outputgericht" if unit in ALLOWED_COMBINATIONS["outputgericht"] else "inspanningsgericht"


def _providers() -> list[Provider]:
    existing = {p.agb_code: p for p in Provider.objects.filter(agb_code__in=[p[0] for p in PROVIDERS])}
    result = []
    for agb, name, *_rest in PROVIDERS:
        provider = existing.get(agb)
        if provider is None:
            slug = name.lower().replace(" ", "")[:20]
            provider = Provider.objects.create(
                agb_code=agb,
                name=name,
                contact_name="Afdeling zorgadministratie",
                email=f"zorgadministratie@{slug}.example",
                phone="0201234567",
            )
        result.append(provider)
    return result


def _contracts(rows: Rows, rng, gemeente, providers, today: date):
    """Contracts, contracted products, tariffs, result areas. Returns {(law, code): [(provider, cp_id, w)]}."""
    start = date(today.year - 6, 1, 1)
    this_year = date(today.year, 1, 1)
    offered: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    jz21 = jeugd_product_codes()
    for (agb, name, form, laws, weight), provider in zip(PROVIDERS, providers, strict=True):
        contract = rows.new(
            Contract,
            provider_id=provider.pk,
            gemeente_id=gemeente.pk,
            regio_id=None,
            reference=f"{gemeente.code}-{agb[-3:]}",
            name=f"Overeenkomst {name}",
            procurement_form=form,
            start_date=start,
            end_date=None,
            notes="",
        )
        for law in laws:
            for category, code, description, unit, _frequency, _range, _w in _products()[law]:
                if rng.random() < 0.25 and len(offered[(law, code)]) >= 1:
                    continue  # not every provider contracts every product
                variant = _variant(unit)
                product = rows.new(
                    ContractProduct,
                    contract_id=contract.id,
                    law=law,
                    product_category=category,
                    product_code=code,
                    own_code=law == "jeugd" and not _standard(jz21, code, variant),
                    description=description,
                    variant=variant,
                    unit=unit,
                    frequencies=sorted(ALLOWED_COMBINATIONS[variant][unit]),
                )
                base = TARIFFS[unit]
                rows.new(
                    ContractTariff,
                    product_id=product.id,
                    start_date=start,
                    end_date=this_year - timedelta(days=1),
                    amount_cents=round(base / 1.035),
                )
                rows.new(
                    ContractTariff,
                    product_id=product.id,
                    start_date=this_year,
                    end_date=None,
                    amount_cents=base,
                )
                if variant == "outputgericht":
                    _result_area(rows, product.id, "Doelrealisatie", start)
                offered[(law, code)].append((provider.pk, product.id, weight))
        if form == "subsidie":  # taakgericht: lump sum, no per-client allocation
            product = rows.new(
                ContractProduct,
                contract_id=contract.id,
                law="wmo",
                product_category="09",
                product_code="",
                own_code=False,
                description="Algemene voorziening ontmoeting en preventie",
                variant="taakgericht",
                unit="",
                frequencies=[],
            )
            rows.new(
                ContractTariff,
                product_id=product.id,
                start_date=this_year,
                end_date=None,
                amount_cents=48_000_000,
            )
            _result_area(rows, product.id, "Zelfredzaamheid en participatie", this_year)
    return offered


def _standard(jz21: dict, code: str, variant: str) -> bool:
    """A JZ21 code whose uitvoeringsvariant matches (``synth.vocab`` uses the inspanningsgericht JZ21 codes);
    any other code is contracted as a municipal own code."""
    row = jz21.get(code)
    return row is not None and (row["uitvoeringsvariant"] or variant).lower() == variant


def _result_area(rows: Rows, product_id: int, name: str, start: date) -> None:
    area = rows.new(ResultArea, product_id=product_id, name=name, description="")
    rows.new(
        OutcomeAgreement,
        result_area_id=area.id,
        indicator="doelen_behaald",
        description="Aandeel behaalde plandoelen bij evaluatie",
        target_percent=70,
        start_date=start,
        end_date=None,
    )


def _pick(rng, options):
    return rng.choices(options, weights=[w for *_x, w in options])[0]


def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    rng = random.Random(f"{seed}-contracts")
    providers = _providers()
    rows = _Rows()
    offered = _contracts(rows, rng, gemeente, providers, today)
    granted = (
        DecisionProduct.objects.filter(decision__case__gemeente=gemeente, decision__law__in=("wmo", "jeugd"))
        .exclude(decision__outcome="afgewezen")
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "decision__law",
            "decision__decided_on",
            "product_category",
            "product_code",
            "start_date",
            "end_date",
            "volume",
            "unit",
            "frequency",
        )
    )
    numbers = {"wmo": NUMBER_BASE, "jeugd": NUMBER_BASE}
    taken: dict[tuple[int, str], list[tuple[date, date | None]]] = defaultdict(list)
    per_provider: Counter = Counter()
    tz = timezone.get_current_timezone()
    step = bar.add_task("Toewijzingen", total=len(granted)) if bar else None
    for dp_id, person_id, law, decided, category, code, start, end, volume, unit, frequency in granted:
        if bar:
            bar.advance(step)
        options = offered.get((law, code))
        if not options or rng.random() > ALLOCATED_SHARE:
            continue
        periods = taken[(person_id, code)]
        if any((e is None or start <= e) and (end is None or s <= end) for s, e in periods):
            continue  # OP259: no stacking
        periods.append((start, end))
        provider_id, cp_id, _w = _pick(rng, options)
        numbers[law] += 1
        at = timezone.make_aware(datetime.combine(max(decided, start - timedelta(days=14)), time(10, 0)), tz)
        status, reason = "actief", ""
        if end is not None and end > today and start < today and rng.random() < WITHDRAWN_SHARE:
            status, reason, end = (
                "ingetrokken",
                rng.choice(("02", "07", "09")),
                today - timedelta(days=rng.randint(1, 60)),
            )
            end = max(end, start)
        started = start + timedelta(days=rng.randint(0, 10))
        delivery, started_on, stopped_on, stop_reason = "niet_gestart", None, None, ""
        if started <= today and rng.random() < 0.96:
            delivery, started_on = "gestart", started
            if end is not None and end < today:
                delivery, stopped_on, stop_reason = "gestopt", max(end, started), STOP_REASON[law]
        allocation = rows.new(
            Allocation,
            gemeente_id=gemeente.pk,
            law=law,
            number=numbers[law],
            decision_product_id=dp_id,
            person_id=person_id,
            provider_id=provider_id,
            contract_product_id=cp_id,
            product_category=category,
            product_code=code,
            start_date=start,
            end_date=end,
            volume=volume,
            unit=unit,
            frequency=frequency,
            budget_cents=None,
            status=status,
            reason=reason,
            allocated_at=at,
            referentie_aanbieder="",
            comment="",
            delivery_status=delivery,
            delivery_started_on=started_on,
            delivery_stopped_on=stopped_on,
            delivery_stop_reason=stop_reason,
            approved_claims=0,
            created_by_id=None,
        )
        per_provider[provider_id] += 1
        rows.new(
            AllocationChange,
            allocation_id=allocation.id,
            occurred_at=at,
            kind="toegewezen",
            reason="",
            before={},
            after={},
            summary="Toegewezen (synthetisch)",
            actor_id=None,
        )
        if status == "ingetrokken":
            rows.new(
                AllocationChange,
                allocation_id=allocation.id,
                occurred_at=at + timedelta(days=30),
                kind="ingetrokken",
                reason=reason,
                before={},
                after={},
                summary="Ingetrokken (synthetisch)",
                actor_id=None,
            )
        if started_on:
            rows.new(
                AllocationDelivery,
                allocation_id=allocation.id,
                kind="start",
                date=started_on,
                reason="",
                cancel=False,
                source="synth",
                recorded_at=at + timedelta(days=(started_on - start).days + 14),
            )
        if stopped_on:
            rows.new(
                AllocationDelivery,
                allocation_id=allocation.id,
                kind="stop",
                date=stopped_on,
                reason=stop_reason,
                cancel=False,
                source="synth",
                recorded_at=at + timedelta(days=(stopped_on - start).days + 14),
            )
    rows.write(
        (
            Contract,
            ContractProduct,
            ContractTariff,
            ResultArea,
            OutcomeAgreement,
            Allocation,
            AllocationChange,
            AllocationDelivery,
        )
    )
    for law, last in numbers.items():
        AllocationNumber.objects.update_or_create(gemeente=gemeente, law=law, defaults={"last_number": last})
    demo = User.objects.filter(username="aanbieder").first()
    if demo is not None and per_provider:
        largest = per_provider.most_common(1)[0][0]
        ProviderUser.objects.get_or_create(user=demo, provider_id=largest)
    return {
        "aanbieders": len(providers),
        "contracten": rows.count(Contract),
        "gecontracteerde producten": rows.count(ContractProduct),
        "toewijzingen": rows.count(Allocation),
    }


def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before the people and cases go).

    Providers (shared by municipalities) and their users stay.
    """
    allocations = Allocation.objects.filter(gemeente=gemeente)
    contracts = Contract.objects.filter(gemeente=gemeente)
    for qs in (
        AllocationDelivery.objects.filter(allocation__in=allocations),
        AllocationChange.objects.filter(allocation__in=allocations),
        allocations,
        AllocationNumber.objects.filter(gemeente=gemeente),
        OutcomeAgreement.objects.filter(result_area__product__contract__in=contracts),
        ResultArea.objects.filter(product__contract__in=contracts),
        ContractTariff.objects.filter(product__contract__in=contracts),
        ContractProduct.objects.filter(contract__in=contracts),
        contracts,
    ):
        qs.model.objects.filter(pk__in=list(qs.values_list("pk", flat=True)))._raw_delete(qs.db)
