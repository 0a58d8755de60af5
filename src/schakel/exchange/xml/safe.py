"""Hardened XML parsing (issue 4 "Bad input and reliability"; OP179).

* no network (``no_network``), no DTD loading or validation, no entity substitution
  (``resolve_entities=False``), ``huge_tree`` off (libxml2's own depth/size limits stay active);
* any DOCTYPE is rejected outright (no billion laughs, no XXE even unexpanded);
* size cap: :data:`MAX_BYTES` (25 MB, OP179) checked before parsing;
* encoding: UTF-8 only (the standard and GGk require UTF-8). A UTF-16/32 BOM or NUL bytes, an XML
  declaration naming another encoding, or bytes that are not valid UTF-8 -> :class:`BadEncoding`.
  A UTF-8 BOM is tolerated.

One parser object per thread (lxml parsers are not thread-safe); it is reused, which is much cheaper than
creating a parser per message.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from .errors import BadEncoding, NotXml, TooLarge, UnsafeXml

__all__ = ["MAX_BYTES", "parse_xml", "safe_parser"]

#: OP179: at most 25 MB per file. 25 * 1024 * 1024 bytes.
MAX_BYTES = 25 * 1024 * 1024

_local = threading.local()
_DECL = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMES = {b"utf-8", b"utf8"}


def safe_parser() -> etree.XMLParser:
    """The thread's hardened parser."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def _check_encoding(data: bytes) -> bytes:
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise BadEncoding(
            "Het bestand is niet in UTF-8 gecodeerd (UTF-16 of UTF-32); alleen UTF-8 is toegestaan."
        )
    m = _DECL.match(data[:200])
    if m and m.group(1).lower() not in _UTF8_NAMES:
        raise BadEncoding(
            f"Het bestand noemt tekenset {m.group(1).decode('ascii', 'replace')!r}; alleen UTF-8 is toegestaan."
        )
    return data


def parse_xml(data: bytes, *, max_bytes: int = MAX_BYTES) -> etree._Element:
    """Parse untrusted bytes safely and return the root element.

    Raises TooLarge, BadEncoding, UnsafeXml or NotXml (all XmlRejected) with a Dutch message.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise BadEncoding("Het bericht moet als bytes (UTF-8) worden aangeleverd, niet als tekst.")
    if len(data) > max_bytes:
        raise TooLarge(
            f"Het bestand is {len(data):,} bytes; het maximum is {max_bytes:,} bytes (25 MB, OP179).".replace(
                ",", "."
            )
        )
    data = _check_encoding(bytes(data))
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsafeXml("Het bestand bevat een DOCTYPE of ENTITY-declaratie; die zijn niet toegestaan.")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        text = str(exc)
        if "encoding" in text.lower() or "utf-8" in text.lower() or "Char 0x" in text:
            raise BadEncoding(f"Het bestand is geen geldige UTF-8: {text}") from None
        raise NotXml(f"Het bestand is geen goed gevormde XML: {text}") from None
    if root is None:
        raise NotXml("Het bestand is leeg of bevat geen XML-element.")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXml("Het bestand bevat een DOCTYPE; die is niet toegestaan.")
    return root
