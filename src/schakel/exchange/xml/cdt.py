"""The basisschema CDT's of iWmo/iJw 3.2 (children in the basisschema namespace, ``_NS = "base"``) and the
field helpers of the typed message model; the message classes are in :mod:`.model`, which re-exports
these (see its docstring for the mapping conventions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar


def wrapped(item: str):
    """A repeating element inside a wrapper: ``<Wrapper><item/>...</Wrapper>`` <-> ``list``."""
    return field(default_factory=list, metadata={"item": item})


def retourcodes():
    """``RetourCodes/RetourCode[1..*]`` (WJ001); empty in a heenbericht."""
    return wrapped("RetourCode")


_dc = dataclass(kw_only=True, slots=True)

# ---------------------------------------------------------------- basisschema CDT's (children in base ns)


@_dc
class BerichtIdentificatie:
    """CDT_BerichtIdentificatie: Identificatie (<= 12 chars, unique per berichtsoort per sender, TR056)."""

    _NS: ClassVar[str] = "base"
    Identificatie: str
    Dagtekening: date


@_dc
class XsdVersie:
    """CDT_XsdVersie: the versions of the XSDs the message was built on (IV034)."""

    _NS: ClassVar[str] = "base"
    BasisschemaXsdVersie: str
    BerichtXsdVersie: str


@_dc
class Geboortedatum:
    """CDT_Geboortedatum; DatumGebruik (COD170) says which part is unknown (CS139)."""

    _NS: ClassVar[str] = "base"
    Datum: date
    DatumGebruik: str | None = None


@_dc
class Achternaam:
    """CDT_Achternaam."""

    _NS: ClassVar[str] = "base"
    Achternaam: str
    Voorvoegsel: str | None = None


@_dc
class Naam:
    """CDT_VolledigeNaam (301) or CDT_VerkorteNaam (305/307/315: no Partnernaam, no NaamGebruik)."""

    _NS: ClassVar[str] = "base"
    Geslachtsnaam: Achternaam
    Partnernaam: Achternaam | None = None
    Voornamen: str | None = None
    Voorletters: str | None = None
    NaamGebruik: str | None = None


@_dc
class Communicatie:
    """CDT_Communicatie: Vorm (COD747), Taal required with Vorm 1 (CD007)."""

    _NS: ClassVar[str] = "base"
    Vorm: str
    Taal: str | None = None


@_dc
class Huis:
    """CDT_Huis."""

    _NS: ClassVar[str] = "base"
    Huisnummer: int
    Huisletter: str | None = None
    HuisnummerToevoeging: str | None = None
    AanduidingWoonadres: str | None = None


@_dc
class Adres:
    """CDT_Adres."""

    _NS: ClassVar[str] = "base"
    Huis: Huis | None = None
    Postcode: str | None = None
    Straatnaam: str | None = None
    Plaatsnaam: str | None = None
    LandCode: str | None = None


@_dc
class Telefoon:
    """CDT_Telefoon."""

    _NS: ClassVar[str] = "base"
    Telefoonnummer: str
    Landnummer: str


@_dc
class Telefoonnummers:
    """CDT_Telefoonnummers."""

    _NS: ClassVar[str] = "base"
    Telefoon01: Telefoon
    Telefoon02: Telefoon | None = None


@_dc
class Periode:
    """CDT_OpenPeriode (both optional) and CDT_GeslotenPeriode (both required; DeclaratiePeriode,
    ProductPeriode)."""

    _NS: ClassVar[str] = "base"
    Begindatum: date | None = None
    Einddatum: date | None = None


@_dc
class Product:
    """CDT_Product: Categorie (WMO020/JZ020) and optional Code (<= 5 chars, TR381)."""

    _NS: ClassVar[str] = "base"
    Categorie: str
    Code: str | None = None


@_dc
class Omvang:
    """CDT_Omvang: Volume, Eenheid (WJ756), Frequentie (WMO757). Volume in eurocent with Eenheid 83 (IV042)."""

    _NS: ClassVar[str] = "base"
    Volume: int
    Eenheid: str
    Frequentie: str


@_dc
class Verwijzer:
    """CDT_Verwijzer: Type (COD327), Naam, ZorgverlenerCode (AGB)."""

    _NS: ClassVar[str] = "base"
    Type: str
    Naam: str | None = None
    ZorgverlenerCode: str | None = None


@_dc
class ProductReferentie:
    """CDT_Referentie of a Prestatie: ReferentieNummer (unique, TR314) and VorigReferentieNummer."""

    _NS: ClassVar[str] = "base"
    ReferentieNummer: str
    VorigReferentieNummer: str | None = None


@_dc
class BedragMetDC:
    """CDT_BedragMetDC: eurocent (IV024) and DebetCredit (COD043: "D"/"C")."""

    _NS: ClassVar[str] = "base"
    Bedrag: int
    DebetCredit: str


@_dc
class TotaalBedragMetDC:
    """CDT_TotaalBedragMetDC: eurocent, a total of 0 uses "D" (CS325)."""

    _NS: ClassVar[str] = "base"
    TotaalBedrag: int
    DebetCredit: str
