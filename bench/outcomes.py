"""``make bench-outcomes``: outcome aggregates of the 100,000-inhabitant municipality (issue 3, Performance).

For each database (SQLite, PostgreSQL): migrate, load the configuration, generate the synthetic municipality
(timed, all apps), then in a fresh process:

1. the extra seconds of the outcomes synth: its rows deleted and generated again, timed on their own;
2. every set-based aggregate of :mod:`schakel.outcomes.services` for ALL cases of the municipality (per
   person/household change first → latest per domain, goal attainment, per product, wijk, period, provider
   and contract), each timed (target ≤ 2 s);
3. the BASELINE in the same run: the per-case Python loop (:func:`per_case_loop`) on a 1,000-case sample,
   extrapolated linearly to all measured cases.

Results: ``bench/results/outcomes.{md,json}``. The machine's load average is recorded: other work on the
machine inflates every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_URL = os.environ.get(
    "BENCH_OUTCOMES_PG_URL", "postgres://postgres@127.0.0.1:5432/schakel_bench_outcomes"
)
TARGET_S = 2.0
GENERATION_TARGET_S = 120.0

MEASURE = r"""
import json, random, sys, time
import django
django.setup()
from django.db import connection
from django.utils import timezone
from schakel.cases.models import Case
from schakel.core.models import Gemeente
from schakel.outcomes import services, synth
from schakel.outcomes.models import Measurement, MeasurementScore

gemeente = Gemeente.objects.filter(cases__isnull=False).distinct().get()
out = {"vendor": connection.vendor}
t = time.perf_counter()
synth.delete(gemeente)
out["synth_delete_s"] = time.perf_counter() - t
t = time.perf_counter()
out["synth_counts"] = synth.generate(gemeente, seed=42, today=timezone.localdate())
out["synth_generate_s"] = time.perf_counter() - t
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("ANALYZE")
out["cases"] = Case.objects.filter(gemeente=gemeente).count()
out["measured_cases"] = Measurement.objects.filter(gemeente=gemeente).values("case").distinct().count()
out["measurements"] = Measurement.objects.filter(gemeente=gemeente).count()
out["scores"] = MeasurementScore.objects.filter(measurement__gemeente=gemeente).count()
timings = {}
for by in services.DIMENSIONS:
    best, rows = None, 0
    for _ in range(3):
        t = time.perf_counter()
        rows = len(services.domain_changes(gemeente.pk, by=by))
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    timings[f"domain_changes by {by}"] = {"seconds": best, "rows": rows}
for by in ("gemeente", "huishouden", "wijk", "productcategorie", "kwartaal", "aanbieder", "contract"):
    best, rows = None, 0
    for _ in range(3):
        t = time.perf_counter()
        rows = len(services.goal_attainment(gemeente.pk, by=by))
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    timings[f"goal_attainment by {by}"] = {"seconds": best, "rows": rows}
out["aggregates"] = timings
case_ids = sorted(set(Measurement.objects.filter(gemeente=gemeente).order_by().values_list("case_id", flat=True)))
sample = random.Random(7).sample(case_ids, min(1000, len(case_ids)))
t = time.perf_counter()
services.per_case_loop(sample)
out["loop_sample_cases"] = len(sample)
out["loop_sample_s"] = time.perf_counter() - t
t = time.perf_counter()
services.domain_changes(gemeente.pk, by="persoon", person_ids=None)
out["set_based_all_persons_s"] = time.perf_counter() - t
print(json.dumps(out))
"""


def _env(backend: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_") and k != "DATABASE_URL"}
    env.update(
        SCHAKEL_SECRET_KEY="bench-" + "k" * 50,
        SCHAKEL_VAR_DIR=str(var_dir),
        SCHAKEL_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="schakel.conf.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    )
    if backend == "postgres":
        env["DATABASE_URL"] = PG_BENCH_URL
    return env


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        done.check_returncode()
    return done


def _reset_postgres() -> None:
    import psycopg

    name = PG_BENCH_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_backend(backend: str, size: int, seed: int, keep: bool) -> dict:
    var_dir = ROOT / "var" / "bench-outcomes" / backend
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    if backend == "postgres":
        _reset_postgres()
    env = _env(backend, var_dir)
    schakel = str(BIN / "schakel")
    _run([schakel, "migrate", "--no-input"], env)
    _run([schakel, "setup_configuration"], env)
    started = time.perf_counter()
    _run([schakel, "generate", "--size", str(size), "--seed", str(seed), "--no-progress"], env)
    generation = time.perf_counter() - started
    result = json.loads(_run([sys.executable, "-c", MEASURE], env).stdout.strip().splitlines()[-1])
    result["generation_s"] = generation
    measured = max(result["measured_cases"], 1)
    result["loop_extrapolated_all_s"] = (
        result["loop_sample_s"] * measured / max(result["loop_sample_cases"], 1)
    )
    if not keep:
        shutil.rmtree(var_dir, ignore_errors=True)
        if backend == "postgres":
            _reset_postgres()
    return result


def _commit() -> str:
    try:
        return _run(["git", "rev-parse", "--short", "HEAD"], dict(os.environ)).stdout.strip()
    except (subprocess.CalledProcessError, OSError):
        return "?"


def report(results: dict, args) -> str:
    lines = [
        "# Outcome aggregates benchmark (issue 3, Performance)",
        "",
        f"Machine: {platform.processor() or platform.machine()} · {os.cpu_count()} cores · Python "
        f"{platform.python_version()} · load average at start {results['load_average']}  ",
        f"Date: {results['date']} · commit `{results['commit']}` · size {args.size:,} inhabitants · seed {args.seed}.",
        "",
        "Every aggregate covers ALL cases of the municipality in one SQL statement (window functions, SQLite and "
        f"PostgreSQL); target ≤ {TARGET_S:.0f} s each. Baseline in the same run: the per-case Python loop on a "
        "1,000-case sample, extrapolated linearly to all measured cases. Best of 3 runs per aggregate.",
    ]
    for backend, r in results["backends"].items():
        worst = max(v["seconds"] for v in r["aggregates"].values())
        ratio = r["loop_extrapolated_all_s"] / max(r["set_based_all_persons_s"], 1e-9)
        lines += [
            "",
            f"## {backend}",
            "",
            f"Cases {r['cases']:,} (measured {r['measured_cases']:,}) · measurements {r['measurements']:,} · "
            f"scores {r['scores']:,}.",
            "",
            f"Generating the whole municipality (all apps): **{r['generation_s']:.1f} s** (target ≤ "
            f"{GENERATION_TARGET_S:.0f} s: {'met' if r['generation_s'] <= GENERATION_TARGET_S else 'NOT met'}); of "
            f"which the outcomes synth: **{r['synth_generate_s']:.2f} s** (measured on its own: rows deleted and "
            f"generated again; {r['synth_counts']}).",
            "",
            "| Aggregate (all cases) | rows | seconds | target |",
            "|---|---|---|---|",
        ]
        for name, v in r["aggregates"].items():
            met = "met" if v["seconds"] <= TARGET_S else "NOT met"
            lines.append(f"| {name} | {v['rows']:,} | {v['seconds']:.3f} | ≤ {TARGET_S:.0f} s: {met} |")
        lines += [
            "",
            f"Slowest aggregate: **{worst:.3f} s** (target ≤ {TARGET_S:.0f} s: {'met' if worst <= TARGET_S else 'NOT met'}).",
            "",
            f"Baseline: per-case loop on {r['loop_sample_cases']:,} cases **{r['loop_sample_s']:.2f} s** → "
            f"extrapolated to all {r['measured_cases']:,} measured cases **{r['loop_extrapolated_all_s']:.1f} s**, "
            f"against **{r['set_based_all_persons_s']:.3f} s** set-based per person and domain for all cases "
            f"(×{ratio:.0f}).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    args = parser.parse_args()
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "size": args.size,
        "seed": args.seed,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "target_s": TARGET_S,
        "backends": {},
    }
    for backend in args.backends.split(","):
        print(f"[outcomes bench] {backend}: generating and measuring …", file=sys.stderr)
        results["backends"][backend] = run_backend(backend, args.size, args.seed, args.keep)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "outcomes.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "outcomes.md").write_text(report(results, args), encoding="utf-8")
    print(report(results, args))


if __name__ == "__main__":
    main()
