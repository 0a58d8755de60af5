"""Exchange benchmark (issue 4, Performance): 10,000 mixed incoming messages through the full pipeline.

``python -m bench.exchange [--n 10000] [--allocations 2000] [--backends sqlite,postgresql]``
(``postgres`` and ``postgresql`` both name PostgreSQL; the database URL comes from ``BENCH_PG_URL`` or
``BENCH_EXCHANGE_PG_URL``, default ``…/schakel_bench_exchange``; it is dropped and created per run.)

Per backend (a fresh database each: SQLite file, PostgreSQL ``schakel_bench_exchange``) a worker process:

1. migrates, loads the configuration and writes a synthetic market: one municipality, 20 providers with a
   contract and tariff, ``--allocations`` clients with one allocation each (bulk inserts, not timed);
2. generates the batch with :func:`schakel.exchange.synthetic.batch` — 305, 307, 315, 317 and 323 in equal
   shares, about 10 % with a rule violation (9019, 9056, 9339, 0611, 8848, 0001), XSD-valid bytes built
   with the codec (:func:`schakel.exchange.xml.build_message`);
3. measures, in the same run and on the same bytes, bare lxml parse + XSD validation
   (:func:`bench.exchange_xml.measure`, the baseline) and then the full pipeline: receive (store raw) →
   parse + XSD (level 1) → all rules (levels 2–4) → persist (one transaction per chunk) → retour built and
   itself XSD-validated (``build_message`` validates);
4. checks every heenbericht has exactly one retour and every injected violation got its code.

Besides wall time it records CPU seconds (``time.process_time`` of the worker; on PostgreSQL also the CPU of
the server backend serving the worker's connection, read from ``/proc/<pid>/stat`` when the server runs on
this machine) and the load average before and after, because the machine is shared: on a loaded machine
the wall figure is inflated, the CPU figure much less so. ``msg/CPU-s`` = messages / (worker + backend CPU
seconds) is the rate the pipeline would reach with a core to itself (and PostgreSQL another); it is an
estimate, the measured figure is the wall one.

Writes ``bench/results/exchange.{md,json}``. One Python process (one core); PostgreSQL runs as its own
server process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.machine import backend_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_URL = os.environ.get(
    "BENCH_PG_URL",
    os.environ.get("BENCH_EXCHANGE_PG_URL", "postgres://postgres@127.0.0.1:5432/schakel_bench_exchange"),
)
ALIASES = {"postgres": "postgresql", "postgresql": "postgresql", "pg": "postgresql", "sqlite": "sqlite"}
TARGET = 1500.0
#: Starts/stops applied to allocations (contracts services, one transaction each) in the timed sample.
DELIVERY_SAMPLE = 300


# ---------------------------------------------------------------------------------------------- worker


def _bsn(n: int) -> str:
    """The n-th synthetic BSN passing the 11-proef (starting with 9)."""
    base = 900_000_000 + n * 100
    while True:
        digits = f"{base:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
        if total % 11 == 0:
            return digits
        base += 1


def _market(allocations: int, today):
    """One municipality, 20 providers with contracts, ``allocations`` clients with one allocation each."""
    from datetime import timedelta

    from django.utils import timezone

    from schakel.cases.models import Aanvraag, Case, Decision, DecisionProduct
    from schakel.contracts.models import Allocation, Contract, ContractProduct, ContractTariff, Provider
    from schakel.core.models import Gemeente, Team, User
    from schakel.people.models import Household, Person

    gemeente = Gemeente.objects.create(code="0344", name="Utrecht (bench)")
    team = Team.objects.create(gemeente=gemeente, name="Backoffice")
    user = User.objects.create(username="bench")
    household = Household.objects.create(gemeente=gemeente, name="Bench")
    case = Case.objects.create(gemeente=gemeente, household=household, regisseur=user, team=team, status="beschikt",
                               laws=["wmo"], opened_on=today - timedelta(days=400))  # fmt: skip
    aanvraag = Aanvraag.objects.create(
        case=case, received_on=today - timedelta(days=400), law="wmo", description="x"
    )
    decision = Decision.objects.create(case=case, aanvraag=aanvraag, law="wmo", decided_on=today - timedelta(days=390),
                                       outcome="toegekend", motivation="x", bezwaar_deadline=today, decided_by=user)  # fmt: skip
    providers, products = [], []
    for i in range(20):
        provider = Provider.objects.create(agb_code=f"{98100000 + i}", name=f"Aanbieder {i}")
        contract = Contract.objects.create(provider=provider, gemeente=gemeente, reference=f"C{i}", name="Wmo",
                                           start_date=today - timedelta(days=800))  # fmt: skip
        product = ContractProduct.objects.create(contract=contract, law="wmo", product_category="01",
                                                 product_code="01A01", description="Hulp bij het huishouden",
                                                 variant="inspanningsgericht", unit="04", frequencies=["2", "4", "6"])  # fmt: skip
        ContractTariff.objects.create(product=product, start_date=contract.start_date, amount_cents=6500)
        providers.append(provider)
        products.append(product)
    persons = Person.objects.bulk_create(
        [Person(gemeente=gemeente, bsn=_bsn(n), geslachtsnaam=f"Cliënt {n}") for n in range(allocations)],
        batch_size=1000,
    )
    start = today - timedelta(days=365)
    dps = DecisionProduct.objects.bulk_create(
        [DecisionProduct(decision=decision, person=p, product_category="01", product_code="01A01",
                         description="HH", start_date=start, end_date=today + timedelta(days=365), volume=3,
                         unit="04", frequency="2") for p in persons],
        batch_size=1000,
    )  # fmt: skip
    now = timezone.now()
    Allocation.objects.bulk_create(
        [Allocation(gemeente=gemeente, law="wmo", number=10_000_000 + n, decision_product=dp, person=dp.person,
                    provider=providers[n % 20], contract_product=products[n % 20], product_category="01",
                    product_code="01A01", start_date=start, end_date=today + timedelta(days=365), volume=3, unit="04",
                    frequency="2", allocated_at=now) for n, dp in enumerate(dps)],
        batch_size=1000,
    )  # fmt: skip


def _batch(n: int, today):
    from schakel.contracts.models import Allocation
    from schakel.exchange import synthetic

    allocations = Allocation.objects.select_related(
        "gemeente", "provider", "person", "contract_product"
    ).order_by("pk")
    targets = synthetic.targets_for(allocations)
    return synthetic.batch(targets, n, today=today, violation_share=0.1, seed=7)


def _backend_cpu() -> float | None:
    from django.db import connection

    return backend_cpu_seconds(connection)


def _cpu_delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)


def worker(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("setup_configuration", verbosity=0)
    today = timezone.localdate()
    _market(args.allocations, today)
    t0 = time.perf_counter()
    batch = _batch(args.n, today)
    generation = time.perf_counter() - t0
    raws = [raw for raw, _code in batch]

    from bench.exchange_xml import measure

    baseline = measure(raws, repeat=2)

    from schakel.exchange import pipeline
    from schakel.exchange.models import Message

    load_before = os.getloadavg()
    db_cpu0 = _backend_cpu()
    c0, t0 = time.process_time(), time.perf_counter()
    for start in range(0, len(raws), 1000):
        pipeline.receive_many(
            [(raw, f"bench-{start + i}.xml") for i, raw in enumerate(raws[start : start + 1000])]
        )
    c1, t1 = time.process_time(), time.perf_counter()
    received = t1 - t0
    db_cpu1 = _backend_cpu()
    stats = pipeline.process_pending(deliveries=False)
    c2, t2 = time.process_time(), time.perf_counter()
    db_cpu2 = _backend_cpu()
    processed = t2 - t1
    total = received + processed
    load_after = os.getloadavg()
    t2 = time.perf_counter()
    applied = pipeline.apply_deliveries(limit=DELIVERY_SAMPLE)
    delivery_seconds = time.perf_counter() - t2

    incoming = list(
        Message.objects.filter(direction="in").order_by("pk").values_list("pk", "status", "codes")
    )
    retours = dict(
        Message.objects.filter(direction="uit")
        .values_list("retour_of_id")
        .annotate(n=__import__("django").db.models.Count("pk"))
    )
    one_retour = all(retours.get(pk) == 1 for pk, status, _c in incoming if status != "afgewezen")
    expected_hits = sum(
        1
        for (raw, code), (_pk, _status, codes) in zip(batch, incoming, strict=True)
        if code and code in codes
    )
    expected = sum(1 for _raw, code in batch if code)
    return {
        "backend": connection.vendor,
        "n": len(raws),
        "allocations": args.allocations,
        "generation_seconds": round(generation, 2),
        "bytes_avg": round(baseline["bytes_avg"]),
        "bare_xsd_msgs_per_s": round(baseline["bare_validation_msgs_per_s"]),
        "parse_message_msgs_per_s": round(baseline["parse_message_msgs_per_s"]),
        "receive_seconds": round(received, 2),
        "process_seconds": round(processed, 2),
        "pipeline_msgs_per_s": round(len(raws) / total),
        "receive_cpu_seconds": round(c1 - c0, 2),
        "process_cpu_seconds": round(c2 - c1, 2),
        "backend_cpu_seconds": _cpu_delta(db_cpu0, db_cpu2),
        "backend_receive_cpu_seconds": _cpu_delta(db_cpu0, db_cpu1),
        "msgs_per_cpu_second": round(len(raws) / ((c2 - c0) + (_cpu_delta(db_cpu0, db_cpu2) or 0))),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "deliveries_applied_sample": applied,
        "delivery_sync_ms_per_record": round(1000 * delivery_seconds / max(1, applied), 1),
        "ratio_to_bare_xsd": round((len(raws) / total) / baseline["bare_validation_msgs_per_s"], 3),
        "statuses": stats.by_status,
        "retours": stats.retours,
        "one_retour_per_heenbericht": one_retour,
        "violations_injected": expected,
        "violations_detected": expected_hits,
    }


# ---------------------------------------------------------------------------------------------- driver


def _reset_postgres() -> None:
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _run_backend(backend: str, args) -> dict:
    import shutil

    var_dir = ROOT / "var" / "bench-exchange" / backend
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_") and k != "DATABASE_URL"}
    env.update(
        SCHAKEL_SECRET_KEY="bench-" + "k" * 50,
        SCHAKEL_VAR_DIR=str(var_dir),
        SCHAKEL_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="schakel.conf.settings",
        PYTHONPATH=str(ROOT),
    )
    if backend == "postgresql":
        _reset_postgres()
        env["DATABASE_URL"] = PG_URL
    cmd = [
        sys.executable,
        "-m",
        "bench.exchange",
        "--worker",
        "--n",
        str(args.n),
        "--allocations",
        str(args.allocations),
    ]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{backend} worker failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cpu(r: dict) -> str:
    if "receive_cpu_seconds" not in r:
        return "?"
    worker = r["receive_cpu_seconds"] + r["process_cpu_seconds"]
    db = r.get("backend_cpu_seconds")
    return f"{worker:.2f}" + ("" if db is None else f" + {db:.2f}")


def _num(value) -> str:
    return "?" if value is None else f"{value:,}"


def _load(r: dict) -> str:
    if "load_before" not in r:
        return "?"
    return f"{r['load_before'][0]:.2f} → {r['load_after'][0]:.2f}"


def render(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Exchange benchmark (issue 4, Performance)",
        "",
        f"{m['date']} · commit {m['commit']} · {m['cpu']} ({m['cores']} cores, shared with other work) · "
        f"Python {m['python']}",
        "",
        f"A batch of {result['runs'][0]['n']:,} mixed incoming messages (305, 307, 315, 317, 323 in equal shares, "
        "about 10 % with a rule violation) through the full pipeline: receive (raw stored) → parse + XSD → all "
        "rules → persist (one transaction per chunk of 250) → retour built and XSD-validated. One Python process. "
        "Baseline: bare lxml parse + XSD validation of the same bytes, measured in the same run.",
        "",
        "| Backend | Pipeline msg/s | Bare lxml XSD msg/s | Ratio | parse_message msg/s | Receive s | Process s | "
        "CPU s (worker + DB) | msg/CPU-s | Load avg (1 min) before → after | "
        f"Target ≥ {TARGET:,.0f} | One retour each | Violations detected |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["runs"]:
        ok = "met" if r["pipeline_msgs_per_s"] >= TARGET else "NOT met"
        lines.append(
            f"| {r['backend']} | {r['pipeline_msgs_per_s']:,} | {r['bare_xsd_msgs_per_s']:,} | "
            f"{r['ratio_to_bare_xsd']:.2f} | {r['parse_message_msgs_per_s']:,} | {r['receive_seconds']} | "
            f"{r['process_seconds']} | {_cpu(r)} | {_num(r.get('msgs_per_cpu_second'))} | "
            f"{_load(r)} | {ok} | {'yes' if r['one_retour_per_heenbericht'] else 'NO'} | "
            f"{r['violations_detected']}/{r['violations_injected']} |"
        )
    lines += [
        "",
        "CPU s: CPU seconds of the worker process for receive + process (+ those of the PostgreSQL backend serving "
        "it, read from /proc). msg/CPU-s: messages per CPU second, the rate with a core to itself (an estimate; "
        "the measured figure is Pipeline msg/s). Load avg: the 1-minute load of the machine before and after the "
        f"timed part ({os.cpu_count()} cores; above that, other work was waiting for a core and wall times are "
        "inflated).",
        "",
        "Not in the pipeline figure: applying the accepted starts/stops to the allocations' delivery status through "
        "`contracts.services.record_start/record_stop` (one transaction per record, resumable, after the chunks; "
        "it also triggers the finance app's commitment refresh). Measured per record: "
        + "; ".join(f"{r['backend']}: {r.get('delivery_sync_ms_per_record', '?')} ms" for r in result["runs"])
        + ".",
        "",
        "Statuses per backend: " + "; ".join(f"{r['backend']}: {r['statuses']}" for r in result["runs"]),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--allocations", type=int, default=2_000)
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql (or postgres)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    from bench.run import machine

    runs = []
    for name in args.backends.split(","):
        backend = ALIASES.get(name.strip())
        if backend is None:
            raise SystemExit(f"unknown backend {name!r}: use sqlite, postgresql (or postgres)")
        print(f"{backend}: running …", flush=True)
        runs.append(_run_backend(backend, args))
        print(json.dumps(runs[-1]), flush=True)
    previous = RESULTS / "exchange.json"
    if previous.exists():  # keep the other backends of an earlier run (e.g. ``--backends postgres`` only)
        done = {r["backend"] for r in runs}
        runs = [r for r in json.loads(previous.read_text())["runs"] if r["backend"] not in done] + runs
        runs.sort(key=lambda r: r["backend"] != "sqlite")
    result = {"machine": machine(), "runs": runs, "target_msgs_per_s": TARGET}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "exchange.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "exchange.md").write_text(render(result))
    print(render(result))


if __name__ == "__main__":
    main()
