"""The dashboards (disclosure-controlled) and drill-through to the cases behind a number."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import advisory, services
from .. import dashboard as board
from ..indicators import REGISTRY
from ._common import period_form


@login_required
@require_GET
def dashboard(request):
    form, gemeente, params = period_form(request, services.VIEW)
    info = services.extract_info()
    sections = []
    if params is not None and info.exists:
        res = services.results(request.user, gemeente, params, board.all_names())
        may_drill = services.policy_for(request.user).has_perm(services.DRILL, gemeente.pk)
        sections = board.build(res, drillable=services.DRILLABLE if may_drill else {})
        for extra in (advisory.section(gemeente, params), advisory.partners_section(gemeente, params)):
            if extra is not None:
                sections.append(extra)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "gemeente": gemeente,
            "params": params,
            "info": info,
            "sections": sections,
            "query": request.GET.urlencode(),
            "may_report": services.policy_for(request.user).has_perm(services.REPORT, gemeente.pk),
            "may_refresh": services.policy_for(request.user).has_perm(services.REFRESH, gemeente.pk),
        },
    )


@login_required
@require_GET
def drill(request):
    """``?indicator=...&law=...`` (or ``wijk_code`` + ``combination``) plus the period filters."""
    form, gemeente, params = period_form(request, services.DRILL)
    name = request.GET.get("indicator", "")
    cell = {k: request.GET.get(k, "") for k in services.DRILLABLE.get(name, ())}
    cases, total, error = [], 0, ""
    if params is not None and name:
        try:
            cases, total = services.drill_through(request.user, gemeente, name, cell, params)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "monitoring/drill.html",
        {
            "form": form,
            "gemeente": gemeente,
            "indicator": REGISTRY.get(name),
            "cell": cell,
            "cases": cases,
            "total": total,
            "hidden": total - len(cases),
            "error": error,
            "query": request.GET.urlencode(),
        },
    )
