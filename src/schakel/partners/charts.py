"""Vega-Lite spec of the collaboration check over time: the average score per part of the leidraad, per
party (gemeente and zorgverzekeraar), so both see where the cooperation grows or stalls."""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import leidraad


def collaboration_chart(checks) -> dict:
    names = {part.code: str(part.name) for part in leidraad.PARTS}
    values = [
        {
            "datum": check.assessed_on.strftime("%d-%m-%Y"),
            "partij": check.get_party_display(),
            "onderdeel": names[code],
            "score": average,
        }
        for check in checks
        for code, average in leidraad.part_averages(check.scores).items()
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": _("Gemiddelde score per onderdeel van de leidraad, per partij, over de tijd"),
        "data": {"values": values},
        "width": "container",
        "height": 220,
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {
                "field": "datum",
                "type": "ordinal",
                "sort": None,
                "title": _("Datum"),
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": _("Score (1–5)"),
                "scale": {"domain": [1, 5]},
            },
            "color": {"field": "onderdeel", "type": "nominal", "title": _("Onderdeel")},
            "strokeDash": {"field": "partij", "type": "nominal", "title": _("Partij")},
        },
    }
