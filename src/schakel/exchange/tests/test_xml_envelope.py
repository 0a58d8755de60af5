"""GGk StUF envelope ggk0310 2.1: wrap/unwrap Di01 (heenbericht) and Du01 (retour), validated."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

import pytest
from lxml import etree

from schakel.exchange.xml import NotXml, UnknownMessage, UnsafeXml, XsdError, build_message, unwrap, wrap
from schakel.exchange.xml.envelope import ENVELOPE_XSD, envelope_schema, read_envelope
from schakel.exchange.xml.schemas import SCHEMA_DIR

from .test_xml_codec import heen, retour

GGK_DIR = SCHEMA_DIR / "ggk-stuf-envelop-2.1/ggk0310_21_03"


def test_wrap_heenbericht_in_di01_and_unwrap():
    payload = build_message(heen("iwmo", "301"))
    env = wrap(
        payload, zender="0363", ontvanger="12345678", tijdstip=datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    )
    e = read_envelope(env)
    assert e.berichtcode == "Di01" and e.functie == "WMO301"
    assert (e.zender, e.ontvanger, e.ontvanger_applicatie) == ("0363", "12345678", "GGk")
    assert uuid.UUID(e.referentienummer).version == 4
    assert e.tijdstip == "20261102093000" and e.referentienummer_bericht == "T1"
    assert e.payload == payload and unwrap(env) == payload


def test_wrap_retour_in_du01_with_crossref():
    h = heen("ijw", "315")
    di01 = read_envelope(wrap(build_message(h), zender="12345678", ontvanger="0363"))
    payload = build_message(retour(h))
    env = wrap(
        payload,
        zender="0363",
        ontvanger="12345678",
        crossrefnummer=di01.referentienummer,
        crossrefnummer_bericht="H315",
    )
    e = read_envelope(env)
    assert e.berichtcode == "Du01" and e.functie == "JW316"
    assert e.crossrefnummer == di01.referentienummer and e.crossrefnummer_bericht == "H315"
    assert unwrap(env) == payload


def test_retour_needs_crossref():
    with pytest.raises(ValueError):
        wrap(build_message(retour(heen("iwmo", "305"))), zender="0363", ontvanger="12345678")


def test_wrap_refuses_an_invalid_payload():
    with pytest.raises(NotXml):
        wrap(b"<a>", zender="0363", ontvanger="12345678")


def test_unwrap_validates_the_payload():
    env = (GGK_DIR / "ggk0310_21/ggkberichten/ggk_Di01.xml").read_bytes()
    # The official example carries a placeholder text ("Hier staat het heenbericht"), not a message.
    assert unwrap(env, validate_payload=False) == b"Hier staat het heenbericht"
    with pytest.raises(NotXml):
        unwrap(env)


@pytest.mark.parametrize(
    "name",
    [
        "ggk0310_21/ggkberichten/ggk_Di01.xml",
        "ggk0310_21/ggkberichten/ggk_Du01.xml",
        "voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21.xml",
    ],
)
def test_official_examples_validate(name):
    assert read_envelope((GGK_DIR / name).read_bytes(), validate_payload=False).berichtcode in (
        "Di01",
        "Du01",
    )


def test_malformed_official_example_is_rejected():
    """envelopRetourbericht-ggk_Du01-v21.xml has stray quote characters in its root tag (kept verbatim)."""
    with pytest.raises(NotXml):
        unwrap((GGK_DIR / "voorbeeldberichten/envelopRetourbericht-ggk_Du01-v21.xml").read_bytes())


def test_envelope_schema_violation():
    env = wrap(build_message(heen("iwmo", "305")), zender="12345678", ontvanger="0363")
    bad = env.replace(b"<StUF:berichtcode>Di01<", b"<StUF:berichtcode>Lk01<")
    with pytest.raises(XsdError):
        unwrap(bad)


def test_not_an_envelope():
    with pytest.raises(UnknownMessage):
        unwrap(build_message(heen("iwmo", "305")))


def test_envelope_parsing_is_hardened():
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    with pytest.raises(UnsafeXml):
        unwrap(evil)


def test_payload_is_base64_of_the_exact_bytes():
    payload = build_message(heen("iwmo", "323"))
    env = wrap(payload, zender="12345678", ontvanger="0363")
    root = etree.fromstring(env)
    assert envelope_schema().validate(root), ENVELOPE_XSD
    text = root.findtext(".//{http://www.stufstandaarden.nl/sectormodel/ggk/0210}bericht")
    assert base64.b64decode(text) == payload
