"""Monitor indicators as Ibis expressions, one module per theme; the same code runs on DuckDB and PySpark.

Public API (used by the dashboards, the council report, the national benchmark and the parity test)::

    from schakel.monitoring.indicators import REGISTRY, Params, compute, compute_all, load_tables
    from schakel.monitoring.engine import connect

    con = connect()                                  # DuckDB by default, PySpark when configured
    tables = load_tables(con, "/path/to/extract")    # dict table name -> ibis.Table (extract/schema.py)
    params = Params.year(2025, gemeente_code="0363", wijk_code=None)
    expr = compute("clients_per_1000", tables, params)   # an ibis.Table (lazy)
    df = expr.to_pandas()                             # or con.execute(expr) / expr.to_pyarrow()
    results = compute_all(tables, params, theme="stapeling")  # name -> ibis.Table

Each indicator is an :class:`~schakel.monitoring.indicators.base.Indicator` in :data:`REGISTRY` with its theme,
Dutch title, breakdown keys and the count columns that disclosure control
(:mod:`schakel.monitoring.disclosure`) rounds and suppresses. Indicator functions take ``(tables, params)``
and only use Ibis operations that both backends support.
"""

from __future__ import annotations

from pathlib import Path

import ibis

from . import budget, costs, deadlines, flows, outcomes, stapeling, usage  # noqa: F401  (register)
from .base import REGISTRY, Indicator, Params, Tables, TableSet

THEMES: dict[str, str] = {
    "usage": "Gebruik van voorzieningen",
    "stapeling": "Stapeling van voorzieningen",
    "flows": "Instroom, uitstroom en duur",
    "outcomes": "Resultaten en doelen",
    "costs": "Kosten",
    "deadlines": "Termijnen",
    "budget": "Budgetuitputting",
}

__all__ = [
    "REGISTRY",
    "THEMES",
    "Indicator",
    "Params",
    "TableSet",
    "Tables",
    "compute",
    "compute_all",
    "load_tables",
]


def load_tables(con: ibis.BaseBackend, root: str | Path) -> Tables:
    """Register every extract table under ``root`` (``<t>.parquet`` or ``<t>/``) on ``con``.

    A table missing on disk is read as an empty table of its schema, so indicators over sources that have not
    been extracted yet return no rows instead of failing. The result is a :class:`TableSet`: indicators
    computed from it share their intermediate tables (materialised once per parameters on ``con``).
    """
    from ..extract.schema import TABLES

    root = Path(root)
    tables = TableSet(con)
    for name, schema in TABLES.items():
        single, directory = root / f"{name}.parquet", root / name
        if single.exists():
            tables[name] = con.read_parquet(str(single), table_name=f"mon_{name}")
        elif directory.is_dir() and any(directory.glob("*.parquet")):
            tables[name] = con.read_parquet(str(directory / "*.parquet"), table_name=f"mon_{name}")
        else:
            tables[name] = ibis.memtable(schema.empty_table())
    return tables


def compute(name: str, tables: Tables, params: Params) -> ibis.Table:
    """The lazy Ibis expression of indicator ``name`` (raises ``KeyError`` for an unknown name)."""
    return REGISTRY[name](tables, params)


def compute_all(tables: Tables, params: Params, *, theme: str | None = None) -> dict[str, ibis.Table]:
    """Every registered indicator (of ``theme``, if given), as lazy expressions by name."""
    return {n: ind(tables, params) for n, ind in REGISTRY.items() if theme is None or ind.theme == theme}
