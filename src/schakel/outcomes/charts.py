"""Vega-Lite specifications of the outcome charts (rendered by ``web/static/web/charts.js`` with the vendored
vega, vega-lite and vega-embed, CSP-compliant: the expression interpreter, no ``eval``).

The spec travels in a ``data-chart-spec`` attribute (HTML-escaped JSON): htmx runs with ``allowScriptTags``
off, so a ``<script type="application/json">`` would not survive the fragment swap."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _


def chart_spec(person, instrument, measurements, levels: list[int], element_id: str) -> dict:
    """Scores per domain over time for one person and ONE instrument version (versions are never mixed)."""
    values = [
        {
            "datum": m.measured_on.isoformat(),
            "domein": score.domain.name,
            "score": score.score,
            "moment": m.get_moment_display(),
        }
        for m in measurements
        for score in m.scores.all()
        if score.score is not None
    ]
    low, high = (min(levels), max(levels)) if levels else (1, 5)
    description = _("Scores per domein over de tijd van %(p)s met %(i)s") % {
        "p": person.full_name,
        "i": instrument,
    }
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": description,
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"filled": True, "size": 70}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "datum", "type": "temporal", "title": _("Datum"), "axis": {"format": "%d-%m-%Y"}},
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": _("Score"),
                "scale": {"domain": [low, high]},
                "axis": {"values": list(range(low, high + 1)), "format": "d"},
            },
            "color": {"field": "domein", "type": "nominal", "title": _("Domein")},
            "shape": {"field": "domein", "type": "nominal", "title": _("Domein")},
            "tooltip": [
                {"field": "domein", "title": _("Domein")},
                {"field": "moment", "title": _("Moment")},
                {"field": "datum", "type": "temporal", "title": _("Datum"), "format": "%d-%m-%Y"},
                {"field": "score", "title": _("Score")},
            ],
        },
    }
    table = _table(measurements)
    return {
        "id": element_id,
        "spec_json": json.dumps(spec, cls=DjangoJSONEncoder),
        "instrument": instrument,
        "spec": spec,
        "points": len(values),
        "description": description,
        "table": table,
    }


def _table(measurements) -> dict:
    """The chart as a table (text alternative, WCAG 2.1 SC 1.1.1): domains × measurements."""
    columns = list(measurements)
    domains: dict[str, dict[int, int | None]] = {}
    for index, m in enumerate(columns):
        for score in m.scores.all():
            if score.relevant:
                domains.setdefault(score.domain.name, {})[index] = score.score
    return {
        "columns": columns,
        "rows": [(name, [cells.get(i) for i in range(len(columns))]) for name, cells in domains.items()],
    }
