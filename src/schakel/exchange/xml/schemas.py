"""The XSD bundle (``src/schakel/exchange/schemas/``) and the compiled-schema cache.

Each message XSD is compiled once per process (``functools.cache``) and reused. An XMLSchema object keeps
its ``error_log`` on the object, so concurrent validations with the same schema (threaded server) would mix
their errors: :func:`validate` holds a per-schema lock (uncontended cost: well under a microsecond).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from functools import cache
from pathlib import Path

from lxml import etree

from .errors import XsdError
from .kinds import KINDS, MessageKind

__all__ = ["SCHEMA_DIR", "schema_for", "schema_path", "validate", "xsd_errors", "preload"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
_locks: defaultdict[MessageKind, threading.Lock] = defaultdict(threading.Lock)


def schema_path(kind: MessageKind) -> Path:
    return SCHEMA_DIR / kind.xsd_file


@cache
def schema_for(kind: MessageKind) -> etree.XMLSchema:
    """The compiled XMLSchema of one message kind (loaded once per process)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.parse(str(schema_path(kind)), parser)
    return etree.XMLSchema(doc)


@cache
def xsd_versions(kind: MessageKind) -> tuple[str, str]:
    """(BasisschemaXsdVersie, BerichtXsdVersie) from the XSD appinfo (IV034: fill XsdVersie from it)."""
    doc = etree.parse(str(schema_path(kind)), etree.XMLParser(no_network=True, resolve_entities=False))
    ns = {"b": kind.base_namespace}
    return (
        doc.findtext(".//b:BasisschemaXsdVersie", namespaces=ns),
        doc.findtext(".//b:BerichtXsdVersie", namespaces=ns),
    )


def preload() -> None:
    """Compile every schema now (e.g. at worker start), so the first message pays nothing."""
    for k in KINDS:
        schema_for(k)


def xsd_errors(schema: etree.XMLSchema) -> list[str]:
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]


def validate(root: etree._Element, kind: MessageKind) -> None:
    """Validate a parsed message against its XSD; raise XsdError listing every schema error."""
    schema = schema_for(kind)
    with _locks[kind]:
        if schema.validate(root):
            return
        errors = xsd_errors(schema)
    raise XsdError(
        f"Het bericht {kind.name} voldoet niet aan het XSD ({len(errors)} fout(en)): {errors[0]}",
        errors,
        kind,
    )
