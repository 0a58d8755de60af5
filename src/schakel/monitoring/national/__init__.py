"""Synthetic national data set for the monitor: all 342 municipalities and 3,393 wijken with their real
1 January 2024 populations (CBS 85984NED, 17.9 million inhabitants), written directly as Parquet in the
pseudonymised extract schema (:mod:`schakel.monitoring.extract.schema`).

Streamed in chunks of whole municipalities (bounded memory: one chunk per worker process), vectorised with
numpy/pyarrow, deterministic by seed (each municipality has its own generator seeded with
``(seed, gemeentecode)``). Usage and overlap rates: :mod:`.params`. Layout::

    <out>/<table>/part-00000.parquet ...   one part file per chunk and table
    <out>/manifest.json                    seed, fraction, reference date, row counts, timings

Entry points: :func:`generate_national` and ``schakel generate_national`` (``schakel generate national``).
"""

from __future__ import annotations

from .generate import NationalResult, generate_national

__all__ = ["NationalResult", "generate_national"]
