"""The driver: municipality factors, chunking, worker processes, part files, manifest and progress bar."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..extract import schema as S
from . import params
from .frame import Gemeente, load_frame

GENERATOR = "schakel.monitoring.national"
#: The extract tables this generator writes (an extract table added later stays empty until it is generated).
GENERATED = (
    "persons",
    "provisions",
    "cases",
    "applications",
    "allocation_requests",
    "measurements",
    "goals",
    "costs",
    "budgets",
)
DEFAULT_CHUNK_PERSONS = 1_000_000


@dataclass
class NationalResult:
    out: Path
    seed: int
    fraction: float
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    gemeenten: int = 0
    wijken: int = 0


def municipality_factors(frame: list[Gemeente], seed: int) -> dict[str, dict[str, float]]:
    """Rate multipliers per municipality (mean 1, weighted by inhabitants; independent of the fraction).

    Wmo and jeugd vary log-normally (reference §3.6: Wmo spend ~4× between municipalities, jeugdzorg share
    < 6 % to ~20 %); bijstand rises with population density (cities); the cost level follows Wmo use.
    """
    rng = np.random.default_rng([seed, 0])
    n = len(frame)
    inh = np.array([g.inhabitants for g in frame], dtype=np.float64)
    density = np.array([max(g.density, 1.0) for g in frame])
    raw = {
        "wmo": np.clip(rng.lognormal(0, 0.22, n), 0.55, 1.8),
        "jeugd": np.clip(rng.lognormal(0, 0.30, n), 0.5, 1.9),
        "participatie": np.clip((density / np.median(density)) ** 0.3 * rng.lognormal(0, 0.15, n), 0.4, 2.5),
    }
    raw["cost"] = np.clip(np.sqrt(raw["wmo"]) * rng.lognormal(0, 0.2, n), 0.5, 2.0)
    for key, values in raw.items():
        raw[key] = values / np.average(values, weights=inh)
    return {g.code: {k: float(v[i]) for k, v in raw.items()} for i, g in enumerate(frame)}


def provider_pool(seed: int) -> pa.Array:
    """The national pool of synthetic AGB-like provider codes (8 digits)."""
    rng = np.random.default_rng([seed, 1])
    codes = np.unique(rng.integers(10_000_000, 100_000_000, params.PROVIDER_POOL * 2))
    codes = rng.permutation(codes)[: params.PROVIDER_POOL]
    return pa.array([f"{c:08d}" for c in codes])


def chunks(frame: list[Gemeente], chunk_persons: int) -> list[list[int]]:
    """Consecutive municipalities grouped until a chunk holds at least ``chunk_persons`` persons."""
    out, current, size = [], [], 0
    for i, g in enumerate(frame):
        current.append(i)
        size += g.target
        if size >= chunk_persons:
            out.append(current)
            current, size = [], 0
    if current:
        out.append(current)
    return out


def write_part(table: pa.Table, path: Path) -> None:
    """Write one part file. Dictionary-encoded string columns are stored as plain Parquet UTF-8 columns
    (``store_schema=False``), so every reader (pyarrow, DuckDB, Spark) sees exactly the extract schema.
    The random keys are not dictionary-encoded (every value is unique)."""
    dictionary = [f.name for f in table.schema if pa.types.is_dictionary(f.type)]
    pq.write_table(table, path, compression="zstd", store_schema=False, use_dictionary=dictionary)


# Worker state (set once per process by the initializer).
_STATE: dict = {}


def _init(frame, seed, factors, pool, out):
    from .build import build_gemeente  # noqa: F401  (import in the worker)

    _STATE.update(frame=frame, seed=seed, factors=factors, pool=pool, out=out, cpb=params.cpb_profiles())


def _run_chunk(task: tuple[int, list[int]]) -> tuple[int, int, dict[str, int]]:
    from .build import build_gemeente

    number, members = task
    st = _STATE
    parts: dict[str, list[pa.Table]] = {name: [] for name in GENERATED}
    persons = 0
    for i in members:
        g = st["frame"][i]
        tables = build_gemeente(g, st["seed"], st["factors"][g.code], st["pool"], st["cpb"])
        persons += g.target
        for name, table in tables.items():
            parts[name].append(table)
    counts = {}
    for name, tables in parts.items():
        table = pa.concat_tables(tables).unify_dictionaries()
        counts[name] = table.num_rows
        write_part(table, Path(st["out"]) / name / f"part-{number:05d}.parquet")
    return number, persons, counts


def generate_national(
    out: Path | str,
    *,
    seed: int = 42,
    fraction: float = 1.0,
    workers: int | None = None,
    chunk_persons: int = DEFAULT_CHUNK_PERSONS,
    progress: bool = True,
    gemeenten: list[str] | None = None,
) -> NationalResult:
    """Write the national set (or ``fraction`` of it, or only the ``gemeenten`` codes) to ``out``.

    Existing part files of the extract tables under ``out`` are replaced.
    """
    started = time.perf_counter()
    out = Path(out)
    frame = load_frame(fraction)
    factors = municipality_factors(frame, seed)
    if gemeenten is not None:
        wanted = set(gemeenten)
        frame = [g for g in frame if g.code in wanted]
        if not frame:
            raise ValueError("geen van de opgegeven gemeentecodes bestaat")
    for name in GENERATED:
        if (out / name).exists():
            shutil.rmtree(out / name)
        (out / name).mkdir(parents=True)
    tasks = list(enumerate(chunks(frame, chunk_persons)))
    total = sum(g.target for g in frame)
    workers = workers or min(os.cpu_count() or 1, 2, len(tasks))
    init_args = (frame, seed, factors, provider_pool(seed), str(out))
    counts = dict.fromkeys(GENERATED, 0)

    def consume(results, advance):
        for _number, persons, c in results:
            for name, value in c.items():
                counts[name] += value
            advance(persons)

    if workers > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers, initializer=_init, initargs=init_args) as pool:  # before any thread starts
            results = pool.imap_unordered(_run_chunk, tasks)
            _with_progress(progress, total, lambda advance: consume(results, advance))
    else:
        _init(*init_args)
        _with_progress(progress, total, lambda advance: consume(map(_run_chunk, tasks), advance))
    seconds = time.perf_counter() - started
    result = NationalResult(
        out=out,
        seed=seed,
        fraction=fraction,
        seconds=seconds,
        counts=counts,
        gemeenten=len(frame),
        wijken=sum(len(g.wijk_codes) for g in frame),
    )
    manifest = {
        "generator": GENERATOR,
        "schema_version": S.SCHEMA_VERSION,
        "synthetic": True,
        "seed": seed,
        "fraction": fraction,
        "reference_date": params.REFERENCE_DATE.isoformat(),
        "window": [params.WINDOW_START.isoformat(), params.REFERENCE_DATE.isoformat()],
        "gemeenten": result.gemeenten,
        "wijken": result.wijken,
        "inhabitants": total,
        "row_counts": counts,
        "seconds": round(seconds, 2),
        "layout": "<table>/part-*.parquet",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return result


def _with_progress(enabled: bool, total: int, body) -> None:
    if not enabled:
        body(lambda n: None)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]Landelijke dataset"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inwoners"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns) as bar:
        task = bar.add_task("inwoners", total=total)
        body(lambda n: bar.advance(task, n))
