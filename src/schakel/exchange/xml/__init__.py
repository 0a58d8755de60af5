"""XML layer of the iWmo/iJw 3.2 exchange (issue 4): safe parsing, XSD validation, typed codec, envelope.

Public API (everything the pipeline needs; import from ``schakel.exchange.xml``):

``parse_message(data: bytes) -> Message``
    Hardened parse (:mod:`.safe`) + law/message detection by namespace + XSD validation (control level 1,
    IV032) + decoding into :class:`Message`. Raises a subclass of :class:`XmlRejected`:
    :class:`TooLarge` (> 25 MB, OP179), :class:`BadEncoding`, :class:`UnsafeXml` (DOCTYPE/entities),
    :class:`NotXml`, :class:`UnknownMessage` (not an iWmo/iJw 3.2 ``Bericht``) or :class:`XsdError`
    (``.errors`` = every schema error, "regel N: ..."). All mean: reject without a retour.

``build_message(message: Message, *, validate=True) -> bytes``
    UTF-8 XML of the message, validated against its XSD (raises :class:`XsdError` when the pipeline built
    something invalid).

``detect(data: bytes) -> MessageKind``
    Only the safe parse + namespace detection (no XSD), e.g. to route a file.

``new_header(kind, *, afzender, ontvanger, identificatie, dagtekening) -> Header``
    A heenbericht header with BerichtCode, BerichtVersie 3, BerichtSubversie 2 and XsdVersie from the XSD
    appinfo (IV034).

``retour_header(heen, *, identificatie, dagtekening, retourcodes=(), xslt_versie=None) -> Header``
    The header of the retour of a heenbericht ``Message`` (IV028: Afzender/Ontvanger and the heenbericht's
    identification copied; 325 uses DeclaratieIdentificatie/XsdVersieDeclaratie).

``kind(law, soort)``, ``kind_for_namespace(ns)``, ``KINDS``
    The 28 :class:`MessageKind` values (law "iwmo"/"ijw", soort "301".."325", BerichtCode, namespace, XSD).

``wrap(...)`` / ``unwrap(...)``
    GGk StUF envelope ggk0310 Di01/Du01 (:mod:`.envelope`).

The dataclasses (:mod:`.model`) keep the standard's own element names as attribute names.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from . import codec
from .envelope import Envelope, unwrap, wrap
from .errors import BadEncoding, NotXml, TooLarge, UnknownMessage, UnsafeXml, XmlRejected, XsdError
from .kinds import KINDS, MessageKind, kind, kind_for_namespace
from .model import (
    AangevraagdProduct,
    Achternaam,
    Adres,
    Antwoord,
    BedragMetDC,
    BerichtIdentificatie,
    Client,
    Communicatie,
    Contact,
    Declaratie,
    Geboortedatum,
    Header,
    Huis,
    Message,
    Naam,
    NieuwProduct,
    Omvang,
    OngewijzigdProduct,
    Periode,
    Prestatie,
    Product,
    ProductReferentie,
    Relatie,
    StartProduct,
    StopProduct,
    Telefoon,
    Telefoonnummers,
    TeWijzigenProduct,
    ToegewezenProduct,
    TotaalBedragMetDC,
    Verwijzer,
    Verzoek,
    Woonplaatsbeginsel,
    XsdVersie,
)
from .safe import MAX_BYTES, parse_xml
from .schemas import preload, schema_for, validate, xsd_versions

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "AangevraagdProduct",
    "Achternaam",
    "Adres",
    "Antwoord",
    "BadEncoding",
    "BedragMetDC",
    "BerichtIdentificatie",
    "Client",
    "Communicatie",
    "Contact",
    "Declaratie",
    "Envelope",
    "Geboortedatum",
    "Header",
    "Huis",
    "Message",
    "MessageKind",
    "Naam",
    "NieuwProduct",
    "NotXml",
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
    "TooLarge",
    "TotaalBedragMetDC",
    "UnknownMessage",
    "UnsafeXml",
    "Verwijzer",
    "Verzoek",
    "Woonplaatsbeginsel",
    "XmlRejected",
    "XsdError",
    "XsdVersie",
    "build_message",
    "detect",
    "kind",
    "kind_for_namespace",
    "new_header",
    "parse_message",
    "preload",
    "retour_header",
    "schema_for",
    "unwrap",
    "wrap",
]


def _kind_of_root(root: etree._Element) -> MessageKind:
    tag = root.tag if isinstance(root.tag, str) else ""
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    found = kind_for_namespace(ns)
    if found is None or local != "Bericht":
        raise UnknownMessage(
            f"Dit is geen iWmo- of iJw-3.2-bericht (root {local or '?'!r} in namespace {ns or 'geen'!r})."
        )
    return found


def detect(data: bytes, *, max_bytes: int = MAX_BYTES) -> MessageKind:
    """Law and message kind of ``data`` by its root namespace (safe parse, no XSD validation)."""
    return _kind_of_root(parse_xml(data, max_bytes=max_bytes))


def parse_message(data: bytes, *, max_bytes: int = MAX_BYTES) -> Message:
    """Safely parse, XSD-validate (level 1) and decode one iWmo/iJw 3.2 message.

    Raises an :class:`XmlRejected` subclass (see the module docstring); nothing else for bad input.
    """
    root = parse_xml(data, max_bytes=max_bytes)
    k = _kind_of_root(root)
    validate(root, k)
    try:
        return codec.decode_message(root, k)
    except ValueError as exc:  # an XSD-valid value Python cannot represent (e.g. a year before 1)
        raise XsdError(
            f"Het bericht {k.name} bevat een waarde die niet verwerkt kan worden: {exc}", [str(exc)], k
        )


def build_message(message: Message, *, validate: bool = True) -> bytes:
    """Serialise ``message`` as UTF-8 XML and (by default) validate it against its XSD (raises XsdError)."""
    k = message.kind
    root = codec.to_tree(message, k)
    if validate:
        from .schemas import validate as _validate

        _validate(root, k)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def new_header(
    k: MessageKind, *, afzender: str, ontvanger: str, identificatie: str, dagtekening: date
) -> Header:
    """Header of a new heenbericht (or a retour's base part): codes and XsdVersie filled from the XSD."""
    basis, bericht = xsd_versions(k)
    return Header(
        BerichtCode=k.berichtcode,
        Afzender=afzender,
        Ontvanger=ontvanger,
        BerichtIdentificatie=BerichtIdentificatie(Identificatie=identificatie, Dagtekening=dagtekening),
        XsdVersie=XsdVersie(BasisschemaXsdVersie=basis, BerichtXsdVersie=bericht),
    )


def retour_header(
    heen: Message,
    *,
    identificatie: str,
    dagtekening: date,
    retourcodes: list[str] | tuple[str, ...] = (),
    xslt_versie: str | None = None,
) -> Header:
    """Header of the retour of ``heen`` (IV028).

    For 302/306/308/316/318/320: the heenbericht's Afzender/Ontvanger, BerichtIdentificatie and XsdVersie
    are copied; ``identificatie``/``dagtekening`` become IdentificatieRetour/DagtekeningRetour and the
    retour's own XSD versions go in XsdVersieRetour. For 325 (declaratie-antwoord, sent by the gemeente):
    the gemeente is Afzender, the 323's identification becomes DeclaratieIdentificatie and its XsdVersie
    XsdVersieDeclaratie. Header-level ``retourcodes`` (e.g. ["0001"] for level 2, ["0200"]) go in
    Header.RetourCodes.
    """
    rk = heen.kind.retour
    if rk is None:
        raise ValueError(f"{heen.name} is zelf een retourbericht")
    basis, bericht = xsd_versions(rk)
    own = XsdVersie(BasisschemaXsdVersie=basis, BerichtXsdVersie=bericht)
    h = heen.Header
    if rk.soort == "325":
        return Header(
            BerichtCode=rk.berichtcode,
            Afzender=h.Ontvanger,
            Ontvanger=h.Afzender,
            BerichtIdentificatie=BerichtIdentificatie(Identificatie=identificatie, Dagtekening=dagtekening),
            XsdVersie=own,
            DeclaratieIdentificatie=BerichtIdentificatie(
                Identificatie=h.BerichtIdentificatie.Identificatie,
                Dagtekening=h.BerichtIdentificatie.Dagtekening,
            ),
            XsltVersie=xslt_versie,
            XsdVersieDeclaratie=XsdVersie(
                BasisschemaXsdVersie=h.XsdVersie.BasisschemaXsdVersie,
                BerichtXsdVersie=h.XsdVersie.BerichtXsdVersie,
            ),
            RetourCodes=list(retourcodes),
        )
    return Header(
        BerichtCode=rk.berichtcode,
        Afzender=h.Afzender,
        Ontvanger=h.Ontvanger,
        BerichtIdentificatie=BerichtIdentificatie(
            Identificatie=h.BerichtIdentificatie.Identificatie, Dagtekening=h.BerichtIdentificatie.Dagtekening
        ),
        XsdVersie=XsdVersie(
            BasisschemaXsdVersie=h.XsdVersie.BasisschemaXsdVersie,
            BerichtXsdVersie=h.XsdVersie.BerichtXsdVersie,
        ),
        IdentificatieRetour=identificatie,
        DagtekeningRetour=dagtekening,
        XsltVersie=xslt_versie,
        XsdVersieRetour=own,
        RetourCodes=list(retourcodes),
    )
