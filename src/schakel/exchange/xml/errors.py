"""Rejections of the XML layer. Every error carries a plain Dutch ``message`` for the inbox.

All are control level 1 (IV032): the message is rejected without a retour (transport error StUF055 /
VECOZO CC02; for size IB007/CC03).
"""

from __future__ import annotations

__all__ = [
    "BadEncoding",
    "NotXml",
    "TooLarge",
    "UnknownMessage",
    "UnsafeXml",
    "XmlRejected",
    "XsdError",
]


class XmlRejected(ValueError):
    """Base class: the bytes are not an acceptable iWmo/iJw message (level 1, no retour)."""

    code = "xml"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TooLarge(XmlRejected):
    """Larger than the cap (25 MB per file, OP179; GGk IB007, VECOZO CC03)."""

    code = "too_large"


class BadEncoding(XmlRejected):
    """Not UTF-8 (declared or actual), e.g. UTF-16 or Latin-1 bytes, or a mislabelled declaration."""

    code = "bad_encoding"


class UnsafeXml(XmlRejected):
    """A DOCTYPE/DTD, entity declaration or processing that could reach the network or expand entities."""

    code = "unsafe"


class NotXml(XmlRejected):
    """Not well-formed XML."""

    code = "not_xml"


class UnknownMessage(XmlRejected):
    """Well-formed XML, but the root is not a ``Bericht`` of an iWmo/iJw 3.2 message namespace."""

    code = "unknown_message"


class XsdError(XmlRejected):
    """The message does not validate against its XSD. ``errors`` lists "line N: text" per schema error."""

    code = "xsd"

    def __init__(self, message: str, errors: list[str], kind=None):
        super().__init__(message)
        self.errors = errors
        self.kind = kind
