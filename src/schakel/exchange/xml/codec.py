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


def _scalar(kind: int, text: str | None):
    text = text or ""
    if kind == _TEXT:
        return text
    text = text.strip()
    if kind == _INT:
        return int(text)
    if kind == _DATE:
        return date.fromisoformat(text)
    return time.fromisoformat(text)


def decode(el: etree._Element, cls: type):
    """Decode an (XSD-valid) element into ``cls``."""
    _, by_name, _ = _plan(cls)
    kwargs = {}
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        p = by_name.get(_local(tag))
        if p is None:
            raise ValueError(f"unexpected element {tag} in {cls.__name__}")
        k = p.kind
        if k == _OBJ:
            kwargs[p.name] = decode(child, p.cls)
        elif k == _LIST_OBJ:
            sub = p.cls
            kwargs[p.name] = [decode(c, sub) for c in child if isinstance(c.tag, str)]
        elif k == _LIST_TEXT:
            kwargs[p.name] = [c.text or "" for c in child if isinstance(c.tag, str)]
        else:
            kwargs[p.name] = _scalar(k, child.text)
    return cls(**kwargs)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def encode(obj, parent: etree._Element, msg_ns: str, base_ns: str) -> None:
    """Append the children of ``obj`` to ``parent`` (whose tag is already set)."""
    plans, _, is_base = _plan(type(obj))
    ns = "{" + (base_ns if is_base else msg_ns) + "}"
    sub = etree.SubElement
    for p in plans:
        value = getattr(obj, p.name)
        if value is None or (p.item is not None and not value):
            continue
        child = sub(parent, ns + p.name)
        k = p.kind
        if k == _OBJ:
            encode(value, child, msg_ns, base_ns)
        elif k == _LIST_OBJ:
            item_tag = ns + p.item
            for v in value:
                encode(v, sub(child, item_tag), msg_ns, base_ns)
        elif k == _LIST_TEXT:
            item_tag = ns + p.item
            for v in value:
                sub(child, item_tag).text = _text(v)
        else:
            child.text = _text(value)


def to_tree(message: model.Message, kind: MessageKind) -> etree._Element:
    root = etree.Element(
        "{" + kind.namespace + "}Bericht",
        nsmap={kind.prefix: kind.namespace, kind.base_prefix: kind.base_namespace},
    )
    encode(message, root, kind.namespace, kind.base_namespace)
    return root


def decode_message(root: etree._Element, kind: MessageKind) -> model.Message:
    """Decode a validated ``Bericht`` root of ``kind``."""
    _, by_name, _ = _plan(model.Message)
    kwargs = {"law": kind.law, "berichtsoort": kind.soort}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = _local(tag)
        p = by_name[name]
        kwargs[name] = decode(child, p.cls)
    return model.Message(**kwargs)
