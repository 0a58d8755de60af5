from pathlib import Path

from schakel.core.management.commands.envvars import render


def test_configuration_doc_is_up_to_date():
    doc = Path(__file__).resolve().parents[4] / "docs" / "configuration.md"
    assert doc.read_text(encoding="utf-8") == render(), "run: schakel envvars > docs/configuration.md"
