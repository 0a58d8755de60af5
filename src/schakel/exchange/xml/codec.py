"""Element tree <-> :mod:`.model` dataclasses, driven by the dataclass fields (computed once per class).

Decoding walks the children once (no XPath); each class has a dict from local element name to a field
plan. Encoding emits the fields in declaration order, which is the XSD sequence order (see model.py).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, time

from lxml import etree

from . import model
from .kinds import MessageKind

__all__ = ["decode", "encode"]

_TEXT, _INT, _DATE, _TIME, _OBJ, _LIST_TEXT, _LIST_OBJ = range(7)


class _Plan(typing.NamedTuple):
    name: str
    kind: int
    cls: type | None
    item: str | None


def _unwrap_optional(tp):
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0]
    return tp


_SCALARS = {str: _TEXT, int: _INT, date: _DATE, time: _TIME}
_plans: dict[type, tuple[tuple[_Plan, ...], dict[str, _Plan], bool]] = {}


def _plan(cls: type):
    cached = _plans.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls, vars(model), vars(model))
    plans = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("skip"):
            continue
        tp = _unwrap_optional(hints[f.name])
        item = f.metadata.get("item")
        if item is not None:
            (arg,) = typing.get_args(tp)
            plans.append(
                _Plan(f.name, _LIST_TEXT if arg is str else _LIST_OBJ, None if arg is str else arg, item)
            )
        elif tp in _SCALARS:
            plans.append(_Plan(f.name, _SCALARS[tp], None, None))
        else:
            plans.append(_Plan(f.name, _OBJ, tp, None))
    result = (tuple(plans), {p.name: p for p in plans}, cls._NS == "base")
    _plans[cls] = result
    return result


def _local(tag: str) -> str:
    return tag[tag.index("}") + 1 :] if tag[0] == "{" else tag


def _date(text: str | None) -> date:
    return date.fromisoformat((text or "").strip())


def _time(text: str | None) -> time:
    return time.fromisoformat((text or "").strip())


def _int(text: str | None) -> int:
    return int(text or "")


def _str(text: str | None) -> str:
    return text or ""


_CONVERT = {_TEXT: _str, _INT: _int, _DATE: _date, _TIME: _time}


class _Decoder:
    """Decoding table of one class in one (message namespace, basisschema namespace) context:
    full child tag -> (attribute name, kind, sub-decoder or converter)."""

    __slots__ = ("cls", "table")

    def __init__(self, cls: type):
        self.cls = cls
        self.table: dict[str, tuple] = {}


_decoders: dict[tuple[type, str, str], _Decoder] = {}


def _decoder(cls: type, msg_ns: str, base_ns: str) -> _Decoder:
    key = (cls, msg_ns, base_ns)
    dec = _decoders.get(key)
    if dec is not None:
        return dec
    dec = _decoders[key] = _Decoder(cls)
    plans, _, is_base = _plan(cls)
    ns = "{" + (base_ns if is_base else msg_ns) + "}"
    for p in plans:
        if p.kind == _OBJ:
            entry = (p.name, _OBJ, _decoder(p.cls, msg_ns, base_ns))
        elif p.kind == _LIST_OBJ:
            entry = (p.name, _LIST_OBJ, _decoder(p.cls, msg_ns, base_ns))
        elif p.kind == _LIST_TEXT:
            entry = (p.name, _LIST_TEXT, None)
        else:
            entry = (p.name, p.kind, _CONVERT[p.kind])
        dec.table[ns + p.name] = entry
    return dec


def _decode(el: etree._Element, dec: _Decoder):
    table = dec.table
    kwargs = {}
    for child in el:
        try:
            name, k, sub = table[child.tag]
        except KeyError:
            raise ValueError(f"onverwacht element {child.tag} in {dec.cls.__name__}") from None
        if k < _OBJ:  # leaf (most frequent): sub is the converter
            kwargs[name] = sub(child.text)
        elif k == _OBJ:
            kwargs[name] = _decode(child, sub)
        elif k == _LIST_OBJ:
            kwargs[name] = [_decode(c, sub) for c in child]
        else:
            kwargs[name] = [c.text or "" for c in child]
    return dec.cls(**kwargs)


def decode(el: etree._Element, cls: type, kind: MessageKind):
    """Decode an (XSD-valid) element of a ``kind`` message into ``cls``.

    The tree must come from the safe parser (comments and processing instructions removed).
    """
    return _decode(el, _decoder(cls, kind.namespace, kind.base_namespace))


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


_encoders: dict[tuple[type, str, str], tuple] = {}


def _encoder(cls: type, msg_ns: str, base_ns: str) -> tuple:
    """(attribute name, full tag, kind, full item tag, sub-encoder) per field of ``cls``, in XSD order."""
    key = (cls, msg_ns, base_ns)
    enc = _encoders.get(key)
    if enc is not None:
        return enc
    plans, _, is_base = _plan(cls)
    ns = "{" + (base_ns if is_base else msg_ns) + "}"
    rows = []
    _encoders[key] = rows  # placeholder for recursion (classes are not self-recursive, but be safe)
    for p in plans:
        sub = _encoder(p.cls, msg_ns, base_ns) if p.kind in (_OBJ, _LIST_OBJ) else None
        rows.append((p.name, ns + p.name, p.kind, ns + p.item if p.item else None, sub))
    enc = _encoders[key] = tuple(rows)
    return enc


def _encode(obj, parent: etree._Element, enc: tuple) -> None:
    sub = etree.SubElement
    for name, tag, k, item_tag, sub_enc in enc:
        value = getattr(obj, name)
        if value is None:
            continue
        if k == _OBJ:
            _encode(value, sub(parent, tag), sub_enc)
        elif k == _LIST_OBJ:
            if value:
                child = sub(parent, tag)
                for v in value:
                    _encode(v, sub(child, item_tag), sub_enc)
        elif k == _LIST_TEXT:
            if value:
                child = sub(parent, tag)
                for v in value:
                    sub(child, item_tag).text = v if v.__class__ is str else _text(v)
        elif k == _TEXT:
            sub(parent, tag).text = value if value.__class__ is str else _text(value)
        else:
            sub(parent, tag).text = _text(value)


def encode(obj, parent: etree._Element, msg_ns: str, base_ns: str) -> None:
    """Append the children of ``obj`` to ``parent`` (whose tag is already set)."""
    _encode(obj, parent, _encoder(type(obj), msg_ns, base_ns))


def to_tree(message: model.Message, kind: MessageKind) -> etree._Element:
    root = etree.Element(
        "{" + kind.namespace + "}Bericht",
        nsmap={kind.prefix: kind.namespace, kind.base_prefix: kind.base_namespace},
    )
    encode(message, root, kind.namespace, kind.base_namespace)
    return root


def decode_message(root: etree._Element, kind: MessageKind) -> model.Message:
    """Decode a validated ``Bericht`` root of ``kind``."""
    table = _decoder(model.Message, kind.namespace, kind.base_namespace).table
    kwargs = {"law": kind.law, "berichtsoort": kind.soort}
    for child in root:
        name, _, sub = table[child.tag]
        kwargs[name] = _decode(child, sub)
    return model.Message(**kwargs)
