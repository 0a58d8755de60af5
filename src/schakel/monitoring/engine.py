"""Backend factory: the same Ibis indicator code on DuckDB (default) or PySpark (local or cluster).

Settings (``conf/includes/integrations.py``, documented in docs/configuration.md):

* ``MONITOR_ENGINE`` — ``"duckdb"`` (default) or ``"pyspark"`` (``SCHAKEL_MONITOR_ENGINE``).
* ``MONITOR_SPARK_MASTER`` — Spark master URL, default ``"local[*]"`` (``SCHAKEL_MONITOR_SPARK_MASTER``).
* ``MONITOR_DIR`` — the extract directory, default ``VAR_DIR / "monitor"`` (``SCHAKEL_MONITOR_DIR``).

Plain scripts without Django settings (the national benchmark) pass the engine explicitly or get DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import ibis

ENGINES = ("duckdb", "pyspark")


def engine_name() -> str:
    from django.conf import settings

    name = getattr(settings, "MONITOR_ENGINE", None) or "duckdb"
    if name not in ENGINES:
        raise ValueError(f"MONITOR_ENGINE must be one of {ENGINES}, not {name!r}")
    return name


def extract_dir() -> Path:
    from django.conf import settings

    configured = getattr(settings, "MONITOR_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "monitor"


def _setting(name: str):
    try:
        from django.conf import settings

        return getattr(settings, name, None)
    except Exception:  # Django not configured
        return None


def connect(engine: str | None = None, *, spark_master: str | None = None) -> ibis.BaseBackend:
    """An Ibis backend: an in-memory DuckDB, or a PySpark session (created or reused)."""
    if engine is None:
        try:
            engine = engine_name()
        except Exception:  # Django not configured (plain scripts, the national benchmark)
            engine = "duckdb"
    if engine == "duckdb":
        # Results are always ordered explicitly (order_by), so DuckDB need not keep the insertion order of
        # intermediate tables: less memory and faster materialisation of the shared tables.
        return ibis.duckdb.connect(preserve_insertion_order=False)
    if engine == "pyspark":
        from pyspark.sql import SparkSession

        master = spark_master or _setting("MONITOR_SPARK_MASTER") or "local[*]"
        session = (
            SparkSession.builder.master(master)
            .appName("schakel-monitor")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
        return ibis.pyspark.connect(session)
    raise ValueError(f"unknown engine {engine!r}")
