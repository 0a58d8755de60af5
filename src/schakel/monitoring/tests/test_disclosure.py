"""Disclosure control: rounding to multiples of 5, small cells suppressed, derived figures guarded."""

from __future__ import annotations

import pandas as pd
import pytest

from schakel.monitoring import disclosure
from schakel.monitoring.indicators import REGISTRY


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, 0),
        (1, None),
        (4, None),
        (9, None),
        (10, 10),
        (12, 10),
        (13, 15),
        (17, 15),
        (18, 20),
        (22, 20),
        (23, 25),
        (1234, 1235),
        (1232, 1230),
        (None, None),
    ],
)
def test_round_count(count, shown):
    assert disclosure.round_count(count) == shown


def test_every_published_count_is_a_multiple_of_five_and_at_least_ten():
    for n in range(0, 500):
        shown = disclosure.round_count(n)
        assert shown is None or (shown % 5 == 0 and (shown >= 10 or shown == 0))
        assert shown is None or abs(shown - n) <= 2


def test_protect_rounds_counts_and_guards_rates():
    frame = pd.DataFrame(
        {
            "law": ["wmo", "jeugd", "participatie"],
            "clients": [123, 7, 0],
            "inhabitants": [1000, 1000, 1000],
            "per_1000": [123.0, 7.0, 0.0],
        }
    )
    out = disclosure.protect(frame, REGISTRY["clients_per_law"])
    assert out["clients"].tolist() == [125, pd.NA, 0]
    assert out["inhabitants"].tolist() == [1000, 1000, 1000]
    # the rate rests on the unrounded count, and is hidden with it
    assert out["per_1000"].tolist()[0] == 123.0
    assert out["per_1000"].isna().tolist() == [False, True, False]


def test_protect_money_to_whole_euros():
    frame = pd.DataFrame(
        {
            "law": ["wmo", "jeugd"],
            "cost_eurocent": [123456, 999],
            "clients": [40, 3],
            "cost_per_client_euro": [30.864, 3.33],
        }
    )
    out = disclosure.protect(frame, REGISTRY["cost_per_client"])
    assert out["cost_euro"].tolist() == [1235, 10]
    assert out["clients"].tolist() == [40, pd.NA]
    assert out["cost_per_client_euro"].tolist()[0] == pytest.approx(30.9)
    assert pd.isna(out["cost_per_client_euro"].tolist()[1])


def test_display_marks_suppressed_cells_with_a_dot():
    assert disclosure.display(None) == "."
    assert disclosure.display(pd.NA) == "."
    assert disclosure.display(1235) == "1.235"
    assert disclosure.display(66.67) == "66,7"


def test_every_indicator_declares_its_counts():
    """A council output can only be protected when the indicator says which columns are counts."""
    for name, indicator in REGISTRY.items():
        if name == "budget_execution":
            continue  # money and a share of money only, no counts of persons
        assert indicator.counts, name
        for guarded, guard in indicator.guarded.items():
            assert guard in indicator.counts, (name, guarded)


def test_council_outputs_never_show_small_counts(tmp_path):
    """Every protected result of every indicator on the fixture: each count is None, 0 or a multiple of 5 ≥ 10."""
    from schakel.monitoring.engine import connect
    from schakel.monitoring.indicators import Params, compute, load_tables
    from schakel.monitoring.tests import extract_fixture as fx

    con = connect("duckdb")
    tables = load_tables(con, fx.write(tmp_path))
    for name, indicator in REGISTRY.items():
        out = disclosure.protect(
            compute(name, tables, Params.year(2025, gemeente_code=fx.G)).to_pandas(), indicator
        )
        for column in indicator.counts:
            for value in out[column].tolist():
                assert pd.isna(value) or value == 0 or (value % 5 == 0 and value >= 10), (name, column, value)
