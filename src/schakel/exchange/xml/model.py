"""Typed message model of iWmo/iJw 3.2 (the mapping layer).

Every attribute is named exactly like the element of the standard it maps (Dutch, CamelCase), so a rule
or a retour can be written with the standard's vocabulary (``product.ToewijzingNummer``). One class serves
the heenbericht and its retour: a retour only adds ``RetourCodes`` as the LAST child of a class (IV028), and
the retour header adds ``IdentificatieRetour``/``DagtekeningRetour``/``XsltVersie``/``XsdVersieRetour``/
``RetourCodes`` (325: ``DeclaratieIdentificatie``/``XsdVersieDeclaratie``). Classes that appear with
different content in different messages (``Client``, ``Declaratie``, ``Header``) hold the union of the
children in the XSD order; a field that a message does not have stays ``None`` / ``[]``.

Conventions of the mapping (applied by :mod:`.codec`):

* optional element absent -> ``None``; wrapped repeating element absent -> ``[]`` (e.g. ``RetourCodes``
  holds the codes of ``<RetourCodes><RetourCode>..`` and ``Client.ToegewezenProducten`` the products of
  ``<ToegewezenProducten><ToegewezenProduct>..``);
* ``LDT_Datum`` -> :class:`datetime.date`, ``LDT_Tijd`` -> :class:`datetime.time`, integer LDTs (Nummer,
  Volume, Budget, Bedrag, TotaalBedrag, Huisnummer, RelatieVolgorde) -> ``int`` (amounts in eurocent,
  IV024); every code (Categorie "02", Eenheid "04", RetourCode "0200", Bsn ...) stays ``str`` so leading
  zeros survive.
* ``_NS = "base"`` marks classes that map a basisschema CDT (their children live in the basisschema
  namespace), ``"msg"`` classes whose children are in the message namespace.

The classes carry no validation: the XSD (control level 1) does that in :func:`.parse_message` and
:func:`.build_message`; level 2-4 rules live in the pipeline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from datetime import date, time
from typing import ClassVar

from .cdt import (
    Achternaam,
    Adres,
    BedragMetDC,
    BerichtIdentificatie,
    Communicatie,
    Geboortedatum,
    Huis,
    Naam,
    Omvang,
    Periode,
    Product,
    ProductReferentie,
    Telefoon,
    Telefoonnummers,
    TotaalBedragMetDC,
    Verwijzer,
    XsdVersie,
    _dc,
    retourcodes,
    wrapped,
)
from .kinds import kind as _kind

__all__ = [
    "AangevraagdProduct",
    "Achternaam",
    "Adres",
    "Antwoord",
    "BedragMetDC",
    "BerichtIdentificatie",
    "Client",
    "Communicatie",
    "Contact",
    "Declaratie",
    "Geboortedatum",
    "Header",
    "Huis",
    "Message",
    "Naam",
    "NieuwProduct",
    "Omvang",
    "OngewijzigdProduct",
    "Periode",
    "Prestatie",
    "Product",
    "ProductReferentie",
    "Relatie",
    "StartProduct",
    "StopProduct",
    "TeWijzigenProduct",
    "Telefoon",
    "Telefoonnummers",
    "ToegewezenProduct",
    "TotaalBedragMetDC",
    "Verwijzer",
    "Verzoek",
    "Woonplaatsbeginsel",
    "XsdVersie",
]


# ---------------------------------------------------------------- message classes (children in msg ns)


@_dc
class Header:
    """Header of every message; the retour fields are filled only in a retour (IV028).

    ``Afzender``/``Ontvanger`` hold a CBS gemeentecode (4 digits) or an AGB code (8 digits) depending on
    the message; use :attr:`Message.gemeente` / :attr:`Message.aanbieder` to not care which. A retour copies
    them unchanged from the heenbericht.
    """

    _NS: ClassVar[str] = "msg"
    BerichtCode: str
    BerichtVersie: str = "3"
    BerichtSubversie: str = "2"
    Afzender: str
    Ontvanger: str
    BerichtIdentificatie: BerichtIdentificatie
    XsdVersie: XsdVersie
    IdentificatieRetour: str | None = None
    DagtekeningRetour: date | None = None
    DeclaratieIdentificatie: BerichtIdentificatie | None = None
    XsltVersie: str | None = None
    XsdVersieRetour: XsdVersie | None = None
    XsdVersieDeclaratie: XsdVersie | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class Contact:
    """Contact (address) of a client or a relation; Periode only with Soort 04 (CD009)."""

    _NS: ClassVar[str] = "msg"
    Soort: str
    Adres: Adres | None = None
    Organisatie: str | None = None
    Telefoon: Telefoonnummers | None = None
    Emailadres: str | None = None
    Periode: Periode | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class Relatie:
    """Relatie of the client (301)."""

    _NS: ClassVar[str] = "msg"
    Nummer: str
    Volgorde: int | None = None
    Soort: str
    Geboortedatum: Geboortedatum | None = None
    Geslacht: str | None = None
    Naam: Naam
    Contact: Contact
    RetourCodes: list[str] = retourcodes()


@_dc
class ToegewezenProduct:
    """ToegewezenProduct of a 301/302: ToewijzingNummer unique per gemeente per domein (TR332);
    Omvang and Budget mutually exclusive (CD077/CD078)."""

    _NS: ClassVar[str] = "msg"
    ToewijzingNummer: int
    ReferentieAanbieder: str | None = None
    Product: Product | None = None
    Toewijzingsdatum: date
    Toewijzingstijd: time
    Ingangsdatum: date
    Einddatum: date | None = None
    RedenWijziging: str | None = None
    Omvang: Omvang | None = None
    Budget: int | None = None
    Commentaar: str | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class StartProduct:
    """StartProduct of a 305/306; StatusAanlevering (COD467) 1 or 3 (CS058)."""

    _NS: ClassVar[str] = "msg"
    ToewijzingNummer: int | None = None
    Product: Product | None = None
    ToewijzingIngangsdatum: date | None = None
    Begindatum: date
    StatusAanlevering: str
    RetourCodes: list[str] = retourcodes()


@_dc
class StopProduct:
    """StopProduct of a 307/308; RedenBeeindiging (WMO588/JZ588) is part of the key in 3.2."""

    _NS: ClassVar[str] = "msg"
    ToewijzingNummer: int | None = None
    Product: Product | None = None
    ToewijzingIngangsdatum: date | None = None
    Begindatum: date
    RedenBeeindiging: str
    Einddatum: date
    StatusAanlevering: str
    RetourCodes: list[str] = retourcodes()


@_dc
class AangevraagdProduct:
    """AangevraagdProduct of a 315/316 (VOT); ReferentieAanbieder unique per aanbieder (TR347/TR383)."""

    _NS: ClassVar[str] = "msg"
    ReferentieAanbieder: str
    BeschikkingNummer: int | None = None
    Product: Product | None = None
    BeschikkingIngangsdatum: date | None = None
    ToewijzingIngangsdatum: date
    ToewijzingEinddatum: date | None = None
    Omvang: Omvang | None = None
    Budget: int | None = None
    Verwijzer: Verwijzer
    Raamcontract: str | None = None
    Commentaar: str | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class OngewijzigdProduct:
    """OngewijzigdProduct of a 317/318 (VOW)."""

    _NS: ClassVar[str] = "msg"
    ToewijzingNummer: int
    RetourCodes: list[str] = retourcodes()


@_dc
class TeWijzigenProduct:
    """TeWijzigenProduct of a 317/318 (VOW)."""

    _NS: ClassVar[str] = "msg"
    ToewijzingNummer: int
    GewensteIngangsdatum: date
    Einddatum: date | None = None
    Omvang: Omvang | None = None
    Budget: int | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class NieuwProduct:
    """NieuwProduct of a 317/318 (VOW)."""

    _NS: ClassVar[str] = "msg"
    Product: Product | None = None
    GewensteIngangsdatum: date
    Einddatum: date | None = None
    Omvang: Omvang | None = None
    Budget: int | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class Verzoek:
    """Verzoek of a 317/318 (VOW): the complete desired situation (OP308, TR349-353)."""

    _NS: ClassVar[str] = "msg"
    ReferentieAanbieder: str
    RedenVerzoek: str
    OngewijzigdeProducten: list[OngewijzigdProduct] = wrapped("OngewijzigdProduct")
    TeWijzigenProducten: list[TeWijzigenProduct] = wrapped("TeWijzigenProduct")
    NieuweProducten: list[NieuwProduct] = wrapped("NieuwProduct")
    RetourCodes: list[str] = retourcodes()


@_dc
class Prestatie:
    """Prestatie of a 323/325 declaratie (amounts in eurocent, IV024)."""

    _NS: ClassVar[str] = "msg"
    ProductReferentie: ProductReferentie
    ToewijzingNummer: int
    ProductCategorie: str
    ProductCode: str
    ProductPeriode: Periode
    GeleverdVolume: int
    Eenheid: str
    ProductTarief: int | None = None
    IngediendBedrag: BedragMetDC
    RetourCodes: list[str] = retourcodes()


@_dc
class Client:
    """Client of any message (union of the per-message XSD types, in XSD order).

    - 301/302: Bsn, Geboortedatum, Geslacht, Naam (volledig), Communicatie, JuridischeStatus,
      WettelijkeVertegenwoordiging, Commentaar, Relaties, Contactgegevens, ToegewezenProducten;
    - 305/306: Bsn, Geboortedatum, Geslacht, Naam (verkort), StartProducten; 307/308: ... StopProducten;
    - 315/316: Bsn, Geboortedatum, Geslacht, Naam (verkort), GezagsdragerBekend (iJw only), Commentaar,
      AangevraagdeProducten;
    - 317/318: Bsn, Verzoek;  323/325 (inside Declaratie.Clienten): Bsn, Prestaties.
    """

    _NS: ClassVar[str] = "msg"
    Bsn: str
    Geboortedatum: Geboortedatum | None = None
    Geslacht: str | None = None
    Naam: Naam | None = None
    Communicatie: Communicatie | None = None
    JuridischeStatus: str | None = None
    WettelijkeVertegenwoordiging: str | None = None
    GezagsdragerBekend: str | None = None
    Commentaar: str | None = None
    Relaties: list[Relatie] = wrapped("Relatie")
    Contactgegevens: list[Contact] = wrapped("Contact")
    ToegewezenProducten: list[ToegewezenProduct] = wrapped("ToegewezenProduct")
    StartProducten: list[StartProduct] = wrapped("StartProduct")
    StopProducten: list[StopProduct] = wrapped("StopProduct")
    AangevraagdeProducten: list[AangevraagdProduct] = wrapped("AangevraagdProduct")
    Verzoek: Verzoek | None = None
    Prestaties: list[Prestatie] = wrapped("Prestatie")
    RetourCodes: list[str] = retourcodes()


@_dc
class Woonplaatsbeginsel:
    """Woonplaatsbeginsel of a JW319/JW320 (iJw only): the responsible gemeente (TR377/TR409, OP359)."""

    _NS: ClassVar[str] = "msg"
    Gemeente: str
    RetourCodes: list[str] = retourcodes()


@_dc
class Antwoord:
    """Antwoord of a 319/320: VerzoekAntwoord (WJ760) and RedenAfwijzingVerzoek (WJ759)."""

    _NS: ClassVar[str] = "msg"
    ReferentieAanbieder: str
    VerzoekAntwoord: str
    RedenAfwijzingVerzoek: str | None = None
    Woonplaatsbeginsel: Woonplaatsbeginsel | None = None
    RetourCodes: list[str] = retourcodes()


@_dc
class Declaratie:
    """Declaratie of a 323 and DeclaratieAntwoord of a 325 (union, XSD order).

    323: DeclaratieNummer, DeclaratiePeriode, DeclaratieDagtekening, TotaalIngediendBedrag, Clienten.
    325: DeclaratieNummer, TotaalIngediendBedrag, TotaalToegekendBedrag, Clienten (only rejected
    prestaties, TR342/OP304), RetourCodes.
    """

    _NS: ClassVar[str] = "msg"
    DeclaratieNummer: str
    DeclaratiePeriode: Periode | None = None
    DeclaratieDagtekening: date | None = None
    TotaalIngediendBedrag: TotaalBedragMetDC
    TotaalToegekendBedrag: TotaalBedragMetDC | None = None
    Clienten: list[Client] = wrapped("Client")
    RetourCodes: list[str] = retourcodes()


@_dc
class Message:
    """One iWmo/iJw 3.2 message: the ``Bericht`` root.

    ``law`` ("iwmo" or "ijw") and ``berichtsoort`` ("301" ... "325") select the XSD and namespace; they are
    not elements. The body is ``Client`` (301/302, 305-308, 315-318), ``Antwoord`` (319/320),
    ``Declaratie`` (323) or ``DeclaratieAntwoord`` (325); in a retour without rejected classes the body is
    absent (only the header, e.g. code 0001 or 0200 in ``Header.RetourCodes``).
    """

    _NS: ClassVar[str] = "msg"
    law: str = field(metadata={"skip": True})
    berichtsoort: str = field(metadata={"skip": True})
    Header: Header
    Client: Client | None = None
    Antwoord: Antwoord | None = None
    Declaratie: Declaratie | None = None
    DeclaratieAntwoord: Declaratie | None = None

    @property
    def kind(self):
        """The :class:`~.kinds.MessageKind` (law, berichtsoort, BerichtCode, namespace, XSD file)."""
        return _kind(self.law, self.berichtsoort)

    @property
    def name(self) -> str:
        """The standard's message name, e.g. ``WMO301`` or ``JW325``."""
        return self.kind.name

    @property
    def is_retour(self) -> bool:
        """True for 302, 306, 308, 316, 318, 320 and 325."""
        return self.kind.is_retour

    @property
    def gemeente(self) -> str:
        """The CBS gemeentecode in the header (Afzender or Ontvanger, whichever is the gemeente)."""
        return self.Header.Afzender if self.kind.afzender_is_gemeente else self.Header.Ontvanger

    @property
    def aanbieder(self) -> str:
        """The AGB code of the aanbieder in the header (Afzender or Ontvanger)."""
        return self.Header.Ontvanger if self.kind.afzender_is_gemeente else self.Header.Afzender

    @property
    def identificatie(self) -> str:
        """Header.BerichtIdentificatie.Identificatie as written (in a 302-320 retour: the heenbericht's)."""
        return self.Header.BerichtIdentificatie.Identificatie

    @property
    def sender_identificatie(self) -> str:
        """The identification the sender gave THIS message (TR056 key with sender and soort): the
        BerichtIdentificatie, except in a 302-320 retour where it is IdentificatieRetour (IV028)."""
        if self.Header.IdentificatieRetour is not None:
            return self.Header.IdentificatieRetour
        return self.Header.BerichtIdentificatie.Identificatie

    @property
    def heen_identificatie(self) -> BerichtIdentificatie | None:
        """For a retour: the identification (and Dagtekening) of the heenbericht it answers, to match a
        302 to the 301 sent (BerichtIdentificatie copied; 325: DeclaratieIdentificatie). None otherwise."""
        if not self.is_retour:
            return None
        if self.Header.DeclaratieIdentificatie is not None:
            return self.Header.DeclaratieIdentificatie
        return self.Header.BerichtIdentificatie

    @property
    def body(self):
        """Whichever of Client / Antwoord / Declaratie / DeclaratieAntwoord is present (or None)."""
        return self.Client or self.Antwoord or self.Declaratie or self.DeclaratieAntwoord


MESSAGE_CLASSES = tuple(
    obj for obj in list(globals().values()) if isinstance(obj, type) and dataclasses.is_dataclass(obj)
)
