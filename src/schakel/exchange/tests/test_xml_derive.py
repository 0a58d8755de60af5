"""The derived iWmo retour XSDs (WMO302/306/308/316/318/320/325): reproducible, structurally right, strict."""

from __future__ import annotations

import pytest
from lxml import etree

from schakel.exchange.xml import XsdError, build_message, kind, parse_message
from schakel.exchange.xml.derive import DERIVED, derive_xsd, main, sequence_names
from schakel.exchange.xml.schemas import SCHEMA_DIR

from .test_xml_codec import heen, retour

RETOUR = sorted(DERIVED)


def _names(k):
    return sequence_names(etree.parse(str(SCHEMA_DIR / k.xsd_file)))


@pytest.mark.parametrize("soort", RETOUR)
def test_committed_file_equals_a_fresh_derivation(soort):
    assert (SCHEMA_DIR / kind("iwmo", soort).xsd_file).read_bytes() == derive_xsd(soort)


def test_check_mode(capsys):
    assert main(["--check"]) == 0
    assert "WMO325.xsd" in capsys.readouterr().out


@pytest.mark.parametrize("soort", RETOUR)
def test_derived_structure_is_the_wmo_heenbericht_plus_retourcodes(soort):
    """Every class of the derived retour has exactly the children of the iWmo heenbericht's class, plus
    RetourCodes (IV028); retour-only classes equal the iJw retour's; nothing of the iJw namespace is left."""
    derived = _names(kind("iwmo", soort))
    wmo_heen = _names(kind("iwmo", DERIVED[soort]))
    jw_retour = _names(kind("ijw", soort))
    text = (SCHEMA_DIR / kind("iwmo", soort).xsd_file).read_text()
    assert text.count("DERIVED by schakel.exchange.xml.derive") == 1
    text = text[text.index("<xs:schema") :]  # after the provenance comment
    assert "ijw" not in text and f"jw{soort}" not in text.replace(f"wmo{soort}", "")
    assert set(derived) <= set(jw_retour)
    for name, children in derived.items():
        if name not in wmo_heen or name in (
            "Header",
            "Root",
        ):  # retour-only classes (325: DeclaratieAntwoord)
            assert children == jw_retour[name], name
            continue
        assert [c for c in children if c != "RetourCodes"] == wmo_heen[name], name


def test_ijw_only_elements_are_removed():
    assert "GezagsdragerBekend" in _names(kind("ijw", "316"))["Client"]
    assert "GezagsdragerBekend" not in _names(kind("iwmo", "316"))["Client"]
    assert "Woonplaatsbeginsel" in _names(kind("ijw", "320"))
    assert "Woonplaatsbeginsel" not in _names(kind("iwmo", "320"))
    assert "Woonplaatsbeginsel" not in _names(kind("iwmo", "320"))["Antwoord"]


@pytest.mark.parametrize("soort", RETOUR)
def test_derived_schema_validates_a_built_iwmo_retour(soort):
    r = retour(heen("iwmo", DERIVED[soort]))
    assert parse_message(build_message(r)) == r


@pytest.mark.parametrize("soort", RETOUR)
def test_derived_schema_rejects_the_ijw_berichtcode(soort):
    r = retour(heen("iwmo", DERIVED[soort]))
    r.Header.BerichtCode = kind("ijw", soort).berichtcode
    with pytest.raises(XsdError) as exc:
        build_message(r)
    assert any("BerichtCode" in e for e in exc.value.errors)


def test_derived_schema_uses_wmo_code_lists():
    """RedenBeeindiging 35 exists only for Jeugd (JZ588): the derived WMO308 must reject it."""
    r = retour(heen("iwmo", "307"))
    r.Client.StopProducten[0].RedenBeeindiging = "35"
    with pytest.raises(XsdError):
        build_message(r)
    r.Client.StopProducten[0].RedenBeeindiging = "19"
    build_message(r)


def test_derived_wmo316_rejects_gezagsdrager():
    r = retour(heen("iwmo", "315"))
    r.Client.GezagsdragerBekend = "1"
    with pytest.raises(XsdError):
        build_message(r)
