"""The hardened parser: no entity expansion, no DTD, no network, size cap (OP179), UTF-8 only (issue 4)."""

from __future__ import annotations

import pytest

from schakel.exchange.xml import (
    MAX_BYTES,
    BadEncoding,
    NotXml,
    TooLarge,
    UnknownMessage,
    UnsafeXml,
    XmlRejected,
    XsdError,
    detect,
    parse_message,
)
from schakel.exchange.xml.safe import parse_xml
from schakel.exchange.xml.schemas import SCHEMA_DIR

VALID = (SCHEMA_DIR / "iwmo-3.2/voorbeelden/WMO305.xml").read_bytes()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>"""

XXE_FILE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">&xxe;</wmo305:Bericht>"""

XXE_NETWORK = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE foo SYSTEM "http://127.0.0.1:1/evil.dtd">
<foo>&xxe;</foo>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]><data/>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE_FILE, XXE_NETWORK, PARAMETER_ENTITY])
def test_dtd_and_entities_are_rejected(payload):
    with pytest.raises(UnsafeXml) as exc:
        parse_message(payload)
    assert "DOCTYPE" in exc.value.message


def test_entity_in_body_without_doctype_is_not_expanded():
    """An undeclared entity reference is a well-formedness error, never a lookup."""
    with pytest.raises(NotXml):
        parse_xml(b"<a>&xxe;</a>")


def test_doctype_hidden_after_bom_is_still_rejected():
    with pytest.raises(UnsafeXml):
        parse_xml(b"\xef\xbb\xbf" + XXE_FILE)


def test_parser_settings_are_hardened():
    from schakel.exchange.xml.safe import safe_parser

    # Defence in depth: even if a DOCTYPE got past the byte check, the parser itself resolves nothing.
    parser = safe_parser()
    from lxml import etree

    root = etree.fromstring(b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>', parser)
    assert "root:" not in etree.tostring(root).decode()


def test_too_large_is_rejected_before_parsing():
    data = b"<a>" + b"x" * (MAX_BYTES) + b"</a>"
    with pytest.raises(TooLarge) as exc:
        parse_message(data)
    assert "25 MB" in exc.value.message


def test_size_cap_is_configurable():
    with pytest.raises(TooLarge):
        parse_message(VALID, max_bytes=100)


def test_utf16_with_bom_is_rejected():
    data = VALID.decode("utf-8").encode("utf-16")
    with pytest.raises(BadEncoding):
        parse_message(data)


def test_utf16_mislabelled_as_utf8_is_rejected():
    """UTF-16 bytes without BOM whose declaration says UTF-8."""
    data = VALID.decode("utf-8").encode("utf-16-le")
    assert b'encoding="UTF-8"' not in data  # the declaration says UTF-8, but in UTF-16 code units
    with pytest.raises(BadEncoding):
        parse_message(data)


def test_other_declared_encoding_is_rejected():
    data = VALID.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
    with pytest.raises(BadEncoding) as exc:
        parse_message(data)
    assert "ISO-8859-1" in exc.value.message


def test_latin1_bytes_labelled_utf8_are_rejected():
    data = VALID.replace(b"<wmo305:Bsn>", "<!-- caf\u00e9 -->".encode("latin-1") + b"<wmo305:Bsn>", 1)
    with pytest.raises(BadEncoding):
        parse_message(data)


def test_text_instead_of_bytes_is_rejected():
    with pytest.raises(BadEncoding):
        parse_message(VALID.decode("utf-8"))


def test_utf8_bom_is_tolerated():
    assert parse_message(b"\xef\xbb\xbf" + VALID).name == "WMO305"


@pytest.mark.parametrize("data", [b"", b"hello", b'{"json": true}', b"<a><b></a>", b"\x89PNG\r\n\x1a\n"])
def test_not_xml_is_rejected(data):
    with pytest.raises((NotXml, BadEncoding)):
        parse_message(data)


def test_unknown_namespace_is_rejected():
    with pytest.raises(UnknownMessage):
        parse_message(b'<Bericht xmlns="http://www.istandaarden.nl/iwlz/2_4/wlz301/schema"/>')
    with pytest.raises(UnknownMessage):
        detect(b"<Bericht/>")
    with pytest.raises(UnknownMessage):  # right namespace, wrong root
        detect(b'<Header xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"/>')


def test_xsd_error_lists_every_error():
    data = VALID.replace(b"<wmo305:Bsn>999900006</wmo305:Bsn>", b"<wmo305:Bsn>12</wmo305:Bsn>")
    data = data.replace(
        b"<wmo305:BerichtCode>418</wmo305:BerichtCode>", b"<wmo305:BerichtCode>999</wmo305:BerichtCode>"
    )
    with pytest.raises(XsdError) as exc:
        parse_message(data)
    assert len(exc.value.errors) == 2
    assert exc.value.message.startswith("Het bericht WMO305 voldoet niet aan het XSD")


def test_every_rejection_is_a_value_error_with_dutch_message():
    for data in (b"", BILLION_LAUGHS, VALID.decode().encode("utf-16")):
        with pytest.raises(XmlRejected) as exc:
            parse_message(data)
        assert isinstance(exc.value, ValueError)
        assert exc.value.message.startswith("Het ")


def test_xsd_valid_value_python_cannot_hold_is_a_clean_rejection():
    """xs:time allows 24:00:00 (end of day); datetime.time does not - rejected as level 1, not a crash."""
    data = (SCHEMA_DIR / "ijw-3.2/voorbeelden/JW301.xml").read_bytes()
    start = data.index(b"<jw301:Toewijzingstijd>") + len(b"<jw301:Toewijzingstijd>")
    end = data.index(b"</jw301:Toewijzingstijd>")
    with pytest.raises(XsdError) as exc:
        parse_message(data[:start] + b"24:00:00" + data[end:])
    assert "niet verwerkt" in exc.value.message


def test_concurrent_validation_keeps_errors_apart():
    """Schemas are shared per process; their error logs must not mix between threads."""
    from concurrent.futures import ThreadPoolExecutor

    bad = VALID.replace(b"<wmo305:Bsn>999900006</wmo305:Bsn>", b"<wmo305:Bsn>12</wmo305:Bsn>")

    def run(i):
        if i % 2:
            return parse_message(VALID).name
        try:
            parse_message(bad)
        except XsdError as exc:
            return tuple(exc.errors)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(400)))
    assert set(results[1::2]) == {"WMO305"}
    assert len(set(results[0::2])) == 1 and len(results[0]) == 1
