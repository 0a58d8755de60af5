"""Council report downloads (PDF, CSV, XLSX) and the extract refresh."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import report as council
from .. import services
from ._common import period_form

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def report(request):
    """The report page: choose a period, download the PDF or the CBS-layout exports."""
    form, gemeente, params = period_form(request, services.REPORT, with_wijk=False)
    return render(
        request,
        "monitoring/report_page.html",
        {
            "form": form,
            "gemeente": gemeente,
            "params": params,
            "info": services.extract_info(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def export(request):
    """``?formaat=pdf|csv|xlsx`` plus the period filters."""
    form, gemeente, params = period_form(request, services.REPORT, with_wijk=False)
    fmt = request.GET.get("formaat", "pdf")
    if fmt not in CONTENT_TYPES:
        fmt = "pdf"
    if params is None or not services.extract_info().exists:
        messages.error(request, _("Kies een geldige periode; is er al een extract?"))
        return redirect("monitoring:report")
    if fmt == "pdf":
        content = council.render_pdf(gemeente, params)
    else:
        table = council.cbs_table(gemeente, params)
        if fmt == "csv":
            content = council.to_csv(table)
        else:
            content = council.to_xlsx(table, title=f"{gemeente.name} {council.period_label(params)}")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{council.filename(gemeente, params, fmt)}"'
    return response


@login_required
@require_POST
def refresh(request):
    """Queue the extract job (functioneel beheerder)."""
    if not services.gemeenten_for(request.user, services.REFRESH):
        raise PermissionDenied
    from ..tasks import refresh_extract

    refresh_extract.enqueue(full=bool(request.POST.get("full")))
    messages.success(request, _("Het extract wordt op de achtergrond ververst."))
    return redirect("monitoring:dashboard")
