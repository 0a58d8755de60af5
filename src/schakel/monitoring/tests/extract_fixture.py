"""A tiny fixed extract (hand-made) for the indicator tests, written as Parquet.

Period under test: 2025 (``Params.year(2025)``), municipality ``"0999"``, wijken WK099901 and WK099902.

Persons (12 inhabitants): p01..p08 in WK099901, p09..p12 in WK099902. Households: h1 = p01,p02,p03 (gezin),
h2 = p04 (alleenstaand), h3 = p05,p06 (eenouder), h4 = p07, h5 = p08, h6 = p09,p10, h7 = p11, h8 = p12.
Age groups: p01 23-44, p02 23-44, p03 4-11, p04 75+, p05 23-44, p06 12-17, p07 45-64, p08 65-74,
p09 45-64, p10 45-64, p11 75+, p12 18-22.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..extract.schema import TABLES

G = "0999"
W1, W2 = "WK099901", "WK099902"

PERSONS = [
    # person_key, wijk, buurt, age_group, household_key, household_type
    ("p01", W1, "BU09990101", "23-44", "h1", "gezin"),
    ("p02", W1, "BU09990101", "23-44", "h1", "gezin"),
    ("p03", W1, "BU09990101", "4-11", "h1", "gezin"),
    ("p04", W1, "BU09990102", "75+", "h2", "alleenstaand"),
    ("p05", W1, "BU09990102", "23-44", "h3", "eenouder"),
    ("p06", W1, "BU09990102", "12-17", "h3", "eenouder"),
    ("p07", W1, "BU09990101", "45-64", "h4", "alleenstaand"),
    ("p08", W1, "BU09990101", "65-74", "h5", "alleenstaand"),
    ("p09", W2, "BU09990201", "45-64", "h6", "paar"),
    ("p10", W2, "BU09990201", "45-64", "h6", "paar"),
    ("p11", W2, "BU09990201", "75+", "h7", "alleenstaand"),
    ("p12", W2, "BU09990201", "18-22", None, None),
]

D = date
# provision_id, person, case, law, category, start, end, provider, cost
PROVISIONS = [
    (1, "p01", 1, "participatie", "PW", D(2024, 3, 1), None, None, None),  # bijstand, running
    (2, "p03", 1, "jeugd", "45", D(2025, 2, 1), D(2025, 8, 31), "A1", 300000),  # jeugdhulp, inflow 2025
    (3, "p04", 2, "wmo", "02", D(2023, 1, 1), None, "A2", 200000),  # HbH running
    (4, "p04", 2, "wmo", "07", D(2025, 5, 1), D(2025, 10, 31), "A1", 100000),  # begeleiding
    (5, "p05", 3, "participatie", "PW", D(2025, 1, 15), None, None, None),  # inflow, re-entry (prov 6)
    (6, "p05", 3, "participatie", "PW", D(2024, 1, 1), D(2024, 9, 30), None, None),  # ended 2024
    (7, "p05", 3, "wmo", "07", D(2025, 3, 1), D(2025, 12, 31), "A1", 150000),
    (8, "p06", 3, "jeugd", "45", D(2024, 6, 1), D(2025, 3, 31), "A1", 250000),  # outflow 2025
    (9, "p09", 4, "wmo", "02", D(2025, 6, 1), None, "A2", 80000),
    (10, "p11", 5, "wmo", "02", D(2022, 1, 1), D(2024, 12, 31), "A2", 500000),  # ended before 2025
    (11, "p12", None, "jeugd", "45", D(2025, 1, 1), D(2025, 1, 31), "A1", 40000),  # 18-22, short
]

# case_id, household, person, wijk, laws, status, opened, closed, melding, onderzoek start, onderzoek end
CASES = [
    (
        1,
        "h1",
        None,
        W1,
        "jeugd,participatie",
        "uitvoering",
        D(2025, 1, 6),
        None,
        D(2025, 1, 6),
        D(2025, 1, 10),
        D(2025, 2, 10),
    ),  # 35 days: met
    (
        2,
        "h2",
        "p04",
        W1,
        "wmo",
        "uitvoering",
        D(2025, 3, 3),
        None,
        D(2025, 3, 3),
        D(2025, 3, 20),
        D(2025, 4, 30),
    ),  # 58 days: late
    (
        3,
        "h3",
        None,
        W1,
        "participatie,wmo",
        "uitvoering",
        D(2025, 11, 1),
        None,
        D(2025, 11, 1),
        D(2025, 11, 5),
        None,
    ),  # open, due 13-12 < 31-12: overdue
    (
        4,
        "h6",
        "p09",
        W2,
        "wmo",
        "beschikt",
        D(2025, 5, 1),
        None,
        D(2025, 5, 1),
        D(2025, 5, 2),
        D(2025, 5, 12),
    ),  # met
    (
        5,
        "h7",
        "p11",
        W2,
        "wmo",
        "afgesloten",
        D(2021, 12, 1),
        D(2024, 12, 31),
        D(2021, 12, 1),
        None,
        None,
    ),  # not in period
]

# aanvraag_id, case, law, received, decided, outcome
APPLICATIONS = [
    (1, 1, "jeugd", D(2025, 1, 20), D(2025, 1, 30), "toegekend"),  # 10 days met
    (2, 2, "wmo", D(2025, 4, 1), D(2025, 4, 25), "toegekend"),  # 24 days late
    (3, 3, "wmo", D(2025, 2, 10), D(2025, 2, 24), "toegekend"),  # exactly 14 days: met
    (4, 4, "wmo", D(2025, 12, 28), None, None),  # due 2026-01-11: open, not overdue
]

# request_id, provider, law, received, due, answered
REQUESTS = [
    (1, "A1", "jeugd", D(2025, 1, 6), D(2025, 1, 13), D(2025, 1, 8)),  # met
    (2, "A1", "wmo", D(2025, 2, 3), D(2025, 2, 10), D(2025, 2, 12)),  # late
    (3, "A2", "wmo", D(2025, 3, 3), D(2025, 3, 10), D(2025, 3, 10)),  # met on the day
    (4, "A2", "wmo", D(2025, 12, 1), D(2025, 12, 8), None),  # overdue
]

# measurement_id, person, case, instrument, domain, moment, date, score, relevant
MEASUREMENTS = [
    (1, "p04", 2, "zrm", "financien", "intake", D(2025, 3, 20), 2, True),
    (2, "p04", 2, "zrm", "financien", "tussenmeting", D(2025, 9, 1), 4, True),  # +2
    (1, "p04", 2, "zrm", "huisvesting", "intake", D(2025, 3, 20), 3, True),
    (2, "p04", 2, "zrm", "huisvesting", "tussenmeting", D(2025, 9, 1), 3, True),  # 0
    (3, "p05", 3, "zrm", "financien", "intake", D(2024, 1, 10), 3, True),
    (4, "p05", 3, "zrm", "financien", "afsluiting", D(2025, 6, 1), 2, True),  # -1
    (3, "p05", 3, "zrm", "huisvesting", "intake", D(2024, 1, 10), 1, False),  # not relevant
    (4, "p05", 3, "zrm", "huisvesting", "afsluiting", D(2025, 6, 1), 5, False),
    (5, "p09", 4, "zrm", "financien", "intake", D(2025, 5, 2), 1, True),  # only one measurement
]

# goal_id, case, household, person, life_domain, status, assessed_on
GOALS = [
    (1, 1, "h1", "p01", "financien", "bereikt", D(2025, 6, 1)),
    (2, 1, "h1", "p03", "huiselijke_relaties", "deels", D(2025, 9, 1)),
    (3, 2, "h2", "p04", "huisvesting", "bereikt", None),  # final, no date: counts
    (4, 3, "h3", "p05", "financien", "open", None),  # open: not counted
    (5, 4, "h6", "p09", "basale_adl", "niet_bereikt", D(2025, 11, 1)),
    (6, 5, "h7", "p11", "basale_adl", "bereikt", D(2024, 12, 1)),  # outside period
]

# cost_id, person, provision, provider, law, category, start, end, amount
COSTS = [
    (1, "p03", 2, "A1", "jeugd", "45", D(2025, 2, 1), D(2025, 2, 28), 100000),
    (2, "p03", 2, "A1", "jeugd", "45", D(2025, 3, 1), D(2025, 3, 31), 100000),
    (3, "p04", 3, "A2", "wmo", "02", D(2025, 1, 1), D(2025, 12, 31), 200000),
    (4, "p04", 4, "A1", "wmo", "07", D(2025, 5, 1), D(2025, 10, 31), 100000),
    (5, "p05", 7, "A1", "wmo", "07", D(2025, 3, 1), D(2025, 12, 31), 150000),
    (6, "p09", 9, "A2", "wmo", "02", D(2025, 6, 1), D(2025, 12, 31), 50000),
    (7, "p06", 8, "A1", "jeugd", "45", D(2025, 1, 1), D(2025, 3, 31), 60000),
    (8, "p11", 10, "A2", "wmo", "02", D(2024, 1, 1), D(2024, 12, 31), 250000),  # other year
    (9, "p12", 11, "A1", "jeugd", "45", D(2025, 1, 1), D(2025, 1, 31), 40000),
]

BUDGETS = [(G, 2025, "wmo", "", 1000000), (G, 2025, "jeugd", "", 600000), (G, 2024, "wmo", "", 900000)]


def _rows(name: str, columns: list[str], rows: list[tuple], **constant) -> pa.Table:
    records = [dict(zip(columns, row, strict=True)) | constant for row in rows]
    return pa.Table.from_pylist(records, schema=TABLES[name])


def tables() -> dict[str, pa.Table]:
    """The fixture as Arrow tables in the extract schema."""
    return {
        "persons": _rows(
            "persons",
            ["person_key", "wijk_code", "buurt_code", "age_group", "household_key", "household_type"],
            PERSONS,
            gemeente_code=G,
        ),
        "provisions": _rows(
            "provisions",
            [
                "provision_id",
                "person_key",
                "case_id",
                "law",
                "product_category",
                "start_date",
                "end_date",
                "provider_key",
                "cost_eurocent",
            ],
            PROVISIONS,
            gemeente_code=G,
            product_code="",
        ),
        "cases": _rows(
            "cases",
            [
                "case_id",
                "household_key",
                "person_key",
                "wijk_code",
                "laws",
                "status",
                "opened_on",
                "closed_on",
                "melding_on",
                "onderzoek_started_on",
                "onderzoek_completed_on",
            ],
            CASES,
            gemeente_code=G,
        ),
        "applications": _rows(
            "applications",
            ["aanvraag_id", "case_id", "law", "received_on", "decided_on", "outcome"],
            APPLICATIONS,
            gemeente_code=G,
        ),
        "allocation_requests": _rows(
            "allocation_requests",
            ["request_id", "provider_key", "law", "received_on", "answer_due", "answered_on"],
            REQUESTS,
            gemeente_code=G,
        ),
        "measurements": _rows(
            "measurements",
            [
                "measurement_id",
                "person_key",
                "case_id",
                "instrument",
                "domain",
                "moment",
                "measured_on",
                "score",
                "relevant",
            ],
            MEASUREMENTS,
            gemeente_code=G,
            instrument_version="2017",
        ),
        "goals": _rows(
            "goals",
            ["goal_id", "case_id", "household_key", "person_key", "life_domain", "status", "assessed_on"],
            GOALS,
            gemeente_code=G,
        ),
        "costs": _rows(
            "costs",
            [
                "cost_id",
                "person_key",
                "provision_id",
                "provider_key",
                "law",
                "product_category",
                "period_start",
                "period_end",
                "amount_eurocent",
            ],
            COSTS,
            gemeente_code=G,
            source="declaratie",
        ),
        "budgets": _rows(
            "budgets", ["gemeente_code", "year", "law", "product_category", "amount_eurocent"], BUDGETS
        ),
    }


_KEY_COLUMNS = ("person_key", "household_key")
_ID_COLUMNS = ("provision_id", "case_id", "aanvraag_id", "request_id", "measurement_id", "goal_id", "cost_id")


def _copies(name: str, table: pa.Table, copies: int) -> pa.Table:
    """``copies`` disjoint copies of a table (keys suffixed, ids offset): the same rates, counts × copies."""
    if copies == 1 or name == "budgets":
        return table
    parts = []
    for i in range(copies):
        part = table
        for column in table.column_names:
            index = part.schema.get_field_index(column)
            values = part[column].to_pylist()
            if column in _KEY_COLUMNS:
                values = [None if v is None else f"{v}-{i}" for v in values]
            elif column in _ID_COLUMNS:
                values = [None if v is None else v + 1000 * i for v in values]
            else:
                continue
            part = part.set_column(index, column, pa.array(values, part.schema.field(column).type))
        parts.append(part)
    return pa.concat_tables(parts)


def write(root: Path, *, gemeente_code: str = G, copies: int = 1) -> Path:
    """Write the fixture as ``<root>/<table>.parquet`` (optionally for another municipality code, and as
    ``copies`` disjoint copies so counts pass disclosure control) and a manifest, and return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, table in tables().items():
        table = _copies(name, table, copies)
        index = table.schema.get_field_index("gemeente_code")
        table = table.set_column(
            index, "gemeente_code", pa.array([gemeente_code] * table.num_rows, pa.string())
        )
        pq.write_table(table, root / f"{name}.parquet")
    (root / "manifest.json").write_text(
        json.dumps(
            {"created_at": f"fixture-{gemeente_code}", "reference_date": "2025-01-01", "schema_version": 1}
        )
    )
    return root
