"""SQLite planner statistics are refreshed when the case table has grown (``core/sqlite.py``)."""

from __future__ import annotations

import pytest
from django.db import connection

from schakel.core import sqlite

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (PostgreSQL analyses itself)"),
]


def _recorded() -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return []
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases_case'")
        return cursor.fetchall()


def test_no_statistics_for_an_empty_table_then_analyse_once_it_has_rows(open_case):
    with connection.cursor() as cursor:
        assert sqlite._stale(cursor) is (not _recorded())
    sqlite.refresh_statistics(sender=None, connection=connection)
    recorded = _recorded()
    assert recorded, "ANALYZE wrote statistics for the case table"
    with connection.cursor() as cursor:
        assert sqlite._stale(cursor) is False  # fresh now: the next connection does not analyse again


def test_other_databases_are_left_alone():
    class Other:
        vendor = "postgresql"

        def cursor(self):
            raise AssertionError("must not be used")

    sqlite.refresh_statistics(sender=None, connection=Other())
