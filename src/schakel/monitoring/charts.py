"""Vega-Lite specifications of the monitor charts, built from disclosure-controlled results.

Rendered in the browser by ``web/static/web/charts.js`` (vendored vega, vega-lite, vega-embed; the
expression interpreter, no eval, so the CSP holds) and offline to SVG by ``vl_convert`` for the PDF report.
Suppressed cells are ``null`` and simply not drawn; every chart has a table with the same numbers next to it.
"""

from __future__ import annotations

import math

import pandas as pd
from django.utils.translation import gettext as _

from .presentation import label, readable

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

#: Dutch number formatting (1.234,5) for axes and tooltips.
CONFIG = {
    "font": "sans-serif",
    "locale": {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}},
}


def _values(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    out = []
    for record in readable(frame)[columns].to_dict("records"):
        clean = {}
        for k, v in record.items():
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                clean[k] = None
            elif hasattr(v, "item"):
                clean[k] = v.item()
            else:
                clean[k] = v
        out.append(clean)
    return out


def bar(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None = None,
    title: str,
    description: str = "",
    sort: list[str] | None = None,
    width: int | str = "container",
) -> dict:
    """A (grouped) bar chart: categories on ``x``, value ``y``, groups by ``color``."""
    columns = [c for c in (x, y, color) if c]
    encoding = {
        "x": {"field": x, "type": "nominal", "title": label(x), "axis": {"labelAngle": 0}},
        "y": {"field": y, "type": "quantitative", "title": label(y)},
        "tooltip": [{"field": c, "title": label(c)} for c in columns],
    }
    if sort is None and x == "age_group":
        from .extract.schema import AGE_GROUPS

        sort = list(AGE_GROUPS)
    if sort:
        encoding["x"]["sort"] = sort
    if color:
        encoding["color"] = {"field": color, "type": "nominal", "title": label(color)}
        encoding["xOffset"] = {"field": color}
    return {
        "$schema": SCHEMA,
        "title": title,
        "description": description or title,
        "width": width,
        "height": 220,
        "data": {"values": _values(frame, columns)},
        "mark": {"type": "bar", "tooltip": True, "aria": False},
        "encoding": encoding,
        "config": CONFIG,
    }


def stacked_units(persons: pd.DataFrame, households: pd.DataFrame, title: str) -> dict:
    """Persons and households per CBS combination side by side."""
    rows = []
    for unit, frame, column in (
        (_("Personen"), persons, "persons"),
        (_("Huishoudens"), households, "households"),
    ):
        for record in _values(frame, ["label", column]):
            rows.append({"label": record["label"], "eenheid": unit, "aantal": record[column]})
    from .indicators.stapeling import COMBINATIONS

    return {
        "$schema": SCHEMA,
        "title": title,
        "description": title,
        "width": "container",
        "height": 240,
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True, "aria": False},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "title": _("Combinatie"),
                "sort": list(COMBINATIONS.values()),
            },
            "x": {"field": "aantal", "type": "quantitative", "title": _("Aantal")},
            "color": {"field": "eenheid", "type": "nominal", "title": _("Eenheid")},
            "yOffset": {"field": "eenheid"},
        },
        "config": CONFIG,
    }


def to_svg(spec: dict) -> str:
    """Render a spec to SVG offline (vl-convert; no browser, no network)."""
    import vl_convert

    spec = dict(spec)
    if spec.get("width") == "container":
        spec["width"] = 460
    return vl_convert.vegalite_to_svg(spec)
