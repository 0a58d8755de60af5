"""The synthetic national data set (:mod:`schakel.monitoring.national`): CBS frame, row counts, determinism,
schema equality with the extract, privacy, referential integrity and plausible rates and overlaps.

Most tests share one 0.2 % sample of the whole country (all 342 municipalities, ≈ 36,000 persons).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import duckdb
import numpy as np
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from schakel.core.deadlines import add_working_days
from schakel.monitoring.extract import schema as S
from schakel.monitoring.national import generate_national
from schakel.monitoring.national.frame import largest_remainder, load_frame
from schakel.monitoring.national.generate import GENERATED

FRACTION = 0.002
YEAR = 2024


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("national")
    result = generate_national(root, seed=11, fraction=FRACTION, workers=1, progress=False)
    return root, result


@pytest.fixture(scope="module")
def db(sample):
    root, _result = sample
    con = duckdb.connect()
    for name in GENERATED:
        con.execute(f"create view {name} as select * from read_parquet('{root}/{name}/*.parquet')")
    yield con
    con.close()


def _read(root, name):
    return ds.dataset(root / name, format="parquet").to_table()


def test_frame_is_the_cbs_2024_frame():
    frame = load_frame()
    assert len(frame) == 342
    assert sum(len(g.wijk_codes) for g in frame) == 3393
    assert sum(g.target for g in frame) == 17_942_942
    for g in frame:
        assert int(g.wijk_targets.sum()) == g.inhabitants  # wijk counts rescaled to the gemeente total
    amsterdam = next(g for g in frame if g.code == "0363")
    assert amsterdam.inhabitants == 931_298
    small = load_frame(0.01)
    assert [g.target for g in small] == [round(g.inhabitants * 0.01) for g in frame]


def test_largest_remainder_is_exact():
    parts = largest_remainder(np.array([3.0, 3.0, 3.0]), 10)
    assert parts.sum() == 10 and sorted(parts.tolist()) == [3, 3, 4]
    assert largest_remainder(np.array([0.0, 0.0]), 3).sum() == 3


def test_row_counts_match_cbs_per_municipality_and_wijk(sample, db):
    _root, result = sample
    frame = load_frame(FRACTION)
    counts = dict(db.execute("select gemeente_code, count(*) from persons group by 1").fetchall())
    for g in frame:
        assert counts.get(g.code, 0) == g.target == round(g.inhabitants * FRACTION)
    wijk_counts = dict(db.execute("select wijk_code, count(*) from persons group by 1").fetchall())
    for g in frame:
        for code, target in zip(g.wijk_codes, g.wijk_targets.tolist(), strict=True):
            assert wijk_counts.get(code, 0) == target
    assert result.counts["persons"] == sum(g.target for g in frame)
    assert result.gemeenten == 342 and result.wijken == 3393


def test_schema_equals_the_extract_schema(sample):
    root, result = sample
    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest["schema_version"] == S.SCHEMA_VERSION and manifest["synthetic"] is True
    assert manifest["row_counts"] == result.counts
    assert set(GENERATED) <= set(S.TABLES)
    for name in GENERATED:
        expected = S.TABLES[name]
        parts = sorted((root / name).glob("part-*.parquet"))
        assert parts, name
        for part in parts:
            actual = pq.read_schema(part)
            assert actual.names == expected.names, name
            for got, want in zip(actual, expected, strict=True):
                assert got.type == want.type, (name, got.name, got.type, want.type)
                assert got.nullable == want.nullable, (name, got.name)
        table = _read(root, name)
        assert table.num_rows == result.counts[name]
        S.conform(name, table)  # the extract's own check


def test_no_bsn_names_or_addresses(sample):
    root, _result = sample
    hex32 = re.compile(r"^[0-9a-f]{32}$")
    nine_digits = re.compile(r"^\d{9}$")
    for name in GENERATED:
        schema = S.TABLES[name]
        assert not S.FORBIDDEN_COLUMNS & set(schema.names)
        table = _read(root, name)
        for field in schema:
            if field.type != "string":
                continue
            values = [v for v in table.column(field.name).unique().to_pylist() if v is not None]
            if field.name in ("person_key", "household_key"):
                assert all(hex32.match(v) for v in values), (name, field.name)
            assert not any(nine_digits.match(v) for v in values), (name, field.name)
    persons = _read(root, "persons")
    assert set(persons.column("age_group").unique().to_pylist()) <= set(S.AGE_GROUPS)
    assert set(persons.column("household_type").unique().to_pylist()) <= set(S.HOUSEHOLD_TYPES)
    assert all(
        code.startswith("BU") and len(code) == 10
        for code in persons.column("buurt_code").unique().to_pylist()
    )


def test_deterministic_by_seed_and_independent_of_chunking(tmp_path):
    codes = ["0088", "1680", "0096"]
    one = generate_national(tmp_path / "a", seed=3, fraction=0.05, workers=1, progress=False, gemeenten=codes)
    two = generate_national(
        tmp_path / "b", seed=3, fraction=0.05, workers=2, chunk_persons=1, progress=False, gemeenten=codes
    )
    other = generate_national(
        tmp_path / "c", seed=4, fraction=0.05, workers=1, progress=False, gemeenten=codes
    )
    assert one.counts == two.counts
    assert len(list((tmp_path / "b" / "persons").glob("*.parquet"))) == 3  # one chunk per municipality
    for name in GENERATED:
        keys = S.KEYS[name]
        a = _read(tmp_path / "a", name).sort_by([(k, "ascending") for k in keys])
        b = _read(tmp_path / "b", name).sort_by([(k, "ascending") for k in keys])
        assert a.equals(b), name
    assert not _read(tmp_path / "a", "persons").equals(_read(tmp_path / "c", "persons"))
    assert other.counts["persons"] == one.counts["persons"]  # same CBS counts, other people


def test_ids_unique_and_references_resolve(db):
    for name in GENERATED:
        keys = S.KEYS[name]
        cols = ", ".join(keys)
        total, distinct = db.execute(f"select count(*), count(distinct ({cols})) from {name}").fetchone()
        assert total == distinct, name
    assert (
        db.execute(
            "select count(*) from provisions where case_id not in (select case_id from cases)"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "select count(*) from provisions where person_key not in (select person_key from persons)"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "select count(*) from costs where provision_id not in (select provision_id from provisions)"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "select count(*) from measurements where case_id not in (select case_id from cases)"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute("select count(*) from goals where case_id not in (select case_id from cases)").fetchone()[
            0
        ]
        == 0
    )
    mismatch = db.execute(
        """select count(*) from provisions p left join (select provision_id, sum(amount_eurocent) s from costs
           group by 1) c using (provision_id) where coalesce(c.s, 0) <> p.cost_eurocent"""
    ).fetchone()[0]
    assert mismatch == 0
    # Dates are consistent: melding <= onderzoek, aanvraag <= beschikking <= start of the provision.
    assert (
        db.execute("select count(*) from cases where onderzoek_completed_on < melding_on").fetchone()[0] == 0
    )
    assert db.execute("select count(*) from applications where decided_on < received_on").fetchone()[0] == 0
    assert db.execute("select count(*) from provisions where end_date < start_date").fetchone()[0] == 0
    assert db.execute("select max(start_date) from provisions").fetchone()[0] <= date(2024, 12, 31)


def test_answer_due_is_five_working_days(db):
    rows = db.execute(
        "select received_on, answer_due from allocation_requests order by request_id limit 300"
    ).fetchall()
    assert rows
    for received, due in rows:
        assert due == add_working_days(received, 5)
    assert add_working_days(date(2024, 12, 20), 5) == date(2024, 12, 31)  # Christmas skipped
    assert date(2024, 12, 31) - date(2024, 12, 20) > timedelta(days=7)


def _year_clients(db, laws=("jeugd", "participatie", "wmo")):
    law_list = ", ".join(f"'{law}'" for law in laws)
    return f"""select distinct p.person_key, p.household_key, p.age_group, pr.law from provisions pr
               join persons p using (person_key)
               where pr.law in ({law_list}) and pr.start_date <= date '{YEAR}-12-31'
               and (pr.end_date is null or pr.end_date >= date '{YEAR}-01-01')"""


def test_use_rates_per_law_are_realistic(db):
    inhabitants = db.execute("select count(*) from persons").fetchone()[0]
    rate = dict(
        db.execute(
            f"select law, count(distinct person_key) * 1000.0 / {inhabitants} from ({_year_clients(db, ('jeugd', 'participatie', 'wmo', 'schuldhulp'))}) group by 1"
        ).fetchall()
    )
    assert 60 <= rate["wmo"] <= 85  # CBS 86050NED 2024: 72 per 1,000
    assert 24 <= rate["participatie"] <= 40  # ≈ 30 per 1,000 per year
    assert 1 <= rate["schuldhulp"] <= 6
    under23 = db.execute(
        "select count(*) from persons where age_group in ('0-3','4-11','12-17','18-22')"
    ).fetchone()[0]
    jeugd = db.execute(
        f"select count(distinct person_key) from ({_year_clients(db, ('jeugd',))})"
    ).fetchone()[0]
    assert 0.09 <= jeugd / under23 <= 0.13  # ≈ 11 % of the under-23s
    by_age = dict(
        db.execute(
            f"select age_group, count(distinct person_key) from ({_year_clients(db, ('wmo',))}) group by 1"
        ).fetchall()
    )
    assert by_age["75+"] > by_age["23-44"]  # Wmo use rises steeply with age
    assert "0-3" not in by_age or by_age["0-3"] == 0


def test_stapeling_overlaps_are_plausible(db):
    persons = dict(
        db.execute(
            f"""select combo, count(*) from (select person_key, string_agg(law, '+' order by law) combo
                from ({_year_clients(db)}) group by 1) group by 1"""
        ).fetchall()
    )
    households = dict(
        db.execute(
            f"""select combo, count(*) from (select household_key, string_agg(distinct law, '+' order by law) combo
                from ({_year_clients(db)}) group by 1) group by 1"""
        ).fetchall()
    )
    users, hh = sum(persons.values()), sum(households.values())
    multi = sum(v for k, v in persons.items() if "+" in k) / users
    multi_hh = sum(v for k, v in households.items() if "+" in k) / hh
    assert 0.06 <= multi <= 0.12  # 8–9 % of users (Utrecht 2024 9.4 %, Zutphen 2022 7.8 %)
    assert 0.10 <= multi_hh <= 0.18  # 12–15 % of using households
    assert multi_hh > multi
    pairs = {k: v for k, v in persons.items() if k.count("+") == 1}
    assert max(pairs, key=pairs.get) == "participatie+wmo"  # the dominant combination
    # Jeugd + P-wet is rare per person but common per household.
    assert households.get("jeugd+participatie", 0) > 3 * persons.get("jeugd+participatie", 0)
    # ~55–60 % of Wmo clients have one voorziening (83264NED).
    single = db.execute(
        f"""select avg(case when n = 1 then 1.0 else 0 end) from (select person_key, count(*) n from provisions
            where law = 'wmo' and start_date <= date '{YEAR}-12-31' and (end_date is null or end_date >= date '{YEAR}-01-01')
            group by 1)"""
    ).fetchone()[0]
    assert 0.45 <= single <= 0.72


def test_costs_follow_the_cpb_age_profiles(db):
    inhabitants = db.execute("select count(*) from persons").fetchone()[0]
    per_inhabitant = dict(
        db.execute(
            f"""select law, sum(amount_eurocent) / 100.0 / {inhabitants} from costs
                where period_start >= date '{YEAR}-01-01' group by 1"""
        ).fetchall()
    )
    assert 150 <= per_inhabitant["wmo"] <= 450  # 84580NED 2023: € 308 per inhabitant
    assert 120 <= per_inhabitant["jeugd"] <= 450
    old_jeugd = db.execute(
        """select coalesce(sum(c.amount_eurocent), 0) from costs c join persons p using (person_key)
            where c.law = 'jeugd' and p.age_group in ('45-64', '65-74', '75+')"""
    ).fetchone()[0]
    assert old_jeugd == 0  # the CPB Jeugd profile is zero from age 23
    assert db.execute("select count(*) from costs where amount_eurocent < 0").fetchone()[0] == 0
    budgets = db.execute("select count(*), count(distinct gemeente_code) from budgets").fetchone()
    assert budgets == (342 * 3 * 4, 342)


def test_deadline_compliance_is_mostly_met(db):
    onderzoek = db.execute(
        "select avg(case when onderzoek_completed_on <= melding_on + 42 then 1.0 else 0 end) from cases "
        "where onderzoek_completed_on is not null"
    ).fetchone()[0]
    beschikking = db.execute(
        "select avg(case when decided_on <= received_on + 14 then 1.0 else 0 end) from applications "
        "where decided_on is not null"
    ).fetchone()[0]
    assert 0.7 <= onderzoek <= 0.95 and 0.8 <= beschikking <= 0.97


def test_command_writes_a_sample(tmp_path, capsys):
    call_command(
        "generate_national",
        "--fraction",
        "0.05",
        "--gemeente",
        "0088",
        "--out",
        str(tmp_path),
        "--no-progress",
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["gemeenten"] == 1 and manifest["row_counts"]["persons"] == round(972 * 0.05)
    assert "Landelijke dataset" in capsys.readouterr().out
    with pytest.raises(CommandError, match="fraction"):
        call_command("generate_national", "--fraction", "0", "--out", str(tmp_path), "--no-progress")
    with pytest.raises(CommandError, match="gemeentecode"):
        call_command("generate_national", "--gemeente", "9999", "--out", str(tmp_path), "--no-progress")
