"""The extract job: pseudonymisation (no BSN, name or address in any Parquet file), schema, incremental refresh."""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq
import pytest

from schakel.cases.models import Case, DecisionProduct
from schakel.core.pseudonym import pseudonymise
from schakel.monitoring.extract import job, sources
from schakel.monitoring.extract.schema import FORBIDDEN_COLUMNS, TABLES
from schakel.monitoring.models import ExtractRun
from schakel.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(config):
    from schakel.synth.services import generate_municipality

    generate_municipality(size=400, seed=7, today=date(2025, 11, 1))
    return Person.objects.first().gemeente


def _all_cells(root) -> set[str]:
    cells: set[str] = set()
    for name in TABLES:
        table = pq.read_table(root / f"{name}.parquet")
        assert not FORBIDDEN_COLUMNS & set(table.column_names)
        assert table.schema.names == TABLES[name].names
        for column in table.columns:
            cells.update(str(v) for v in column.to_pylist() if v is not None)
    return cells


def test_no_bsn_name_or_address_in_the_extract(municipality, tmp_path):
    job.run(tmp_path)
    cells = _all_cells(tmp_path)
    assert {sources.person_key(b) for b in Person.objects.values_list("bsn", flat=True)} <= cells
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    persons = list(
        Person.objects.values_list("bsn", "geslachtsnaam", "voornamen", "straat", "postcode", "woonplaats")
    )
    assert len(persons) >= 400
    for bsn, surname, first_names, street, postcode, place in persons:
        assert bsn not in cells and bsn.encode() not in raw
        for value in (surname, first_names, street, postcode, place):
            if value:
                assert value not in cells
    # every cell that looks like a 9-digit number is not a BSN
    bsns = {p[0] for p in persons}
    assert not {c for c in cells if c.isdigit() and len(c) == 9} & bsns


def test_persons_are_keyed_hashes_with_age_groups(municipality, tmp_path):
    job.run(tmp_path)
    persons = pq.read_table(tmp_path / "persons.parquet").to_pylist()
    assert len(persons) == Person.objects.count()
    person = Person.objects.exclude(birth_year=None).first()
    key = pseudonymise(person.bsn, purpose="monitor")[:32]
    assert key != pseudonymise(person.bsn)[:32]  # not the processing-log pseudonym
    row = next(r for r in persons if r["person_key"] == key)
    assert row["gemeente_code"] == municipality.code
    assert row["wijk_code"] == person.wijk_code
    assert row["age_group"] != "onbekend"


def test_provisions_and_cases_follow_the_database(municipality, tmp_path):
    job.run(tmp_path)
    provisions = pq.read_table(tmp_path / "provisions.parquet")
    granted = DecisionProduct.objects.filter(decision__outcome__in=["toegekend", "deels"]).count()
    assert provisions.num_rows == granted > 0
    cases = pq.read_table(tmp_path / "cases.parquet")
    assert cases.num_rows == Case.objects.count()


def test_incremental_refresh(municipality, tmp_path):
    first = job.run(tmp_path)
    assert {v["action"] for v in first.values()} == {"rebuilt"}
    second = job.run(tmp_path)
    assert {v["action"] for v in second.values()} == {"skipped"}
    person = Person.objects.first()
    person.wijk_code = "WK999999"
    person.save()
    third = job.run(tmp_path)
    assert third["persons"] == {"action": "merged", "changed": 1, "rows": first["persons"]["rows"]}
    assert third["provisions"]["action"] == "skipped"
    rows = pq.read_table(tmp_path / "persons.parquet").to_pylist()
    assert [r["wijk_code"] for r in rows if r["person_key"] == sources.person_key(person.bsn)] == ["WK999999"]
    assert job.run(tmp_path, full=True)["persons"]["action"] == "rebuilt"


def test_background_task_records_the_run(municipality, settings, tmp_path):
    from schakel.monitoring.tasks import refresh_extract

    settings.MONITOR_DIR = str(tmp_path)
    result = refresh_extract.enqueue(warm=False)
    run = ExtractRun.objects.get(pk=result.return_value)
    assert run.status == ExtractRun.Status.DONE
    assert run.tables["persons"]["rows"] == Person.objects.count()
    assert (tmp_path / "manifest.json").exists()


def test_command_and_cache_warming(municipality, settings, tmp_path, capsys):
    from django.core.management import call_command

    from schakel.monitoring.tasks import warm_cache

    settings.MONITOR_DIR = str(tmp_path)
    call_command("monitor", "extract")
    assert "persons" in capsys.readouterr().out
    assert warm_cache() == 1
    assert len(list((tmp_path / "cache").glob("*.parquet"))) > 20
    job.run(tmp_path, full=True)
    assert not (tmp_path / "cache").exists()  # a new extract version drops computed results


def test_sources_of_the_other_apps(municipality, tmp_path):
    """Measurements (outcomes), booked costs and budgets (finance), goal assessments, and the advisory and
    partner sections, from the synthetic municipality with every app's synthetic data."""
    from django.apps import apps
    from django.db.models import Sum

    from schakel.monitoring import advisory
    from schakel.monitoring.indicators import Params

    job.run(tmp_path)
    Score = apps.get_model("outcomes", "MeasurementScore")
    measurements = pq.read_table(tmp_path / "measurements.parquet")
    assert measurements.num_rows == Score.objects.count() > 0
    costs = pq.read_table(tmp_path / "costs.parquet").to_pylist()
    PayableLine = apps.get_model("finance", "PayableLine")
    booked = PayableLine.objects.filter(gemeente=municipality).exclude(status="vervallen")
    if booked.exists():  # finance bookings replace estimates: one source per municipality
        assert {c["source"] for c in costs} == {"boeking"}
        assert sum(c["amount_eurocent"] for c in costs) == booked.aggregate(s=Sum("municipal_cents"))["s"]
    budgets = pq.read_table(tmp_path / "budgets.parquet").to_pylist()
    Budget = apps.get_model("finance", "Budget")
    if Budget.objects.filter(gemeente=municipality).exists():
        assert {b["law"] for b in budgets} >= {"wmo", "jeugd"}
    goals = pq.read_table(tmp_path / "goals.parquet").to_pylist()
    GoalOutcome = apps.get_model("outcomes", "GoalOutcome")
    assessed = GoalOutcome.objects.filter(assessed_on__isnull=False).count()
    assert sum(1 for g in goals if g["assessed_on"]) == assessed
    council = advisory.section(municipality, Params.year(2025))
    from schakel.participation.indicators import per_council

    assert len(council.blocks[1].table["rows"]) == len(per_council(municipality.pk, 2025))
    partners = advisory.partners_section(municipality, Params.year(2025))
    assert partners is None or partners.blocks[0].table["rows"]
