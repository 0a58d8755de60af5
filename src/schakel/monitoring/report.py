"""The council report (raadsrapportage): half-yearly and yearly PDF, and the CBS-layout exports (CSV, XLSX).

Everything here is meant for the council or the public, so every number passes disclosure control
(:mod:`.disclosure`). Charts are rendered to SVG offline with vl-convert and embedded in the HTML that
WeasyPrint turns into a PDF; no browser and no network are involved.
"""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import pandas as pd
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import advisory, charts, dashboard, disclosure, services
from .indicators import REGISTRY, Params
from .indicators.stapeling import COMBINATIONS

#: Column titles of the export in the layout of CBS 85994NED "Gebruik voorzieningen sociaal domein; aantal
#: voorzieningen, wijken": region columns, then persons and households per combination of laws.
CBS_REGION_COLUMNS = ["Perioden", "Wijken en buurten", "Soort regio", "Codering"]


def _cbs_unit_columns(unit: str) -> list[str]:
    return [f"{unit}: totaal"] + [
        f"{unit}: {label.lower() if i else label}" for i, label in enumerate(COMBINATIONS.values())
    ]


CBS_COLUMNS = CBS_REGION_COLUMNS + _cbs_unit_columns("Personen") + _cbs_unit_columns("Huishoudens")


def period_label(params: Params) -> str:
    if params.period_start.month == 1 and params.period_end.month == 12:
        return str(params.period_start.year)
    half = _("1e halfjaar") if params.period_start.month == 1 else _("2e halfjaar")
    return f"{params.period_start.year} {half}"


def cbs_table(gemeente, params: Params, *, root=None) -> pd.DataFrame:
    """The stapeling table in the CBS layout (one row for the municipality, one per wijk), protected: counts
    rounded to multiples of 5, cells 1–9 shown as ``"."``."""
    params = Params(params.period_start, params.period_end, gemeente.code, None)
    raw = services.raw_results(
        [
            "stapeling_persons",
            "stapeling_households",
            "stapeling_persons_by_wijk",
            "stapeling_households_by_wijk",
        ],
        params,
        root=root,
    )
    period = period_label(params)

    def cells(persons: pd.DataFrame, households: pd.DataFrame) -> list:
        out = []
        for frame, column in ((persons, "persons"), (households, "households")):
            by = dict(zip(frame["combination"], frame[column], strict=True))
            counts = [int(by.get(code, 0)) for code in COMBINATIONS]
            out += [sum(counts), *counts]
        return [disclosure.round_count(v) for v in out]

    rows = [
        [
            period,
            gemeente.name,
            "Gemeente",
            f"GM{gemeente.code}",
            *cells(raw["stapeling_persons"], raw["stapeling_households"]),
        ]
    ]
    pw, hw = raw["stapeling_persons_by_wijk"], raw["stapeling_households_by_wijk"]
    for wijk in sorted(set(pw["wijk_code"]) | set(hw["wijk_code"])):
        if not wijk:
            continue
        rows.append(
            [period, wijk, "Wijk", wijk, *cells(pw[pw["wijk_code"] == wijk], hw[hw["wijk_code"] == wijk])]
        )
    frame = pd.DataFrame(rows, columns=CBS_COLUMNS)
    for column in CBS_COLUMNS[4:]:
        frame[column] = frame[column].astype("Int64")
    return frame


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV as CBS StatLine offers it: semicolon separated, ``"."`` for suppressed cells, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(frame.columns)
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([disclosure.SUPPRESSED if pd.isna(v) else v for v in record])
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(frame: pd.DataFrame, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel"
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append([_("Aantallen afgerond op vijftallen; '.' = minder dan 10, niet gepubliceerd.")])
    ws.append(list(frame.columns))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False, name=None):
        ws.append(
            [
                disclosure.SUPPRESSED
                if pd.isna(v)
                else (int(v) if hasattr(v, "__int__") and not isinstance(v, str) else v)
                for v in record
            ]
        )
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 18
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _svg_uri(spec: dict) -> str:
    svg = charts.to_svg(spec)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_pdf(gemeente, params: Params, *, root=None) -> bytes:
    """The council report as PDF bytes (WeasyPrint), with charts as offline-rendered SVG."""
    from weasyprint import HTML

    return HTML(
        string=report_html(gemeente, params, root=root), base_url=str(Path(__file__).parent)
    ).write_pdf()


def report_context(gemeente, params: Params, *, root=None) -> dict:
    params = Params(params.period_start, params.period_end, gemeente.code, None)
    raw = services.raw_results(dashboard.all_names(), params, root=root)
    protected = {n: disclosure.protect(frame, REGISTRY[n]) for n, frame in raw.items()}
    sections = dashboard.build(protected)
    for extra in (advisory.section(gemeente, params), advisory.partners_section(gemeente, params)):
        if extra is not None:
            sections.append(extra)
    for section in sections:
        for block in section.blocks:
            block.svg = _svg_uri(block.chart) if block.chart else None
    info = services.extract_info(root)
    cbs = cbs_table(gemeente, params, root=root)
    return {
        "gemeente": gemeente,
        "period": period_label(params),
        "yearly": params.period_start.month == 1 and params.period_end.month == 12,
        "sections": sections,
        "cbs_columns": list(cbs.columns),
        "cbs_rows": [
            [disclosure.display(None if pd.isna(v) else v) for v in r]
            for r in cbs.itertuples(index=False, name=None)
        ],
        "indicators": [REGISTRY[n] for n in dashboard.all_names()],
        "created": timezone.localtime(),
        "extract_date": info.created_at,
        "min_cell": disclosure.MIN_CELL,
        "round_to": disclosure.ROUND_TO,
    }


def report_html(gemeente, params: Params, *, root=None) -> str:
    return render_to_string("monitoring/report.html", report_context(gemeente, params, root=root))


def filename(gemeente, params: Params, ext: str) -> str:
    period = period_label(params).replace(" ", "-").replace("e-halfjaar", "e-halfjaar")
    return f"monitor-sociaal-domein-{gemeente.code}-{period}.{ext}"


def write_all(gemeente_code: str, year: int, half: int | None, out: Path, *, extract_root=None) -> list[Path]:
    """Write the PDF, CSV and XLSX for one municipality and period to ``out`` (``schakel monitor report``)."""
    from schakel.core.models import Gemeente

    gemeente = Gemeente.objects.filter(code=gemeente_code).first()
    if gemeente is None:
        raise ValueError(_("Gemeente %(code)s bestaat niet.") % {"code": gemeente_code})
    if not services.extract_info(extract_root).exists:
        raise ValueError(_("Er is nog geen extract. Draai eerst 'schakel monitor extract'."))
    params = Params.half_year(year, half) if half else Params.year(year)
    table = cbs_table(gemeente, params, root=extract_root)
    title = f"Gebruik voorzieningen sociaal domein; aantal voorzieningen, wijken — {gemeente.name} {period_label(params)}"
    paths = []
    for ext, content in (
        ("pdf", render_pdf(gemeente, params, root=extract_root)),
        ("csv", to_csv(table)),
        ("xlsx", to_xlsx(table, title=title)),
    ):
        path = Path(out) / filename(gemeente, params, ext)
        path.write_bytes(content)
        paths.append(path)
    return paths
