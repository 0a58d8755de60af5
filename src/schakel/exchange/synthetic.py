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


#: RedenBeeindiging "in overeenstemming voortijdig beëindigd": the codes differ per law (WMO588 23, JZ588 34).
EARLY_STOP = {"wmo": "23", "jeugd": "34"}


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


def other_category(t: Target) -> str:
    """A valid ProductCategorie of the allocation's law (so the XSD accepts it) that is not the allocation's
    own: the prestatie then violates TR339, not the schema."""
    choices = ("02", "03") if t.law == "wmo" else ("45", "46")
    return choices[0] if t.category != choices[0] else choices[1]


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

#: The violations :func:`batch` can inject, with the retour code each one triggers and the kinds it applies to.
VIOLATIONS = {
    "unknown_allocation": ("9019", ("307",)),  # a stop on a ToewijzingNummer that does not exist (TR019)
    "duplicate_ident": ("9056", ("307", "315", "317", "323")),  # the previous message again (TR056)
    "wrong_category": ("9339", ("323",)),  # a prestatie with another category (TR339)
    "wrong_tariff": ("0611", ("323",)),  # a tariff other than the contract's (TR418)
    "future_dagtekening": ("8848", ("307", "315", "317", "323")),  # dagtekening after the system date (TR135)
    "declaration_shape": ("0001", ("323",)),  # the total is not the sum of the lines (TR358)
}


def bsn_for(n: int) -> str:
    """The n-th synthetic BSN passing the 11-proef (starting with 8, apart from the clients of the market)."""
    base = 800_000_000 + n * 100
    while True:
        digits = f"{base:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
        if total % 11 == 0:
            return digits
        base += 1


def batch(targets: list[Target], count: int, *, today: date, violation_share: float = 0.1, seed: int = 1,
          kinds=("305", "307", "315", "317", "323")) -> list[tuple[bytes, str | None]]:  # fmt: skip
    """``count`` messages (XML bytes, the retour code an injected violation must give, or None).

    Message ``i`` is of kind ``kinds[i % 5]`` for target ``i // 5``: every target gets a start, a stop of that
    start, a VOW and a claim for last month; the VOT is for a new client (so it does not clash with the VOW,
    TR374). Violations go only where they do not cascade (never into the start a stop depends on)."""
    rng = random.Random(seed)
    out: list[tuple[bytes, str | None]] = []
    month = _month_back(today, 1)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        t = targets[(i // len(kinds)) % len(targets)]
        ident = f"B{i:011d}"
        violation = None
        if rng.random() < violation_share:
            names = [name for name, (_code, where) in VIOLATIONS.items() if kind in where]
            violation = names[rng.randrange(len(names))] if names else None
        if violation == "duplicate_ident" and out:
            out.append((out[-1][0], "9056"))
            continue
        day = today + timedelta(days=3) if violation == "future_dagtekening" else today
        tag = f"{t.number}-{i}"
        if kind == "305":
            msg = start_message(t, ident, day)
        elif kind == "307":
            number = 999_999_999 if violation == "unknown_allocation" else t.number
            msg = stop_message(Target(**{**t.__dict__, "number": number}), ident, day, reason=EARLY_STOP[t.law],
                               end=min(today, t.start + timedelta(days=30)))  # fmt: skip
        elif kind == "315":
            msg = vot_message(Target(**{**t.__dict__, "bsn": bsn_for(i)}), ident, day, referentie=f"VOT{tag}")
        elif kind == "317":
            msg = vow_message(t, ident, day, referentie=f"VOW{tag}")
        else:
            p = prestatie(t, f"RN{tag}", max(month, t.start.replace(day=1)), volume=1,
                          category=(other_category(t) if violation == "wrong_category" else None),
                          tariff=((t.tariff or 1000) + 1 if violation == "wrong_tariff" else None))  # fmt: skip
            msg = claim_message(t, ident, day, f"D{i}"[:12], month, [p])
            if violation == "declaration_shape":
                msg.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 1
        out.append((encode(msg), VIOLATIONS[violation][0] if violation else None))
    return out


def _month_back(day: date, months: int) -> date:
    year, month = day.year, day.month - months
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)
