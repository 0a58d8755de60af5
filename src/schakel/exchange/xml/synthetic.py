"""Synthetic, XSD-valid iWmo/iJw 3.2 messages of the incoming kinds (315, 317, 305, 307, 323).

Deterministic by seed; used by the tests, the pipeline's batch generator and the benchmark
(bench/exchange_xml.py, bench/exchange.py). Every message is built with :func:`build_message` (so it is
XSD-valid) and is consistent within itself: 11-proef BSN (CS002), Einddatum >= Begindatum, DeclaratiePeriode
one calendar month (CS340), ProductPeriode within it, TotaalBedrag = sum of the lines (TR358), Bedrag =
GeleverdVolume x ProductTarief (TR346). :func:`make_message` returns the :class:`Message` so a caller can
add rule violations before building. Synthetic data only (BSNs start with 9).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import (
    AangevraagdProduct,
    Achternaam,
    BedragMetDC,
    Client,
    Declaratie,
    Geboortedatum,
    Message,
    Naam,
    NieuwProduct,
    Omvang,
    OngewijzigdProduct,
    Periode,
    Prestatie,
    Product,
    ProductReferentie,
    StartProduct,
    StopProduct,
    TeWijzigenProduct,
    TotaalBedragMetDC,
    Verwijzer,
    Verzoek,
    build_message,
    kind,
    new_header,
)

__all__ = ["INCOMING", "generate_messages", "make_message", "synthetic_bsn"]

INCOMING = ("315", "317", "305", "307", "323")
_SURNAMES = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos")
#: (Eenheid, Frequentie, ProductTarief in eurocent): inspanningsgericht uur/week and etmaal/maand, output stuks.
_OMVANG = (("04", "2", 6500), ("14", "4", 11500), ("82", "4", 98000), ("16", "2", 3200))
_CATEGORIE = {"iwmo": ("01", "02", "03", "07"), "ijw": ("41", "43", "45", "54")}
_STOP_REASON = {"iwmo": ("19", "22", "23", "36"), "ijw": ("31", "32", "33", "36")}


def synthetic_bsn(rng: random.Random) -> str:
    """A 9-digit number that passes the 11-proef (CS002) - synthetic, starting with 9."""
    while True:
        digits = [9] + [rng.randrange(10) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _client_base(rng: random.Random, dagtekening: date) -> dict:
    birth = dagtekening - timedelta(days=rng.randrange(4 * 365, 90 * 365))
    name = rng.choice(_SURNAMES)
    vv, _, an = name.rpartition(" ")
    return {
        "Bsn": synthetic_bsn(rng),
        "Geboortedatum": Geboortedatum(Datum=birth),
        "Geslacht": rng.choice("012"),
        "Naam": Naam(
            Geslachtsnaam=Achternaam(Achternaam=an, Voorvoegsel=vv or None),
            Voorletters=rng.choice("ABCJKMPS"),
        ),
    }


def _product(rng: random.Random, law: str, i: int) -> tuple[Product, Omvang, int]:
    eenheid, freq, tarief = _OMVANG[i % len(_OMVANG)]
    cat = rng.choice(_CATEGORIE[law])
    return (
        Product(Categorie=cat, Code=f"{cat}A{rng.randrange(1, 10):02d}"),
        Omvang(Volume=rng.randrange(1, 20), Eenheid=eenheid, Frequentie=freq),
        tarief,
    )


def make_message(
    soort: str,
    rng: random.Random,
    *,
    law: str = "iwmo",
    identificatie: str,
    dagtekening: date,
    gemeente: str = "0363",
    aanbieder: str = "12345678",
    toewijzingnummer: int | None = None,
) -> Message:
    """One synthetic incoming message (315, 317, 305, 307 or 323) as a :class:`Message`."""
    k = kind(law, soort)
    header = new_header(
        k, afzender=aanbieder, ontvanger=gemeente, identificatie=identificatie, dagtekening=dagtekening
    )
    nr = toewijzingnummer or rng.randrange(1, 999_999_999)
    start = date(dagtekening.year, dagtekening.month, 1) - timedelta(days=rng.randrange(0, 90))
    if soort == "315":
        products = []
        for i in range(rng.randrange(1, 4)):
            product, omvang, _ = _product(rng, law, i)
            products.append(
                AangevraagdProduct(
                    ReferentieAanbieder=f"{identificatie}-{i}",
                    Product=product,
                    ToewijzingIngangsdatum=dagtekening + timedelta(days=7 * i + 1),
                    ToewijzingEinddatum=dagtekening + timedelta(days=180 + 7 * i),
                    Omvang=omvang,
                    Verwijzer=Verwijzer(Type="02", Naam="Huisarts Synthetisch"),
                )
            )
        client = Client(**_client_base(rng, dagtekening), AangevraagdeProducten=products)
        if law == "ijw":
            client.GezagsdragerBekend = "1"
    elif soort == "317":
        product, omvang, _ = _product(rng, law, 0)
        client = Client(
            Bsn=synthetic_bsn(rng),
            Verzoek=Verzoek(
                ReferentieAanbieder=f"{identificatie}-V",
                RedenVerzoek=rng.choice("12"),
                OngewijzigdeProducten=[OngewijzigdProduct(ToewijzingNummer=nr)],
                TeWijzigenProducten=[
                    TeWijzigenProduct(
                        ToewijzingNummer=nr + 1,
                        GewensteIngangsdatum=dagtekening + timedelta(days=14),
                        Einddatum=dagtekening + timedelta(days=200),
                        Omvang=Omvang(
                            Volume=omvang.Volume + 2, Eenheid=omvang.Eenheid, Frequentie=omvang.Frequentie
                        ),
                    )
                ],
                NieuweProducten=[
                    NieuwProduct(
                        Product=product,
                        GewensteIngangsdatum=dagtekening + timedelta(days=14),
                        Einddatum=dagtekening + timedelta(days=200),
                        Omvang=omvang,
                    )
                ],
            ),
        )
    elif soort == "305":
        client = Client(
            **_client_base(rng, dagtekening),
            StartProducten=[
                StartProduct(
                    ToewijzingNummer=nr + i,
                    Product=_product(rng, law, i)[0],
                    ToewijzingIngangsdatum=start,
                    Begindatum=start + timedelta(days=i),
                    StatusAanlevering="1",
                )
                for i in range(rng.randrange(1, 3))
            ],
        )
    elif soort == "307":
        client = Client(
            **_client_base(rng, dagtekening),
            StopProducten=[
                StopProduct(
                    ToewijzingNummer=nr + i,
                    Product=_product(rng, law, i)[0],
                    ToewijzingIngangsdatum=start,
                    Begindatum=start,
                    RedenBeeindiging=rng.choice(_STOP_REASON[law]),
                    Einddatum=dagtekening - timedelta(days=rng.randrange(1, 5)),
                    StatusAanlevering="1",
                )
                for i in range(rng.randrange(1, 3))
            ],
        )
    elif soort == "323":
        last = date(dagtekening.year, dagtekening.month, 1) - timedelta(days=1)
        first = last.replace(day=1)
        clients, total, ref = [], 0, 0
        for _ in range(rng.randrange(1, 4)):
            lines = []
            for i in range(rng.randrange(1, 4)):
                product, omvang, tarief = _product(rng, law, i)
                volume = rng.randrange(1, 40)
                ref += 1
                lines.append(
                    Prestatie(
                        ProductReferentie=ProductReferentie(ReferentieNummer=f"{identificatie}R{ref}"),
                        ToewijzingNummer=nr + ref,
                        ProductCategorie=product.Categorie,
                        ProductCode=product.Code,
                        ProductPeriode=Periode(Begindatum=first, Einddatum=last),
                        GeleverdVolume=volume,
                        Eenheid=omvang.Eenheid,
                        ProductTarief=tarief,
                        IngediendBedrag=BedragMetDC(Bedrag=volume * tarief, DebetCredit="D"),
                    )
                )
                total += volume * tarief
            clients.append(Client(Bsn=synthetic_bsn(rng), Prestaties=lines))
        return Message(
            law=law,
            berichtsoort=soort,
            Header=header,
            Declaratie=Declaratie(
                DeclaratieNummer=identificatie,
                DeclaratiePeriode=Periode(Begindatum=first, Einddatum=last),
                DeclaratieDagtekening=dagtekening,
                TotaalIngediendBedrag=TotaalBedragMetDC(TotaalBedrag=total, DebetCredit="D"),
                Clienten=clients,
            ),
        )
    else:
        raise ValueError(f"{soort} is not an incoming message kind {INCOMING}")
    return Message(law=law, berichtsoort=soort, Header=header, Client=client)


def generate_messages(
    n: int,
    *,
    seed: int = 1,
    laws: tuple[str, ...] = ("iwmo", "ijw"),
    soorten: tuple[str, ...] = INCOMING,
    dagtekening: date = date(2026, 11, 2),
    gemeente: str = "0363",
    aanbieder: str = "12345678",
) -> list[bytes]:
    """``n`` valid message bytes, kinds cycling through ``laws`` x ``soorten``; same seed, same bytes.

    Identificatie (<= 12 chars) is unique per message: soort + 2 digits of the seed + a 7-digit counter.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        soort = soorten[i % len(soorten)]
        law = laws[(i // len(soorten)) % len(laws)]
        message = make_message(
            soort,
            rng,
            law=law,
            identificatie=f"{soort}{seed % 100:02d}{i:07d}",
            dagtekening=dagtekening,
            gemeente=gemeente,
            aanbieder=aanbieder,
        )
        out.append(build_message(message))
    return out
