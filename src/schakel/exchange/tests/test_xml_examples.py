"""The example messages of the standard (schemas/*/voorbeelden/) as positive and negative tests (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schakel.exchange.xml import XsdError, build_message, parse_message
from schakel.exchange.xml.schemas import SCHEMA_DIR

EXAMPLES = sorted(SCHEMA_DIR.glob("*/voorbeelden/*.xml"))
BROKEN = {"JW315.xml", "JW318.xml"}
VALID = [p for p in EXAMPLES if p.name not in BROKEN]


def test_all_examples_are_present():
    assert len(EXAMPLES) == 21  # 7 iWmo + 14 iJw
    assert {p.name for p in EXAMPLES} >= BROKEN


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_example_parses_validates_and_round_trips(path: Path):
    data = path.read_bytes()
    message = parse_message(data)
    assert message.name == path.stem
    assert message.Header.BerichtCode == message.kind.berichtcode
    rebuilt = build_message(message)  # validates against the XSD
    assert parse_message(rebuilt) == message


def test_broken_jw315_is_rejected_at_level_1():
    """JW315.xml has ToewijzingEinddatum 2027-06-31: June has 30 days, so it is not an xs:date."""
    with pytest.raises(XsdError) as exc:
        parse_message((SCHEMA_DIR / "ijw-3.2/voorbeelden/JW315.xml").read_bytes())
    assert any("ToewijzingEinddatum" in e and "2027-06-31" in e for e in exc.value.errors)
    assert exc.value.kind.name == "JW315"


def test_broken_jw318_is_rejected_at_level_1():
    """JW318.xml puts a bare ``RetourCode`` (9350) inside ``Verzoek`` right after RedenVerzoek. The XSD wants
    the codes of a class wrapped in ``RetourCodes`` and as the LAST child of the class (after the product
    lists), so the element is unexpected at that position."""
    with pytest.raises(XsdError) as exc:
        parse_message((SCHEMA_DIR / "ijw-3.2/voorbeelden/JW318.xml").read_bytes())
    assert any("RetourCode" in e and "not expected" in e for e in exc.value.errors)
    assert exc.value.errors[0].startswith("regel ")
