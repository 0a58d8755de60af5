"""``make bench-monitoring``: the national-scale benchmark of the monitor (issue 6, Performance).

1. Generate the synthetic national data set (17.9 M persons, 342 municipalities, three years): wall time
   (target ≤ 3 min) and peak RSS of the process tree (bounded memory).
2. The full indicator set (every indicator in the registry, whole country, year 2024) on DuckDB in a fresh
   process: wall time (target ≤ 20 s) and peak RSS (target ≤ 6 GB). Reference in the same process: person and
   household stapeling as one plain DuckDB SQL query (the indicator layer should add little to it).
3. Baseline ratio: the stapeling indicator done the straightforward way in pandas on a 10 % sample, against
   the Ibis/DuckDB stapeling indicators on the same sample, in the same run.
4. PySpark (local mode) on a 1 % sample for reference, against DuckDB on the same sample.

Each measurement runs in its own Python process (clean peak RSS). Generated data go to
``$SCHAKEL_VAR_DIR/bench-monitoring`` or a temporary directory, never into git; they are removed afterwards
unless ``--keep``. Results: ``bench/results/monitoring.{md,json}``. The machine's load average is recorded:
other work on the machine inflates every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
YEAR = 2024

TARGETS = {"generation_s": 180.0, "indicators_s": 20.0, "indicators_rss_gb": 6.0}

# --- code run in child processes ---------------------------------------------------------------------------

GENERATE = """
import json, resource, sys
from schakel.monitoring.national import generate_national
r = generate_national(sys.argv[1], seed=42, fraction=float(sys.argv[2]), progress=False)
cpu = sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
print(json.dumps({"seconds": r.seconds, "counts": r.counts, "cpu_s": cpu}))
"""

INDICATORS = """
import json, resource, sys, time
t0 = time.perf_counter()
from schakel.monitoring.engine import connect
from schakel.monitoring.indicators import REGISTRY, Params, compute, load_tables
engine, root, year, only = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = connect(engine, spark_master="local[2]") if engine == "pyspark" else connect(engine)
if engine == "pyspark":
    con._session.conf.set("spark.sql.shuffle.partitions", "4")
startup = time.perf_counter() - t0
t1 = time.perf_counter()
c1 = time.process_time()
tables = load_tables(con, root)
params = Params.year(year)
names = [n for n, ind in REGISTRY.items() if only == "all" or ind.theme == only]
# Each indicator built and run in turn: the intermediate tables it shares with later ones are materialised
# (and timed) when the first indicator needs them; shared_tables_s lists them separately.
per = {}
rows = 0
for name in names:
    t = time.perf_counter()
    result = compute(name, tables, params).to_pyarrow()
    per[name] = round(time.perf_counter() - t, 3)
    rows += result.num_rows
total = time.perf_counter() - t1
usage = resource.getrusage(resource.RUSAGE_SELF)
shared = {k: [round(x, 3) for x in v] for k, v in getattr(tables, "timings", {}).items()}
out = {"engine": engine, "seconds": total, "cpu_s": usage.ru_utime + usage.ru_stime, "run_cpu_s": time.process_time() - c1, "startup_s": startup, "indicators": len(names), "result_rows": rows,
       "per_indicator_s": per, "shared_tables_s": shared, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if engine == "duckdb" and only == "all":
    sql = '''
    with u as (
      select pe.person_key, pe.household_key, pr.law
      from read_parquet('{root}/provisions/*.parquet') pr
      join read_parquet('{root}/persons/*.parquet') pe using (person_key)
      where pr.law in ('jeugd', 'participatie', 'wmo')
        and pr.start_date <= date '{year}-12-31' and (pr.end_date is null or pr.end_date >= date '{year}-01-01')),
    p as (select person_key, bit_or(case law when 'jeugd' then 1 when 'participatie' then 2 else 4 end) c
          from u group by 1),
    h as (select household_key, bit_or(case law when 'jeugd' then 1 when 'participatie' then 2 else 4 end) c
          from u group by 1)
    select 'persons' unit, c, count(*) from p group by all
    union all select 'households', c, count(*) from h group by all
    '''.format(root=root, year=year)
    t = time.perf_counter()
    con.con.execute(sql).fetchall()
    out["plain_sql_stapeling_s"] = time.perf_counter() - t
    t = time.perf_counter()
    fresh = load_tables(con, root)  # nothing shared yet: the two indicators from the Parquet files
    for name in ("stapeling_persons", "stapeling_households"):
        compute(name, fresh, params).to_pyarrow()
    out["ibis_stapeling_s"] = time.perf_counter() - t
print(json.dumps(out))
"""

PANDAS_STAPELING = """
import json, resource, sys, time
import pandas as pd
root, year = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
persons = pd.read_parquet(f"{root}/persons", columns=["person_key", "household_key"])
prov = pd.read_parquet(f"{root}/provisions", columns=["person_key", "law", "start_date", "end_date"])
start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
s = pd.to_datetime(prov["start_date"])
e = pd.to_datetime(prov["end_date"])
active = prov[(s <= end) & (e.isna() | (e >= start)) & prov["law"].isin(["jeugd", "participatie", "wmo"])]
letters = {"jeugd": "J", "participatie": "P", "wmo": "W"}
def combo(laws):
    return "".join(sorted({letters[law] for law in laws}))
by_person = active.groupby("person_key")["law"].apply(combo)
person_counts = by_person.value_counts().to_dict()
merged = active.merge(persons, on="person_key")
by_household = merged.groupby("household_key")["law"].apply(combo)
household_counts = by_household.value_counts().to_dict()
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "persons": person_counts, "households": household_counts,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


#: Highest 1-minute load average seen while the last child ran (sampled with the RSS).
LAST_LOAD_MAX = [0.0]


def run_child(code: str, *args: str, env: dict | None = None) -> tuple[dict, float, float]:
    """Run ``code`` in a fresh interpreter; returns (its JSON output, wall seconds, peak tree RSS in MB).

    While it runs the 1-minute load average is sampled too (:data:`LAST_LOAD_MAX`): on a shared machine the
    wall time only means something next to the load and the CPU seconds."""
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("PYTHONPATH", str(ROOT / "src"))
    child_env.setdefault("PYSPARK_PYTHON", sys.executable)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=child_env,
    )
    peak = 0
    LAST_LOAD_MAX[0] = os.getloadavg()[0]
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            LAST_LOAD_MAX[0] = max(LAST_LOAD_MAX[0], os.getloadavg()[0])
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{stderr[-4000:]}")
    last = [line for line in stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last), wall, peak / 2**20


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _shares(counts: dict) -> dict:
    total = sum(counts.values())
    multi = sum(v for k, v in counts.items() if len(k) > 1)
    return {"total": total, "multi_share": round(multi / total, 4) if total else 0.0}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fraction",
        type=float,
        default=1.0,
        help="national set fraction (1 = full; smaller for a quick run)",
    )
    parser.add_argument("--skip-spark", action="store_true", help="leave out the PySpark reference")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument(
        "--spark-from",
        default=None,
        help="with --skip-spark: copy the PySpark figures from an earlier monitoring.json (marked with its run)",
    )
    parser.add_argument(
        "--out", default=None, help="data directory (default $SCHAKEL_VAR_DIR/bench-monitoring or a temp dir)"
    )
    args = parser.parse_args(argv)

    var = os.environ.get("SCHAKEL_VAR_DIR")
    data = (
        Path(args.out)
        if args.out
        else (
            Path(var) / "bench-monitoring"
            if var
            else Path(tempfile.mkdtemp(prefix="schakel-bench-monitoring-"))
        )
    )
    data.mkdir(parents=True, exist_ok=True)
    report: dict = {
        "benchmark": "monitoring",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average_start": _load(),
        "fraction": args.fraction,
        "year": YEAR,
        "targets": TARGETS,
    }
    try:
        national, sample10, sample1 = data / "national", data / "sample10", data / "sample1"

        print(f"1/4 generating the national set (fraction {args.fraction}) in {national} ...", flush=True)
        out, wall, rss = run_child(GENERATE, str(national), str(args.fraction))
        size = sum(p.stat().st_size for p in national.rglob("*.parquet"))
        report["generation"] = {
            "seconds": round(wall, 1),
            "generator_seconds": round(out["seconds"], 1),
            "cpu_seconds": round(out["cpu_s"], 1),
            "peak_rss_tree_mb": round(rss),
            "rows": out["counts"],
            "parquet_mb": round(size / 2**20),
        }
        print(f"    {wall:.1f} s, peak RSS {rss:.0f} MB, {size / 2**20:.0f} MB Parquet", flush=True)

        print("2/4 full indicator set on DuckDB ...", flush=True)
        load_before = _load()
        out, wall, rss = run_child(INDICATORS, "duckdb", str(national), str(YEAR), "all")
        report["duckdb_national"] = {
            "seconds": round(out["seconds"], 2),
            "process_seconds": round(wall, 2),
            "cpu_seconds": round(out["cpu_s"], 1),
            "run_cpu_seconds": round(out["run_cpu_s"], 1),
            "load_average_start": load_before,
            "load_average_max": round(LAST_LOAD_MAX[0], 2),
            "peak_rss_mb": round(max(out["peak_rss_mb"], rss)),
            "indicators": out["indicators"],
            "result_rows": out["result_rows"],
            "plain_sql_stapeling_s": round(out["plain_sql_stapeling_s"], 2),
            "ibis_stapeling_s": round(out["ibis_stapeling_s"], 2),
            "per_indicator_s": out["per_indicator_s"],
            "shared_tables_s": out["shared_tables_s"],
        }
        print(
            f"    {out['seconds']:.1f} s, {out['run_cpu_s']:.1f} CPU-s, peak RSS {max(out['peak_rss_mb'], rss):.0f} MB, "
            f"load {load_before} (max {LAST_LOAD_MAX[0]:.2f})",
            flush=True,
        )

        print("3/4 pandas stapeling baseline on a 10 % sample ...", flush=True)
        gen10, _wall, _rss = run_child(GENERATE, str(sample10), str(min(0.1, args.fraction)))
        pandas_out, _wall, pandas_rss = run_child(PANDAS_STAPELING, str(sample10), str(YEAR))
        duck10, _wall, _rss = run_child(INDICATORS, "duckdb", str(sample10), str(YEAR), "stapeling")
        ibis_stapeling = sum(
            duck10["per_indicator_s"][n] for n in ("stapeling_persons", "stapeling_households")
        )
        report["baseline_pandas_10pct"] = {
            "persons": gen10["counts"]["persons"],
            "pandas_seconds": round(pandas_out["seconds"], 2),
            "pandas_peak_rss_mb": round(max(pandas_out["peak_rss_mb"], pandas_rss)),
            "ibis_duckdb_seconds": round(ibis_stapeling, 2),
            "ratio_pandas_over_duckdb": round(pandas_out["seconds"] / ibis_stapeling, 1)
            if ibis_stapeling
            else None,
            "pandas_persons": _shares(pandas_out["persons"]),
            "pandas_households": _shares(pandas_out["households"]),
        }
        print(f"    pandas {pandas_out['seconds']:.1f} s vs Ibis/DuckDB {ibis_stapeling:.2f} s", flush=True)

        if not args.skip_spark:
            print("4/4 PySpark (local) on a 1 % sample ...", flush=True)
            gen1, _wall, _rss = run_child(GENERATE, str(sample1), str(min(0.01, args.fraction)))
            spark, spark_wall, spark_rss = run_child(INDICATORS, "pyspark", str(sample1), str(YEAR), "all")
            duck1, _wall, _rss = run_child(INDICATORS, "duckdb", str(sample1), str(YEAR), "all")
            report["pyspark_1pct"] = {
                "persons": gen1["counts"]["persons"],
                "spark_seconds": round(spark["seconds"], 1),
                "spark_startup_s": round(spark["startup_s"], 1),
                "spark_peak_rss_tree_mb": round(spark_rss),
                "duckdb_seconds": round(duck1["seconds"], 2),
                "ratio_spark_over_duckdb": round(spark["seconds"] / duck1["seconds"], 1),
                "per_indicator_s": spark["per_indicator_s"],
            }
            print(
                f"    PySpark {spark['seconds']:.1f} s (+{spark['startup_s']:.1f} s start) vs DuckDB {duck1['seconds']:.2f} s",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)
    if args.skip_spark and args.spark_from:
        earlier = json.loads(Path(args.spark_from).read_text(encoding="utf-8"))
        if "pyspark_1pct" in earlier:
            spark = earlier["pyspark_1pct"]  # keep the run it was measured in when carried over before
            report["pyspark_1pct"] = {**spark, "from_run": spark.get("from_run", earlier["started"])}
    report["load_average_end"] = _load()
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    write(report)
    return report


def _ok(value: float, target: float) -> str:
    return "✔" if value <= target else "✘"


def write(report: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "monitoring.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    g, d = report["generation"], report["duckdb_national"]
    b = report["baseline_pandas_10pct"]
    scale = "full national set" if report["fraction"] == 1 else f"fraction {report['fraction']}"
    lines = [
        "# Monitor benchmark (issue 6): national scale",
        "",
        f"Run {report['started']} on {report['machine']['cpus']} CPUs, Python {report['machine']['python']}; "
        f"load average at start {report['load_average_start']}, at end {report['load_average_end']} "
        "(other work on the machine inflates every figure). Data: the synthetic national set "
        f"({scale}, seed 42), year {report['year']}. `python -m bench.monitoring`.",
        "",
        "| Measure | Value | Target | |",
        "|---|---|---|---|",
        f"| Generate the national set ({g['rows']['persons']:,} persons, {sum(g['rows'].values()):,} rows, "
        f"{g['parquet_mb']:,} MB Parquet) | {g['seconds']:.1f} s ({g['cpu_seconds']:.0f} CPU-s) | ≤ 180 s | "
        f"{_ok(g['seconds'], 180)} |",
        f"| Peak RSS of the generator (process tree) | {g['peak_rss_tree_mb']:,} MB | bounded | |",
        f"| Full indicator set on DuckDB ({d['indicators']} indicators) | {d['seconds']:.1f} s "
        f"({d.get('run_cpu_seconds', d['cpu_seconds']):.1f} CPU-s; {d['cpu_seconds']:.0f} incl. start; "
        f"load {d.get('load_average_start', '?')}, max {d.get('load_average_max', '?')}) | ≤ 20 s | "
        f"{_ok(d['seconds'], 20)} |",
        f"| Peak RSS of that process | {d['peak_rss_mb']:,} MB | ≤ 6,144 MB | {_ok(d['peak_rss_mb'], 6144)} |",
        f"| Person + household stapeling as one plain DuckDB SQL query | {d['plain_sql_stapeling_s']:.2f} s | reference | |",
        f"| The same via the two Ibis stapeling indicators | {d['ibis_stapeling_s']:.2f} s | ≈ plain SQL | |",
        f"| Stapeling in pandas, straightforward, 10 % sample ({b['persons']:,} persons) | {b['pandas_seconds']:.2f} s | "
        "baseline | |",
        f"| Stapeling via Ibis/DuckDB, same 10 % sample | {b['ibis_duckdb_seconds']:.2f} s | "
        f"ratio pandas/DuckDB {b['ratio_pandas_over_duckdb']}× | |",
    ]
    if "pyspark_1pct" in report:
        s = report["pyspark_1pct"]
        when = f", run of {s['from_run']}" if s.get("from_run") else ""
        lines += [
            f"| Full indicator set on PySpark local[2], 1 % sample ({s['persons']:,} persons{when}) | "
            f"{s['spark_seconds']:.1f} s "
            f"(+ {s['spark_startup_s']:.1f} s session start) | reference | |",
            f"| The same on DuckDB | {s['duckdb_seconds']:.2f} s | ratio Spark/DuckDB {s['ratio_spark_over_duckdb']}× | |",
        ]
    slow = sorted(d["per_indicator_s"].items(), key=lambda kv: -kv[1])[:8]
    shared = sorted(d.get("shared_tables_s", {}).items(), key=lambda kv: -kv[1][1])
    lines += [
        "",
        "Slowest indicators on DuckDB (national; the first user of a shared table pays for building it): "
        + ", ".join(f"{n} {t:.2f} s" for n, t in slow)
        + ".",
        "",
        "Shared intermediate tables (built once per run; wall s / CPU-s): "
        + ", ".join(f"{n} {w:.2f}/{c:.2f}" for n, (w, c) in shared)
        + ".",
        "",
        f"Rows generated: {', '.join(f'{k} {v:,}' for k, v in g['rows'].items())}.",
        "",
        "All figures: `bench/results/monitoring.json`. How the data are made: `docs/monitor-landelijk.md`.",
        "",
    ]
    (RESULTS / "monitoring.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
