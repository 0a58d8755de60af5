"""Every indicator against values computed by hand from the tiny extract in ``extract_fixture`` (year 2025).

The comments give the hand computation; the fixture module documents every row.
"""

from __future__ import annotations

import pytest

from schakel.monitoring.engine import connect
from schakel.monitoring.indicators import REGISTRY, THEMES, Params, compute, compute_all, load_tables
from schakel.monitoring.tests import extract_fixture as fx

P = Params.year(2025, gemeente_code=fx.G)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    con = connect("duckdb")
    yield load_tables(con, fx.write(tmp_path_factory.mktemp("extract")))
    con.disconnect()


def rows(tables, name, params=P, key=None):
    frame = compute(name, tables, params).to_pandas()
    records = frame.to_dict("records")
    if key is None:
        return records
    return {tuple(r[k] for k in key) if isinstance(key, tuple) else r[key]: r for r in records}


def test_every_indicator_has_a_theme_and_runs(tables):
    assert {i.theme for i in REGISTRY.values()} <= set(THEMES)
    results = compute_all(tables, P)
    assert set(results) == set(REGISTRY)
    for name, expr in results.items():
        frame = expr.to_pandas()
        for column in REGISTRY[name].counts:
            assert column in frame.columns, (name, column)


def test_clients_per_law(tables):
    # 12 inhabitants. Jeugd in 2025: p03 (prov 2), p06 (prov 8 until 31-3), p12 (prov 11) = 3.
    # Participatie: p01 (prov 1 running), p05 (prov 5) = 2. Wmo: p04, p05, p09 = 3 (p11 ended 2024).
    r = rows(tables, "clients_per_law", key="law")
    assert {k: v["clients"] for k, v in r.items()} == {"jeugd": 3, "participatie": 2, "wmo": 3}
    assert r["jeugd"]["inhabitants"] == 12
    assert r["jeugd"]["per_1000"] == pytest.approx(250.0)
    assert r["participatie"]["per_1000"] == pytest.approx(2 * 1000 / 12)


def test_clients_per_1000_by_wijk_and_age(tables):
    r = rows(tables, "clients_per_1000", key=("law", "wijk_code", "age_group"))
    # participatie in WK099901 age 23-44: p01, p05 of 3 inhabitants (p01, p02, p05)
    cell = r[("participatie", fx.W1, "23-44")]
    assert (cell["clients"], cell["inhabitants"]) == (2, 3)
    assert cell["per_1000"] == pytest.approx(666.6667, rel=1e-4)
    # wmo in WK099902 age 45-64: p09 of p09, p10
    assert r[("wmo", fx.W2, "45-64")]["per_1000"] == pytest.approx(500.0)
    assert len(r) == 7


def test_clients_by_wijk_and_age_filtered_by_wijk(tables):
    r = rows(tables, "clients_by_wijk", key=("law", "wijk_code"))
    # WK099901 has 8 inhabitants: jeugd p03, p06 → 250 per 1,000
    assert r[("jeugd", fx.W1)]["per_1000"] == pytest.approx(250.0)
    assert r[("wmo", fx.W2)]["clients"] == 1
    wijk2 = Params.year(2025, gemeente_code=fx.G, wijk_code=fx.W2)
    r2 = rows(tables, "clients_by_age", wijk2, key=("law", "age_group"))
    assert set(r2) == {("jeugd", "18-22"), ("wmo", "45-64")}


def test_provisions_by_category(tables):
    r = rows(tables, "provisions_by_category", key=("law", "product_category", "wijk_code"))
    # Wmo 07 in WK099901: prov 4 (p04) and 7 (p05)
    assert (r[("wmo", "07", fx.W1)]["provisions"], r[("wmo", "07", fx.W1)]["clients"]) == (2, 2)
    # participatie PW: provs 1 and 5 in 2025 (6 ended in 2024)
    assert r[("participatie", "PW", fx.W1)]["provisions"] == 2


def test_stapeling_persons(tables):
    # p03 J, p06 J, p12 J; p01 P; p04 W, p09 W; p05 P+W
    r = rows(tables, "stapeling_persons", key="combination")
    assert {k: v["persons"] for k, v in r.items()} == {"J": 3, "P": 1, "W": 2, "PW": 1}
    assert r["PW"]["label"] == "P-wet en Wmo"


def test_stapeling_households(tables):
    # h1: p01 P + p03 J → JP; h2: p04 W; h3: p05 P+W, p06 J → JPW; h6: p09 W; p12 (no household) → J
    r = rows(tables, "stapeling_households", key="combination")
    assert {k: v["households"] for k, v in r.items()} == {"J": 1, "W": 2, "JP": 1, "JPW": 1}
    assert r["JPW"]["label"] == "Jeugd, P-wet en Wmo"


def test_stapeling_by_wijk(tables):
    r = rows(tables, "stapeling_households_by_wijk", key=("wijk_code", "combination"))
    assert {k: v["households"] for k, v in r.items()} == {
        (fx.W1, "W"): 1,
        (fx.W1, "JP"): 1,
        (fx.W1, "JPW"): 1,
        (fx.W2, "J"): 1,
        (fx.W2, "W"): 1,
    }
    p = rows(tables, "stapeling_persons_by_wijk", key=("wijk_code", "combination"))
    assert p[(fx.W1, "J")]["persons"] == 2 and p[(fx.W2, "J")]["persons"] == 1


def test_number_of_provisions(tables):
    # p04: provs 3, 4; p05: provs 5, 7 → 2 persons with 2; p01, p03, p06, p09, p12 → 1
    r = rows(tables, "number_of_provisions", key="provisions")
    assert {k: v["persons"] for k, v in r.items()} == {"1": 5, "2": 2}


def test_inflow_outflow(tables):
    # inflow jeugd: p03 (from 1-2), p12 (from 1-1); p06 was a client on 31-12-2024. outflow jeugd: all three
    # ended in 2025. participatie: inflow p05 (prov 5 from 15-1; prov 6 ended 30-9-2024), no outflow.
    # wmo: inflow p05 (1-3), p09 (1-6); p04 was a client on 31-12-2024; no outflow (p04 prov 3, p05 prov 7
    # until 31-12, p09 running).
    r = rows(tables, "inflow_outflow", key="law")
    assert {k: (v["clients"], v["inflow"], v["outflow"]) for k, v in r.items()} == {
        "jeugd": (3, 2, 3),
        "participatie": (2, 1, 0),
        "wmo": (3, 2, 0),
    }


def test_duration(tables):
    # ended in 2025: jeugd prov 2 (1-2..31-8 = 212 days), 8 (1-6-2024..31-3-2025 = 304), 11 (31 days);
    # wmo prov 4 (1-5..31-10 = 184), 7 (1-3..31-12 = 306)
    r = rows(tables, "duration", key="law")
    assert r["jeugd"]["ended"] == 3
    assert r["jeugd"]["mean_days"] == pytest.approx((212 + 304 + 31) / 3)
    assert r["jeugd"]["max_days"] == 304
    assert r["wmo"]["mean_days"] == pytest.approx((184 + 306) / 2)


def test_reentry(tables):
    # participatie inflow p05; prov 6 ended 30-9-2024, within 365 days before 1-1-2025 → re-entry
    r = rows(tables, "reentry", key="law")
    assert (r["participatie"]["inflow"], r["participatie"]["reentry"]) == (1, 1)
    assert r["participatie"]["reentry_share"] == pytest.approx(100.0)
    assert r["jeugd"]["reentry"] == 0 and r["wmo"]["reentry"] == 0


def test_domain_change(tables):
    # p04 financien 2 → 4 (+2), huisvesting 3 → 3 (0); p05 financien 3 → 2 (-1), huisvesting not relevant;
    # p09 only one measurement.
    r = rows(tables, "domain_change", key="domain")
    fin = r["financien"]
    assert (fin["persons"], fin["improved"], fin["worsened"]) == (2, 1, 1)
    assert fin["mean_change"] == pytest.approx(0.5)
    assert (r["huisvesting"]["persons"], r["huisvesting"]["mean_change"]) == (1, 0)


def test_change_by_provider_and_product(tables):
    # p04: providers A2 (prov 3) and A1 (prov 4): changes +2, 0 → each; p05: A1 (prov 7), none (prov 5): -1
    r = rows(tables, "change_by_provider", key="value")
    assert (r["A1"]["persons"], r["A1"]["scores"], r["A1"]["improved"]) == (2, 3, 1)
    assert r["A1"]["mean_change"] == pytest.approx((2 + 0 - 1) / 3)
    assert r["A2"]["mean_change"] == pytest.approx(1.0)
    assert r["onbekend"]["mean_change"] == pytest.approx(-1.0)
    w = rows(tables, "change_by_wijk", key="value")
    assert set(w) == {fx.W1}


def test_goals_achieved(tables):
    # assessed in 2025: goal 1 bereikt (case 1, W1), 2 deels (case 1), 3 bereikt (no date, case 2),
    # 5 niet_bereikt (case 4, W2); goal 4 open, goal 6 assessed in 2024.
    r = rows(tables, "goals_by_wijk", key="value")
    assert (r[fx.W1]["goals"], r[fx.W1]["achieved"], r[fx.W1]["partly"]) == (3, 2, 1)
    assert r[fx.W1]["achieved_share"] == pytest.approx(200 / 3)
    assert (r[fx.W2]["goals"], r[fx.W2]["achieved"]) == (1, 0)
    # by provider (provisions of the case in 2025): case 1 → A1 (prov 2) and none (prov 1);
    # case 2 → A2, A1; case 4 → A2
    p = rows(tables, "goals_by_provider", key="value")
    assert (p["A1"]["goals"], p["A1"]["achieved"]) == (3, 2)
    assert (p["A2"]["goals"], p["A2"]["achieved"]) == (2, 1)
    # by product: case 1 → 45, PW; case 2 → 02, 07; case 4 → 02
    q = rows(tables, "goals_by_product", key="value")
    assert (q["02"]["goals"], q["02"]["achieved"]) == (2, 1)
    assert q["07"]["achieved_share"] == pytest.approx(100.0)


def test_cost_per_client(tables):
    # 2025 costs: jeugd 1000+1000 (p03) + 600 (p06) + 400 (p12) = € 3,000 over 3 clients = € 1,000
    # wmo 2000 + 1000 + 1500 + 500 = € 5,000 over 3 clients; participatie no costs, 2 clients
    r = rows(tables, "cost_per_client", key="law")
    assert r["jeugd"]["cost_eurocent"] == 300000
    assert r["jeugd"]["cost_per_client_euro"] == pytest.approx(1000.0)
    assert r["wmo"]["cost_per_client_euro"] == pytest.approx(5000 / 3)
    assert (r["participatie"]["cost_eurocent"], r["participatie"]["clients"]) == (0, 2)


def test_cost_per_result(tables):
    # achieved goals 2025: goal 1 (case 1: jeugd, participatie), goal 3 (case 2: wmo)
    # jeugd € 3,000 / 1; wmo € 5,000 / 1
    r = rows(tables, "cost_per_result", key="law")
    assert r["jeugd"]["cost_per_result_euro"] == pytest.approx(3000.0)
    assert r["wmo"]["cost_per_result_euro"] == pytest.approx(5000.0)


def test_budget_execution(tables):
    # budget 2025: wmo € 10,000, jeugd € 6,000 → 50 % each
    r = rows(tables, "budget_execution", key="law")
    assert r["wmo"]["execution_share"] == pytest.approx(50.0)
    assert r["jeugd"]["budget_eurocent"] == 600000
    half = rows(tables, "budget_execution", Params.half_year(2025, 1, gemeente_code=fx.G), key="law")
    # first half: wmo costs starting Jan–Jun: 2000 (3) + 1000 (4) + 1500 (5) + 500 (6) = 5000 → 50 %
    assert half["wmo"]["execution_share"] == pytest.approx(50.0)


def test_deadline_onderzoek(tables):
    # meldingen 2025: case 1 (jeugd: 35 days, met), 2 (wmo: 58 days, late), 3 (participatie: open, due
    # 13-12-2025 < 31-12 → overdue), 4 (wmo: 11 days, met)
    r = rows(tables, "deadline_onderzoek", key="law")
    assert {k: (v["total"], v["met"], v["overdue"]) for k, v in r.items()} == {
        "jeugd": (1, 1, 0),
        "participatie": (1, 0, 1),
        "wmo": (2, 1, 0),
    }
    assert r["wmo"]["met_share"] == pytest.approx(50.0)


def test_deadline_beschikking(tables):
    # jeugd 10 days (met); wmo: 24 days (late), exactly 14 days (met), open and not yet due
    r = rows(tables, "deadline_beschikking", key="law")
    assert (r["jeugd"]["total"], r["jeugd"]["met"]) == (1, 1)
    assert (r["wmo"]["total"], r["wmo"]["met"], r["wmo"]["overdue"]) == (3, 1, 0)


def test_deadline_toewijzing(tables):
    # jeugd answered in 2 days (met); wmo: late, on the due date (met), unanswered and overdue
    r = rows(tables, "deadline_toewijzing", key="law")
    assert (r["jeugd"]["total"], r["jeugd"]["met"]) == (1, 1)
    assert (r["wmo"]["total"], r["wmo"]["met"], r["wmo"]["overdue"]) == (3, 1, 1)


def test_other_municipality_sees_nothing(tables):
    other = Params.year(2025, gemeente_code="0001")
    assert rows(tables, "stapeling_persons", other) == []
    assert rows(tables, "clients_per_law", other) == []


def test_missing_tables_read_as_empty(tmp_path):
    con = connect("duckdb")
    t = load_tables(con, tmp_path)
    assert compute("deadline_toewijzing", t, P).to_pandas().empty
