"""Build and parse all 3.2 messages of both laws (301/302 ... 323/325): round trip and XSD validity."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, time

import pytest

from schakel.exchange.xml import (
    KINDS,
    Achternaam,
    Adres,
    Antwoord,
    Client,
    Communicatie,
    Contact,
    Declaratie,
    Geboortedatum,
    Huis,
    Message,
    Naam,
    Omvang,
    Periode,
    Product,
    Relatie,
    Telefoon,
    Telefoonnummers,
    ToegewezenProduct,
    TotaalBedragMetDC,
    Woonplaatsbeginsel,
    XsdError,
    build_message,
    detect,
    kind,
    kind_for_namespace,
    new_header,
    parse_message,
    retour_header,
    schema_for,
)
from schakel.exchange.xml.kinds import RETOUR_OF
from schakel.exchange.xml.synthetic import make_message

DAG = date(2026, 11, 2)


def toewijzing(law: str) -> Message:
    """A rich 301 exercising every optional part of the client (relation, contact, phone, period)."""
    contact = Contact(
        Soort="01",
        Adres=Adres(
            Huis=Huis(Huisnummer=12, Huisletter="a", HuisnummerToevoeging="bis"),
            Postcode="1234AB",
            Straatnaam="Dorpsstraat",
            Plaatsnaam="Schakeldorp",
            LandCode="NL",
        ),
        Telefoon=Telefoonnummers(
            Telefoon01=Telefoon(Telefoonnummer="0201234567", Landnummer="0031"),
            Telefoon02=Telefoon(Telefoonnummer="0612345678", Landnummer="0031"),
        ),
        Emailadres="client@example.org",
    )
    tijdelijk = Contact(
        Soort="04", Organisatie="Logeerhuis", Periode=Periode(Begindatum=DAG, Einddatum=date(2026, 12, 1))
    )
    client = Client(
        Bsn="999900006",
        Geboortedatum=Geboortedatum(Datum=date(1950, 1, 1), DatumGebruik="1"),
        Geslacht="2",
        Naam=Naam(
            Geslachtsnaam=Achternaam(Achternaam="Vries", Voorvoegsel="de"),
            Partnernaam=Achternaam(Achternaam="Jansen"),
            Voornamen="Anna Maria",
            Voorletters="AM",
            NaamGebruik="2",
        ),
        Communicatie=Communicatie(Vorm="1", Taal="en"),
        Commentaar="Synthetische cliënt",
        Relaties=[
            Relatie(
                Nummer="R1",
                Volgorde=1,
                Soort="10",
                Naam=Naam(Geslachtsnaam=Achternaam(Achternaam="Vries", Voorvoegsel="de"), NaamGebruik="1"),
                Contact=Contact(
                    Soort="02",
                    Telefoon=Telefoonnummers(
                        Telefoon01=Telefoon(Telefoonnummer="0201111111", Landnummer="0031")
                    ),
                ),
            )
        ],
        Contactgegevens=[contact, tijdelijk],
        ToegewezenProducten=[
            ToegewezenProduct(
                ToewijzingNummer=123456789,
                Product=Product(
                    Categorie="02" if law == "iwmo" else "45", Code="02A01" if law == "iwmo" else "45A01"
                ),
                Toewijzingsdatum=DAG,
                Toewijzingstijd=time(9, 30, 15),
                Ingangsdatum=date(2026, 11, 9),
                Einddatum=date(2027, 5, 9),
                Omvang=Omvang(Volume=3, Eenheid="04", Frequentie="2"),
                Commentaar="Toelichting",
            ),
            ToegewezenProduct(
                ToewijzingNummer=5,
                Product=Product(Categorie="02" if law == "iwmo" else "45"),
                Toewijzingsdatum=DAG,
                Toewijzingstijd=time(9, 30),
                Ingangsdatum=date(2026, 11, 9),
                Einddatum=date(2026, 11, 9),
                RedenWijziging="13",
                Budget=120000,
            ),
        ],
    )
    header = new_header(
        kind(law, "301"), afzender="0363", ontvanger="12345678", identificatie="T1", dagtekening=DAG
    )
    return Message(law=law, berichtsoort="301", Header=header, Client=client)


def antwoord(law: str) -> Message:
    header = new_header(
        kind(law, "319"), afzender="0363", ontvanger="12345678", identificatie="A1", dagtekening=DAG
    )
    if law == "ijw":  # woonplaatsbeginsel rejection names the responsible gemeente (TR377/TR409)
        body = Antwoord(
            ReferentieAanbieder="REF1",
            VerzoekAntwoord="1",
            RedenAfwijzingVerzoek="8",
            Woonplaatsbeginsel=Woonplaatsbeginsel(Gemeente="0518"),
        )
    else:
        body = Antwoord(ReferentieAanbieder="REF1", VerzoekAntwoord="1", RedenAfwijzingVerzoek="3")
    return Message(law=law, berichtsoort="319", Header=header, Antwoord=body)


def heen(law: str, soort: str) -> Message:
    if soort == "301":
        return toewijzing(law)
    if soort == "319":
        return antwoord(law)
    return make_message(soort, random.Random(7), law=law, identificatie=f"H{soort}", dagtekening=DAG)


def _with_codes(obj, code: str):
    """Copy of a body with RetourCodes on every class that has them (a fully answered retour)."""
    if isinstance(obj, list):
        return [_with_codes(o, code) for o in obj]
    if not dataclasses.is_dataclass(obj):
        return obj
    changes = {f.name: _with_codes(getattr(obj, f.name), code) for f in dataclasses.fields(obj)}
    if "RetourCodes" in changes:
        changes["RetourCodes"] = [code]
    return dataclasses.replace(obj, **changes)


def retour(h: Message, code: str = "0200") -> Message:
    rk = h.kind.retour
    header = retour_header(
        h, identificatie="R" + h.berichtsoort, dagtekening=date(2026, 11, 3), retourcodes=[code]
    )
    m = Message(law=h.law, berichtsoort=rk.soort, Header=header)
    if h.Client:
        m.Client = _with_codes(h.Client, code)
    elif h.Antwoord:
        m.Antwoord = _with_codes(h.Antwoord, code)
    elif h.Declaratie:
        d = h.Declaratie
        m.DeclaratieAntwoord = Declaratie(
            DeclaratieNummer=d.DeclaratieNummer,
            TotaalIngediendBedrag=d.TotaalIngediendBedrag,
            TotaalToegekendBedrag=TotaalBedragMetDC(TotaalBedrag=0, DebetCredit="D"),
            Clienten=_with_codes(d.Clienten, code),
            RetourCodes=[code],
        )
    return m


HEEN = [(law, s) for law in ("iwmo", "ijw") for s in RETOUR_OF]


@pytest.mark.parametrize(("law", "soort"), HEEN)
def test_heenbericht_round_trip(law, soort):
    m = heen(law, soort)
    data = build_message(m)
    assert detect(data) == kind(law, soort)
    parsed = parse_message(data)
    assert parsed == m
    assert build_message(parsed) == data


@pytest.mark.parametrize(("law", "soort"), HEEN)
def test_retour_round_trip(law, soort):
    h = heen(law, soort)
    r = retour(h, "0200")
    data = build_message(r)
    parsed = parse_message(data)
    assert parsed == r
    assert parsed.is_retour and parsed.kind.heen == h.kind
    # IV028: the retour keeps the gemeente and the aanbieder of the heenbericht
    assert (parsed.gemeente, parsed.aanbieder) == (h.gemeente, h.aanbieder)


@pytest.mark.parametrize(("law", "soort"), HEEN)
def test_header_only_retour(law, soort):
    """Level 2 rejection: only the header with 0001 (IV032)."""
    h = heen(law, soort)
    r = Message(
        law=law,
        berichtsoort=h.kind.retour.soort,
        Header=retour_header(
            h, identificatie="R1", dagtekening=DAG, retourcodes=["0001"], xslt_versie="1.0.0"
        ),
    )
    parsed = parse_message(build_message(r))
    assert parsed.Header.RetourCodes == ["0001"] and parsed.body is None


def test_retour_header_copies_the_heenbericht():
    h = heen("ijw", "315")
    rh = retour_header(h, identificatie="R9", dagtekening=DAG, retourcodes=["0200"])
    assert rh.BerichtCode == "447"
    assert rh.BerichtIdentificatie == h.Header.BerichtIdentificatie
    assert (rh.Afzender, rh.Ontvanger) == (h.Header.Afzender, h.Header.Ontvanger)
    assert rh.IdentificatieRetour == "R9" and rh.XsdVersieRetour is not None
    d = heen("iwmo", "323")
    dh = retour_header(d, identificatie="R10", dagtekening=DAG)
    assert (dh.Afzender, dh.Ontvanger) == (
        d.Header.Ontvanger,
        d.Header.Afzender,
    )  # 325 is sent by the gemeente
    assert dh.DeclaratieIdentificatie == d.Header.BerichtIdentificatie
    with pytest.raises(ValueError):
        retour_header(retour(h), identificatie="x", dagtekening=DAG)


def test_build_validates_its_output():
    m = heen("iwmo", "305")
    m.Client.Bsn = "123"
    with pytest.raises(XsdError) as exc:
        build_message(m)
    assert any("Bsn" in e for e in exc.value.errors)
    assert build_message(m, validate=False)  # explicit opt-out builds anyway


def test_kinds_and_detection():
    assert len(KINDS) == 28
    assert {k.berichtcode for k in KINDS if k.law == "iwmo"} == {
        str(c) for c in range(414, 422) if c not in (416, 417)
    } | {"444", "445", "480", "481", "482", "483", "484", "485"}
    k = kind_for_namespace("http://www.istandaarden.nl/ijw/3_2/jw323/schema")
    assert (k.law, k.soort, k.name, k.berichtcode, k.retour.name) == ("ijw", "323", "JW323", "490", "JW325")
    assert (
        kind_for_namespace("http://www.istandaarden.nl/iwmo/3_2/jw323/schema") is None
    )  # law/prefix mismatch
    assert kind_for_namespace("http://www.istandaarden.nl/iwmo/3_1/wmo301/schema") is None  # release 3.1
    assert (
        kind_for_namespace("http://www.istandaarden.nl/iwmo/3_2/wmo303/schema") is None
    )  # not a 3.2 message
    with pytest.raises(ValueError):
        kind("iwlz", "301")


def test_schemas_are_compiled_once():
    k = kind("iwmo", "301")
    assert schema_for(k) is schema_for(k)


def test_message_properties():
    m = heen("iwmo", "305")
    assert m.name == "WMO305" and not m.is_retour
    assert m.gemeente == "0363" and m.aanbieder == "12345678"
    assert m.identificatie == "H305" and m.body is m.Client
    assert m.sender_identificatie == "H305" and m.heen_identificatie is None
    r = retour(m)
    assert r.sender_identificatie == "R305" and r.heen_identificatie == m.Header.BerichtIdentificatie
    d = heen("ijw", "323")
    rd = retour(d)
    assert rd.sender_identificatie == "R323" and rd.heen_identificatie == d.Header.BerichtIdentificatie
    t = toewijzing("ijw")
    assert t.gemeente == "0363" and t.aanbieder == "12345678"


def test_every_schema_of_the_bundle_compiles_and_has_provenance():
    from schakel.exchange.xml import preload
    from schakel.exchange.xml.schemas import SCHEMA_DIR

    preload()  # all 28 message XSDs (incl. the 7 derived ones) compile
    assert all(schema_for(k) is not None for k in KINDS)
    for folder in ("iwmo-3.2", "ijw-3.2", "ggk-stuf-envelop-2.1"):
        assert (SCHEMA_DIR / folder / "SOURCE.txt").is_file()
    assert "DERIVED" in (SCHEMA_DIR / "README.md").read_text()
