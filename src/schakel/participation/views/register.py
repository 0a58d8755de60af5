"""The public register (no login): advice given, the municipality's responses and adoption rates per council
per year, with CSV and XLSX export. It never shows drafts, pre-advice or anything about signals' senders."""

from __future__ import annotations

import csv
import io

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from schakel.core.models import Gemeente

from .. import indicators
from ..forms import RegisterFilterForm
from ..models import Advice, AdvicePoint

#: Labels are lazy: a module-level gettext would freeze them in the language active at import time.
COLUMNS = [
    ("gemeente", gettext_lazy("Gemeente")),
    ("council", gettext_lazy("Raad")),
    ("year", gettext_lazy("Jaar")),
    ("given", gettext_lazy("Adviezen")),
    ("requested", gettext_lazy("Gevraagd")),
    ("unrequested", gettext_lazy("Ongevraagd")),
    ("advice_on_time", gettext_lazy("Advies op tijd")),
    ("answered", gettext_lazy("Beantwoord")),
    ("points", gettext_lazy("Adviespunten beantwoord")),
    ("adopted", gettext_lazy("Overgenomen")),
    ("partly", gettext_lazy("Deels overgenomen")),
    ("not_adopted", gettext_lazy("Niet overgenomen")),
    ("adoption_rate", gettext_lazy("Overnamegraad")),
]


#: Advice per page of the register's list (the year's list is paged; the export is never paged).
PAGE_SIZE = 50


def _filters(request) -> tuple[int, Gemeente | None]:
    form = RegisterFilterForm(request.GET)
    year = timezone.localdate().year
    gemeente = None
    if form.is_valid():
        year = form.cleaned_data["jaar"] or year
        code = form.cleaned_data["gemeente"]
        if code:
            gemeente = Gemeente.objects.filter(code=code).first()
            if gemeente is None:
                raise Http404
    return year, gemeente


@require_GET
def register(request):
    year, gemeente = _filters(request)
    rows = indicators.per_council(gemeente.pk if gemeente else None, year)
    advice = (
        Advice.objects.published()
        .filter(submitted_on__year=year)
        .select_related("council", "gemeente", "response")
        .order_by("-submitted_on", "-id")
    )
    if gemeente:
        advice = advice.filter(gemeente=gemeente)
    page = Paginator(advice, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "participation/register/index.html",
        {
            "rows": rows,
            "advice": page,
            "page": page,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "gemeente": gemeente,
            "gemeenten": Gemeente.objects.filter(advices__status__in=indicators.GIVEN)
            .distinct()
            .order_by("name"),
        },
    )


@require_GET
def register_advice(request, pk: int):
    advice = (
        Advice.objects.published()
        .select_related("council", "gemeente", "request")
        .prefetch_related(
            Prefetch("points", queryset=AdvicePoint.objects.order_by("number")), "joint_councils"
        )
        .filter(pk=pk)
        .first()
    )
    if advice is None:
        raise Http404
    response = getattr(advice, "response", None)
    if response is not None and response.published_on is None:
        response = None  # a response is public once published
    return render(request, "participation/register/advice.html", {"advice": advice, "response": response})


def _value(row: dict, key: str):
    value = row[key]
    if key in ("adoption_rate", "advice_on_time"):
        return "" if value is None else f"{value * 100:.0f}%"
    return value


@require_GET
def register_export(request):
    """``?formaat=xlsx`` for Excel, CSV otherwise (semicolon-separated, as Dutch spreadsheets expect)."""
    year, gemeente = _filters(request)
    rows = indicators.per_council(gemeente.pk if gemeente else None, year)
    header = [str(label) for _key, label in COLUMNS]
    if request.GET.get("formaat") == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = f"Adviesraden {year}"
        sheet.append(header)
        for row in rows:
            sheet.append([row[key] for key, _label in COLUMNS])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="adviesraden-{year}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_value(row, key) for key, _label in COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="adviesraden-{year}.csv"'
    return response
