"""The council report: the PDF is generated and its text checked; exports in the CBS layout; the command."""

from __future__ import annotations

import pandas as pd
import pytest
from django.core.management import call_command

from schakel.core.models import Gemeente
from schakel.monitoring import report
from schakel.monitoring.indicators import Params
from schakel.monitoring.tests import extract_fixture as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente(db):
    return Gemeente.objects.create(code=fx.G, name="Proefdam")


@pytest.fixture
def extract(tmp_path, settings):
    settings.MONITOR_DIR = str(tmp_path / "extract")
    return fx.write(tmp_path / "extract")


def document_text(gemeente, params, root) -> str:
    """The text WeasyPrint lays out on the pages (pypdf/pdftotext are not installed here)."""
    from weasyprint import HTML

    document = HTML(string=report.report_html(gemeente, params, root=root)).render()
    texts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            texts.append(text)
        for child in getattr(box, "children", None) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    assert len(document.pages) >= 3
    return " ".join(texts)


def test_yearly_pdf_text(gemeente, extract):
    pdf = report.render_pdf(gemeente, Params.year(2025), root=extract)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    text = document_text(gemeente, Params.year(2025), extract)
    for expected in (
        "Monitor sociaal domein",
        "Proefdam",
        "jaarrapportage 2025",
        "afgerond op vijftallen",
        "Stapeling",
        "Alleen Jeugd",
        "Termijnen",
        "Bijlage A. Gebruik voorzieningen sociaal domein per wijk",
        "Bijlage B. Definities",
        "Wmo 2015 art. 2.3.2",
    ):
        assert expected in text, expected
    assert "p01" not in text and "h1 " not in text  # no pseudonyms in a council document


def test_half_year_pdf_text(gemeente, extract):
    text = document_text(gemeente, Params.half_year(2025, 1), extract)
    assert "halfjaarrapportage 2025 1e halfjaar" in text


def test_cbs_table_layout_and_protection(gemeente, extract):
    table = report.cbs_table(gemeente, Params.year(2025), root=extract)
    assert list(table.columns[:6]) == [
        "Perioden",
        "Wijken en buurten",
        "Soort regio",
        "Codering",
        "Personen: totaal",
        "Personen: Alleen Jeugd",
    ]
    assert "Huishoudens: jeugd, p-wet en wmo" in table.columns
    assert len(table.columns) == 4 + 8 + 8
    assert table["Codering"].tolist() == [f"GM{fx.G}", fx.W1, fx.W2]
    # every non-empty cell is below 10 in the fixture: suppressed; empty combinations stay 0
    for value in table.iloc[:, 4:].to_numpy().ravel().tolist():
        assert value is None or value is pd.NA or value == 0
    assert (
        table.iloc[0, 4:].isna().sum() == 4 + 4 + 1 + 1
    )  # persons J, P, W, PW + total; households 4 + total


def test_report_command_writes_three_files(gemeente, extract, tmp_path):
    out = tmp_path / "uit"
    call_command(
        "monitor",
        "report",
        "--gemeente",
        fx.G,
        "--year",
        "2025",
        "--out",
        str(out),
        "--extract",
        str(extract),
    )
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"monitor-sociaal-domein-{fx.G}-2025.{ext}" for ext in ("csv", "pdf", "xlsx")]


def test_report_command_unknown_municipality(extract, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("monitor", "report", "--gemeente", "9999", "--year", "2025", "--out", str(tmp_path))
