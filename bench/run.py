"""``make bench``: the foundation benchmark (issue 2 §10).

For each database (SQLite, PostgreSQL): migrate, generate the synthetic 100,000-inhabitant municipality
(timed), start gunicorn, and measure the household view, the work queue and the API case list:

(a) one client, sequential: server time p50/p95 (``Server-Timing``) and client latency;
(b) open loop at 50 requests/s of mixed pages: p95 latency from the scheduled send time;
(c) 20 concurrent clients, no think time: throughput at saturation.

The baseline, measured in the same run against the same server, is the health endpoint (one Django request
with one database query); ratios page/baseline are reported. Results: ``bench/results/foundation.{md,json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import load
from schakel.core.management.commands.serve import DEFAULT_THREADS, DEFAULT_WORKERS, gunicorn_args

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/schakel_bench")

TARGETS = {"household view": 50.0, "work queue": 75.0}
OPEN_LOOP_P95_TARGET = 100.0
SATURATION_TARGET = 150.0


def _env(backend: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_") and k != "DATABASE_URL"}
    env.update(
        SCHAKEL_SECRET_KEY="bench-" + "k" * 50,
        SCHAKEL_VAR_DIR=str(var_dir),
        SCHAKEL_SECURE_COOKIES="false",
        SCHAKEL_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="schakel.conf.settings",
        PYTHONPATH=str(ROOT),
    )
    if backend == "postgres":
        env["DATABASE_URL"] = PG_BENCH_URL
    return env


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, cwd=ROOT)


def _reset_postgres() -> None:
    import psycopg

    name = PG_BENCH_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare_database(backend: str, size: int, seed: int) -> tuple[dict, float]:
    var_dir = ROOT / "var" / "bench" / backend
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    if backend == "postgres":
        _reset_postgres()
    env = _env(backend, var_dir)
    schakel = str(BIN / "schakel")
    _run([schakel, "migrate", "--no-input"], env)
    _run([schakel, "setup_configuration"], env)
    started = time.perf_counter()
    _run([schakel, "generate", "--size", str(size), "--seed", str(seed)], env)
    generation_seconds = time.perf_counter() - started
    return env, generation_seconds


def start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn exactly as ``schakel serve`` starts it (same worker class and options), without the
    access log (it would go to /dev/null)."""
    server = subprocess.Popen(  # noqa: S603 - fixed argument list
        [*gunicorn_args("127.0.0.1", port, workers, threads, access_log=False), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def measure(env: dict, port: int, args) -> dict:
    info = json.loads(_run([sys.executable, "-m", "bench.prepare"], env).stdout)
    cookie = info["cookie"]
    rng = random.Random(args.seed)
    page_targets = {
        "household view": [("household view", url) for url in info["household_urls"]],
        "work queue": [("work queue", info["workqueue_url"])],
        "API case list": [("API case list", info["api_cases_url"])],
    }
    baseline = [("baseline (health)", info["health_url"])]
    mixed = [
        *page_targets["household view"][:50],
        *page_targets["work queue"] * 25,
        *page_targets["API case list"] * 25,
    ]

    def make_client():
        return load.Client("127.0.0.1", port, cookie)

    client = make_client()
    load.sequential(client, mixed, 60, rng)  # warm-up
    for kind, targets in page_targets.items():
        status = client.get(kind, targets[0][1]).status
        if status != 200:
            raise RuntimeError(f"{kind} answered {status}; the benchmark needs 200")
    single = {}
    base = load.sequential(client, baseline, args.requests, rng).summary()
    single["baseline (health)"] = base
    for kind, targets in page_targets.items():
        summary = load.sequential(client, targets, args.requests, rng).summary()
        summary["ratio_server_p95_vs_baseline"] = (
            round(summary["server_p95_ms"] / base["server_p95_ms"], 1) if base["server_p95_ms"] else None
        )
        single[kind] = summary
    open_stats = load.open_loop(make_client, mixed, args.rate, args.seconds, rng)
    closed_stats = load.closed_loop(make_client, mixed, args.clients, args.seconds, args.seed)
    return {
        "visible_households": info["visible_households"],
        "single_client": single,
        "open_loop": {"rate_rps": args.rate, "seconds": args.seconds, **open_stats.summary()},
        "open_loop_per_page": {k: open_stats.summary(k) for k in page_targets},
        "saturation": {"clients": args.clients, "seconds": args.seconds, **closed_stats.summary()},
    }


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def render(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Foundation benchmark (issue 2 §10)",
        "",
        f"Machine: {m['cpu']} · {m['cores']} cores · Python {m['python']} · {m['platform']}  ",
        f"Date: {m['date']} · commit `{m['commit']}` · size {result['size']:,} inhabitants · "
        f"gunicorn {result['workers']} workers × {result['threads']} threads (gthread). "
        "Load generator on the same machine (it shares the 2 cores with the server).",
        "",
    ]
    for backend, data in result["backends"].items():
        gen = data["generation_seconds"]
        lines += [
            f"## {backend}",
            "",
            f"Generating the municipality: **{gen:.1f} s** (target ≤ 120 s: {'met' if gen <= 120 else 'NOT met'}). "
            f"Households visible to the demo regisseur: {data['visible_households']:,}.",
            "",
            "(a) One client, sequential",
            "",
            "| Page | requests | server p50 ms | server p95 ms | client p95 ms | p95 / baseline | target p95 |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind, s in data["single_client"].items():
            target = TARGETS.get(kind)
            verdict = (
                ""
                if target is None
                else f"≤ {target:.0f} ms: {'met' if s['server_p95_ms'] <= target else 'NOT met'}"
            )
            lines.append(
                f"| {kind} | {s['requests']} | {s['server_p50_ms']} | {s['server_p95_ms']} | {s['client_p95_ms']} | "
                f"{s.get('ratio_server_p95_vs_baseline', 1.0)} | {verdict} |"
            )
        o = data["open_loop"]
        c = data["saturation"]
        lines += [
            "",
            f"(b) Open loop, {o['rate_rps']} req/s mixed for {o['seconds']} s: p95 **{o['client_p95_ms']} ms** "
            f"(p50 {o['client_p50_ms']} ms, {o['errors']} errors of {o['requests']}; target ≤ {OPEN_LOOP_P95_TARGET:.0f} ms: "
            f"{'met' if o['client_p95_ms'] and o['client_p95_ms'] <= OPEN_LOOP_P95_TARGET else 'NOT met'}).",
            "",
            "| Page (open loop) | p50 ms | p95 ms |",
            "|---|---|---|",
            *[
                f"| {k} | {v['client_p50_ms']} | {v['client_p95_ms']} |"
                for k, v in data["open_loop_per_page"].items()
            ],
            "",
            f"(c) Saturation, {c['clients']} concurrent clients, no think time, {c['seconds']} s: "
            f"**{c['throughput_rps']} req/s** (p95 {c['client_p95_ms']} ms, {c['errors']} errors; target ≥ "
            f"{SATURATION_TARGET:.0f} req/s: {'met' if c['throughput_rps'] and c['throughput_rps'] >= SATURATION_TARGET else 'NOT met'}).",
            "",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per page")
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="default: as schakel serve")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="default: as schakel serve")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--name", default="foundation")
    args = parser.parse_args()
    result = {
        "machine": machine(),
        "size": args.size,
        "workers": args.workers,
        "threads": args.threads,
        "backends": {},
    }
    for backend in args.backends.split(","):
        print(f"[{backend}] preparing database and generating {args.size:,} inhabitants …", flush=True)
        env, generation = prepare_database(backend, args.size, args.seed)
        print(f"[{backend}] generated in {generation:.1f} s; starting gunicorn", flush=True)
        server = start_server(env, args.port, args.workers, args.threads)
        try:
            data = measure(env, args.port, args)
        finally:
            stop_server(server)
        data["generation_seconds"] = round(generation, 1)
        result["backends"][backend] = data
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(result, indent=2) + "\n")
    text = render(result)
    (RESULTS / f"{args.name}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
