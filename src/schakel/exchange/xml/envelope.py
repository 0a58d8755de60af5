"""GGk StUF envelope ggk0310 (version 2.1): ``envelopHeenbericht-ggk_Di01`` / ``envelopRetourbericht-ggk_Du01``.

The iWmo/iJw message travels Base64-encoded in ``parameters/bericht`` (reference §7):

* ``stuurgegevens.referentienummer`` (and ``crossRefnummer`` in a Du01) are UUID v4 (GGk IB009);
* ``stuurgegevens.functie`` is the bare message name (``WMO301``, ``JW315``);
* ``functieVersie``/``functieSubversie`` and ``applicatieVersie``/``applicatieSubversie`` are required since 2.1;
  we fill functieVersie/Subversie from BerichtVersie/BerichtSubversie ("0003"/"0002") - an assumption, the
  specification leaves the values to the chain agreements;
* ``zender``/``ontvanger.organisatie``: CBS gemeentecode or AGB code; ``ontvanger.applicatie`` = "GGk";
* UTF-8 without BOM; no file name for XML payloads.

A heenbericht (301, 305, 307, 315, 317, 319, 323) goes in a Di01; a retour (302 ... 325) in a Du01 whose
``crossRefnummer`` is the Di01's referentienummer. Both the envelope (against ggk0310_msg.xsd) and the payload
(against its iWmo/iJw XSD, unless ``validate_payload=False``) are validated.
"""

from __future__ import annotations

import base64
import binascii
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from lxml import etree

from .errors import NotXml, UnknownMessage, XsdError
from .safe import MAX_BYTES, parse_xml
from .schemas import SCHEMA_DIR

__all__ = ["Envelope", "read_envelope", "unwrap", "wrap", "envelope_schema"]

GGK = "http://www.stufstandaarden.nl/sectormodel/ggk/0210"
STUF = "http://www.egem.nl/StUF/StUF0301"
XMIME = "http://www.w3.org/2005/05/xmlmime"
_S, _G = "{" + STUF + "}", "{" + GGK + "}"
_DI01 = "envelopHeenbericht-ggk_Di01"
_DU01 = "envelopRetourbericht-ggk_Du01"
ENVELOPE_XSD = SCHEMA_DIR / "ggk-stuf-envelop-2.1/ggk0310_21_03/ggk0310_21/ggkberichten/ggk0310_msg.xsd"


@cache
def envelope_schema() -> etree.XMLSchema:
    """The compiled ggk0310_msg.xsd (once per process)."""
    return etree.XMLSchema(
        etree.parse(str(ENVELOPE_XSD), etree.XMLParser(no_network=True, resolve_entities=False))
    )


@dataclass(kw_only=True, slots=True, frozen=True)
class Envelope:
    """The routing data of one envelope plus its decoded payload."""

    berichtcode: str  # "Di01" or "Du01"
    zender: str  # organisatie: CBS gemeentecode or AGB code
    ontvanger: str
    referentienummer: str
    tijdstip: str
    functie: str
    payload: bytes
    crossrefnummer: str | None = None
    zender_applicatie: str | None = None
    ontvanger_applicatie: str | None = None
    referentienummer_bericht: str | None = None
    crossrefnummer_bericht: str | None = None


_lock = threading.Lock()


def _validate_envelope(root: etree._Element) -> None:
    schema = envelope_schema()
    with _lock:  # the schema's error_log is shared state (see schemas.py)
        if schema.validate(root):
            return
        errors = [f"regel {e.line}: {e.message}" for e in schema.error_log]
    raise XsdError(f"De StUF-envelop voldoet niet aan ggk0310 ({len(errors)} fout(en)): {errors[0]}", errors)


def wrap(
    payload: bytes,
    *,
    zender: str,
    ontvanger: str,
    referentienummer: str | None = None,
    crossrefnummer: str | None = None,
    referentienummer_bericht: str | None = None,
    crossrefnummer_bericht: str | None = None,
    tijdstip: datetime | None = None,
    zender_applicatie: str = "Schakel",
    ontvanger_applicatie: str = "GGk",
    applicatie_versie: str = "0001",
    applicatie_subversie: str = "0000",
    validate_payload: bool = True,
) -> bytes:
    """Wrap an iWmo/iJw message in a Di01 (heenbericht) or Du01 (retour; needs ``crossrefnummer``).

    ``referentienummer`` defaults to a fresh UUID v4; ``referentienummer_bericht`` to the payload's
    BerichtIdentificatie. Returns the UTF-8 envelope, validated against ggk0310_msg.xsd.
    """
    from . import parse_message

    message = parse_message(payload) if validate_payload else None
    if message is None:
        from . import detect

        kind = detect(payload)
        functie, retour, ident = kind.name, kind.is_retour, None
    else:
        functie, retour, ident = message.name, message.is_retour, message.identificatie
    if retour and not crossrefnummer:
        raise ValueError("een retourbericht gaat in een Du01 en heeft het crossRefnummer van de Di01 nodig")
    du01 = retour
    S, G = _S, _G
    root = etree.Element(G + (_DU01 if du01 else _DI01), nsmap={"StUF": STUF, "GGK": GGK, "xmime": XMIME})
    sg = etree.SubElement(root, G + "stuurgegevens")
    etree.SubElement(sg, S + "berichtcode").text = "Du01" if du01 else "Di01"
    for tag, org, app in (
        ("zender", zender, zender_applicatie),
        ("ontvanger", ontvanger, ontvanger_applicatie),
    ):
        sys_el = etree.SubElement(sg, S + tag)
        etree.SubElement(sys_el, S + "organisatie").text = org
        etree.SubElement(sys_el, S + "applicatie").text = app
    etree.SubElement(sg, S + "referentienummer").text = referentienummer or str(uuid.uuid4())
    etree.SubElement(sg, S + "tijdstipBericht").text = (tijdstip or datetime.now(UTC)).strftime(
        "%Y%m%d%H%M%S"
    )
    if du01:
        etree.SubElement(sg, S + "crossRefnummer").text = crossrefnummer
    etree.SubElement(sg, S + "functie").text = functie
    params = etree.SubElement(root, G + "parameters")
    if referentienummer_bericht or ident:
        etree.SubElement(params, G + "referentienummerBericht").text = referentienummer_bericht or ident
    if du01 and crossrefnummer_bericht:
        etree.SubElement(params, G + "crossRefnummerBericht").text = crossrefnummer_bericht
    etree.SubElement(params, G + "applicatieVersie").text = applicatie_versie
    etree.SubElement(params, G + "applicatieSubversie").text = applicatie_subversie
    etree.SubElement(params, G + "functieVersie").text = "0003"
    etree.SubElement(params, G + "functieSubversie").text = "0002"
    bericht = etree.SubElement(params, G + "bericht")
    bericht.set("{" + XMIME + "}contentType", "application/xml")
    bericht.text = base64.b64encode(payload).decode("ascii")
    _validate_envelope(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def read_envelope(data: bytes, *, max_bytes: int = MAX_BYTES, validate_payload: bool = True) -> Envelope:
    """Safely parse and validate a Di01/Du01 envelope and decode (and by default XSD-validate) its payload."""
    root = parse_xml(data, max_bytes=max_bytes)
    if root.tag not in (_G + _DI01, _G + _DU01):
        raise UnknownMessage(f"Dit is geen GGk-envelop (Di01/Du01) maar {root.tag!r}.")
    _validate_envelope(root)
    S, G = _S, _G
    sg = root.find(G + "stuurgegevens")
    params = root.find(G + "parameters")
    try:
        payload = base64.b64decode(params.findtext(G + "bericht") or "", validate=False)
    except (binascii.Error, ValueError):
        raise NotXml("De inhoud van de envelop (bericht) is geen geldige Base64.") from None
    if validate_payload:
        from . import parse_message

        parse_message(payload, max_bytes=max_bytes)
    return Envelope(
        berichtcode=sg.findtext(S + "berichtcode"),
        zender=sg.findtext(f"{S}zender/{S}organisatie"),
        ontvanger=sg.findtext(f"{S}ontvanger/{S}organisatie"),
        zender_applicatie=sg.findtext(f"{S}zender/{S}applicatie"),
        ontvanger_applicatie=sg.findtext(f"{S}ontvanger/{S}applicatie"),
        referentienummer=sg.findtext(S + "referentienummer"),
        crossrefnummer=sg.findtext(S + "crossRefnummer"),
        tijdstip=sg.findtext(S + "tijdstipBericht"),
        functie=sg.findtext(S + "functie"),
        referentienummer_bericht=params.findtext(G + "referentienummerBericht"),
        crossrefnummer_bericht=params.findtext(G + "crossRefnummerBericht"),
        payload=payload,
    )


def unwrap(data: bytes, *, max_bytes: int = MAX_BYTES, validate_payload: bool = True) -> bytes:
    """The payload bytes of a validated Di01/Du01 envelope (payload XSD-validated unless told otherwise)."""
    return read_envelope(data, max_bytes=max_bytes, validate_payload=validate_payload).payload
