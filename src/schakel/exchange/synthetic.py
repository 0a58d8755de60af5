"""Deterministic synthetic incoming messages (305, 307, 315, 317, 323) for tests and the benchmark.

Built with the codec's typed model (:mod:`schakel.exchange.xml`), so every message is XSD-valid unless a
violation is asked for. :func:`batch` mixes the five kinds over a set of allocations and injects a chosen
share of rule violations (each one triggering a known retour code), so a benchmark or test knows what
to expect.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from . import xml

XLAW = {"wmo": "iwmo", "jeugd": "ijw"}


@dataclass(frozen=True)
class Target:
    """What a synthetic message needs to know of one allocation (plain values, no ORM)."""

    gemeente_code: str
    agb: str
    law: str
    number: int
    bsn: str
    category: str
    code: str
    start: date
    end: date | None
    volume: int | None
    unit: str
    frequency: str
    tariff: int | None


def targets_for(allocations) -> list[Target]:
    """:class:`Target` values for allocations (``select_related`` gemeente, provider, person)."""
    from schakel.contracts.services import tariff_on

    out = []
    for a in allocations:
        out.append(
            Target(
                a.gemeente.code, a.provider.agb_code, a.law, a.number, a.person.bsn, a.product_category,
                a.product_code, a.start_date, a.end_date, a.volume, a.unit or "04", a.frequency or "4",
                tariff_on(a.contract_product, a.start_date) if a.contract_product_id else None,
            )
        )  # fmt: skip
    return out


def _header(law: str, soort: str, afzender: str, ontvanger: str, ident: str, day: date):
    return xml.new_header(
        xml.kind(XLAW[law], soort),
        afzender=afzender,
        ontvanger=ontvanger,
        identificatie=ident,
        dagtekening=day,
    )


def _naam() -> xml.Naam:
    return xml.Naam(Geslachtsnaam=xml.Achternaam(Achternaam="Jansen"), Voorletters="J")


def _client(bsn: str, **kwargs) -> xml.Client:
    return xml.Client(
        Bsn=bsn, Geboortedatum=xml.Geboortedatum(Datum=date(1950, 1, 1)), Geslacht="0", Naam=_naam(), **kwargs
    )


def _product(t: Target) -> xml.Product:
    return xml.Product(Categorie=t.category, Code=t.code or None)


def start_message(
    t: Target, ident: str, day: date, *, begin: date | None = None, status: str = "1"
) -> xml.Message:
    """A 305 for the allocation ``t`` (Begindatum = its Ingangsdatum unless given)."""
    product = xml.StartProduct(
        ToewijzingNummer=t.number, Product=_product(t), ToewijzingIngangsdatum=t.start,
        Begindatum=begin or t.start, StatusAanlevering=status,
    )  # fmt: skip
    return xml.Message(
        law=XLAW[t.law], berichtsoort="305", Header=_header(t.law, "305", t.agb, t.gemeente_code, ident, day),
        Client=_client(t.bsn, StartProducten=[product]),
    )  # fmt: skip


def stop_message(
    t: Target, ident: str, day: date, *, begin=None, end=None, reason: str = "02", status: str = "1"
) -> xml.Message:
    """A 307 for the allocation ``t``."""
    begin = begin or t.start
    product = xml.StopProduct(
        ToewijzingNummer=t.number, Product=_product(t), ToewijzingIngangsdatum=t.start, Begindatum=begin,
        RedenBeeindiging=reason, Einddatum=end or begin + timedelta(days=30), StatusAanlevering=status,
    )  # fmt: skip
    return xml.Message(
        law=XLAW[t.law], berichtsoort="307", Header=_header(t.law, "307", t.agb, t.gemeente_code, ident, day),
        Client=_client(t.bsn, StopProducten=[product]),
    )  # fmt: skip


def vot_message(
    t: Target, ident: str, day: date, *, referentie: str, category: str | None = None, code: str | None = None
) -> xml.Message:
    """A 315 (verzoek om toewijzing) for the client of ``t``."""
    category = category or t.category
    code = code if code is not None else (t.code or None)
    product = xml.AangevraagdProduct(
        ReferentieAanbieder=referentie, Product=xml.Product(Categorie=category, Code=code),
        ToewijzingIngangsdatum=day + timedelta(days=14), ToewijzingEinddatum=day + timedelta(days=180),
        Omvang=xml.Omvang(Volume=3, Eenheid="04", Frequentie="2") if code else None,
        Verwijzer=xml.Verwijzer(Type="01", Naam="Gemeente"),
    )  # fmt: skip
    return xml.Message(
        law=XLAW[t.law], berichtsoort="315", Header=_header(t.law, "315", t.agb, t.gemeente_code, ident, day),
        Client=_client(t.bsn, AangevraagdeProducten=[product]),
    )  # fmt: skip


def vow_message(
    t: Target, ident: str, day: date, *, referentie: str, unchanged=None, new_code=True
) -> xml.Message:
    """A 317 (verzoek om wijziging): ``t`` unchanged (unless ``unchanged`` says otherwise) plus a new product."""
    numbers = [t.number] if unchanged is None else unchanged
    nieuw = xml.NieuwProduct(
        Product=xml.Product(Categorie=t.category, Code=t.code or None) if new_code else None,
        GewensteIngangsdatum=day + timedelta(days=14), Einddatum=day + timedelta(days=120),
        Omvang=xml.Omvang(Volume=2, Eenheid="04", Frequentie="2") if new_code and t.code else None,
    )  # fmt: skip
    verzoek = xml.Verzoek(
        ReferentieAanbieder=referentie, RedenVerzoek="1",
        OngewijzigdeProducten=[xml.OngewijzigdProduct(ToewijzingNummer=n) for n in numbers], NieuweProducten=[nieuw],
    )  # fmt: skip
    return xml.Message(
        law=XLAW[t.law], berichtsoort="317", Header=_header(t.law, "317", t.agb, t.gemeente_code, ident, day),
        Client=xml.Client(Bsn=t.bsn, Verzoek=verzoek),
    )  # fmt: skip


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def prestatie(t: Target, referentie: str, month: date, *, volume: int = 1, tariff: int | None = None, credit=False,
              category=None, code=None, begin=None, end=None, previous=None, bedrag=None) -> xml.Prestatie:  # fmt: skip
    """One prestatie on allocation ``t`` for the month of ``month``."""
    first, last = month_of(month)
    begin = begin or max(first, t.start)
    end = end or (min(last, t.end) if t.end else last)
    euros = t.unit == "83"
    tariff = None if euros else (tariff if tariff is not None else (t.tariff or 1000))
    amount = bedrag if bedrag is not None else (volume if euros else volume * tariff)
    return xml.Prestatie(
        ProductReferentie=xml.ProductReferentie(ReferentieNummer=referentie, VorigReferentieNummer=previous),
        ToewijzingNummer=t.number, ProductCategorie=category or t.category, ProductCode=code or t.code or "00000",
        ProductPeriode=xml.Periode(Begindatum=begin, Einddatum=end), GeleverdVolume=volume, Eenheid=t.unit,
        ProductTarief=tariff, IngediendBedrag=xml.BedragMetDC(Bedrag=amount, DebetCredit="C" if credit else "D"),
    )  # fmt: skip


def claim_message(t: Target, ident: str, day: date, nummer: str, month: date, prestaties) -> xml.Message:
    """A 323 for the month of ``month`` with ``prestaties`` (all of the client of ``t``)."""
    first, last = month_of(month)
    total = sum(-p.IngediendBedrag.Bedrag if p.IngediendBedrag.DebetCredit == "C" else p.IngediendBedrag.Bedrag
                for p in prestaties)  # fmt: skip
    decl = xml.Declaratie(
        DeclaratieNummer=nummer, DeclaratiePeriode=xml.Periode(Begindatum=first, Einddatum=last),
        DeclaratieDagtekening=day,
        TotaalIngediendBedrag=xml.TotaalBedragMetDC(TotaalBedrag=abs(total), DebetCredit="C" if total < 0 else "D"),
        Clienten=[xml.Client(Bsn=t.bsn, Prestaties=list(prestaties))],
    )  # fmt: skip
    return xml.Message(
        law=XLAW[t.law], berichtsoort="323", Header=_header(t.law, "323", t.agb, t.gemeente_code, ident, day),
        Declaratie=decl,
    )  # fmt: skip


def encode(message: xml.Message) -> bytes:
    return xml.build_message(message)


# ---------------------------------------------------------------------------------------------- batches

#: The violations :func:`batch` can inject, with the retour code each one triggers.
VIOLATIONS = {
    "unknown_allocation": "9019",  # 305 on a ToewijzingNummer that does not exist
    "duplicate_ident": "9056",  # a repeated BerichtIdentificatie
    "wrong_category": "9339",  # 323 prestatie with another category
    "wrong_tariff": "0611",  # 323 with a tariff other than the contract's
    "future_dagtekening": "8848",  # dagtekening after the system date
    "declaration_shape": "0001",  # 323 whose total is not the sum of its lines (TR358)
}


def batch(targets: list[Target], count: int, *, today: date, violation_share: float = 0.1, seed: int = 1,
          kinds=("305", "307", "315", "317", "323")) -> list[tuple[bytes, str | None]]:  # fmt: skip
    """``count`` messages (XML bytes, expected violation code or None), mixed over ``kinds`` and ``targets``.

    Each target gets at most one start, one stop, one VOT, one VOW and claims for different months, so the
    valid ones are valid against each other too (keys and references unique)."""
    rng = random.Random(seed)
    out: list[tuple[bytes, str | None]] = []
    used: dict[tuple[int, str], int] = {}
    names = sorted(VIOLATIONS)
    for i in range(count):
        t = targets[i % len(targets)]
        kind = kinds[(i // len(targets)) % len(kinds)] if len(targets) < count else kinds[i % len(kinds)]
        n = used.get((i % len(targets), kind), 0)
        used[(i % len(targets), kind)] = n + 1
        ident = f"{kind}{i:09d}"[:12]
        violation = names[rng.randrange(len(names))] if rng.random() < violation_share else None
        day = today
        if violation == "future_dagtekening":
            day = today + timedelta(days=3)
        tag = f"{t.number}-{n}"
        if kind == "305":
            number = 999_999_999 if violation == "unknown_allocation" else t.number
            t2 = Target(**{**t.__dict__, "number": number})
            msg = start_message(t2, ident, day, begin=t.start + timedelta(days=n))
        elif kind == "307":
            msg = stop_message(
                t, ident, day, begin=t.start + timedelta(days=n), end=t.start + timedelta(days=n + 20)
            )
        elif kind == "315":
            msg = vot_message(t, ident, day, referentie=f"VOT{tag}")
        elif kind == "317":
            msg = vow_message(t, ident, day, referentie=f"VOW{tag}")
        else:
            month = _month_back(today, n + 1)
            month = max(month, t.start.replace(day=1))
            p = prestatie(t, f"RN{tag}", month, volume=1,
                          category=("99" if violation == "wrong_category" else None),
                          tariff=((t.tariff or 1000) + 1 if violation == "wrong_tariff" else None))  # fmt: skip
            msg = claim_message(t, ident, day, f"D{tag}"[:12], month, [p])
            if violation == "declaration_shape":
                msg.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 1
        if violation in ("wrong_category", "wrong_tariff", "declaration_shape") and kind != "323":
            violation = None
        if violation == "unknown_allocation" and kind != "305":
            violation = None
        if violation == "duplicate_ident" and out:
            previous = out[-1][0]
            out.append((previous, "9056"))
            continue
        out.append((encode(msg), VIOLATIONS.get(violation) if violation else None))
    return out


def _month_back(day: date, months: int) -> date:
    year, month = day.year, day.month - months
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)
