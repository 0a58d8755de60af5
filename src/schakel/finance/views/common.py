"""Helpers of the finance views: permission checks, loading visible objects, the monthly chart spec."""

from __future__ import annotations

import calendar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from schakel.core.access import policy_for

MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]
MONTH_LABELS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def require_any(user, perm: str) -> None:
    """403 unless the user holds ``perm`` in at least one municipality."""
    if not policy_for(user).has_perm(perm):
        raise PermissionDenied(_("U heeft geen toegang tot deze pagina."))


def can(user, perm: str, gemeente_id=None, regio_id=None) -> bool:
    from ..services._base import owner_gemeente_ids

    policy = policy_for(user)
    if gemeente_id is None and regio_id is None:
        return policy.has_perm(perm)
    return any(policy.has_perm(perm, g) for g in owner_gemeente_ids(gemeente_id, regio_id))


def visible_or_404(model, user, pk: int, perm: str, related=()):
    obj = model.objects.visible_to(user, perm).select_related(*related).filter(pk=pk).first()
    if obj is None:
        require_any(user, perm)
        raise Http404
    return obj


def year_from(request, default: int) -> int:
    try:
        year = int(request.GET.get("jaar", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def chart_spec(figures) -> dict:
    """Vega-Lite: realised per month (bars), cumulative realisation (line), budget and forecast (rules)."""
    values, cumulative = [], 0
    for month, cents in enumerate(figures.by_month):
        cumulative += cents
        values.append(
            {
                "maand": MONTH_LABELS[month],
                "nr": month + 1,
                "realisatie": cents / 100,
                "cumulatief": cumulative / 100,
            }
        )
    x = {"field": "maand", "type": "ordinal", "sort": MONTH_LABELS, "title": _("Maand")}
    euro = {"type": "quantitative", "title": _("Euro"), "axis": {"format": ",.0f"}}
    rules = [
        {"label": _("Budget"), "euro": figures.budget_cents / 100},
        {"label": _("Prognose jaareinde"), "euro": figures.forecast_cents / 100},
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": _("Realisatie per maand, cumulatieve realisatie, budget en prognose"),
        "width": "container",
        "height": 240,
        "layer": [
            {
                "data": {"values": values},
                "mark": {"type": "bar", "color": "#7aa6c2"},
                "encoding": {
                    "x": x,
                    "y": {**euro, "field": "realisatie"},
                    "tooltip": [{"field": "maand"}, {"field": "realisatie", "format": ",.2f"}],
                },
            },
            {
                "data": {"values": values},
                "mark": {"type": "line", "point": True, "color": "#1f4e79"},
                "encoding": {"x": x, "y": {**euro, "field": "cumulatief"}},
            },
            {
                "data": {"values": rules},
                "mark": {"type": "rule", "strokeDash": [6, 4]},
                "encoding": {
                    "y": {**euro, "field": "euro"},
                    "color": {
                        "field": "label",
                        "type": "nominal",
                        "title": None,
                        "scale": {"range": ["#333333", "#b3261e"]},
                    },
                },
            },
        ],
    }
