"""Finance benchmark (issue 5, Performance): claim lines checked against allocations and booked, set-based;
commitment recomputation.

``python -m bench.finance [--allocations 100000] [--months 10] [--sample 10000] [--backends sqlite,postgres]``
(``postgresql`` is accepted for ``postgres``; ``BENCH_FINANCE_PG_URL`` or ``BENCH_PG_URL`` names the database).

Per backend (a fresh database each: SQLite file, PostgreSQL ``schakel_bench_finance``) a worker process:

1. migrates, loads the configuration and writes a large region (not timed): four municipalities in one
   jeugdregio, ten providers each with a contract and three products (inspanningsgericht uur/week and
   dagdeel/maand, outputgericht euro's/maand), ``--allocations`` clients with one allocation each;
2. generates ``allocations × months`` claim lines (prestaties, one per allocation per month; about 5 % with a
   rule violation: unknown ToewijzingNummer, categorie, bedrag, tarief, volume) and loads them into the intake
   table (timed separately: in production the exchange app has stored them);
3. measures :func:`schakel.finance.settlement.check_and_book` — every line checked against its allocation
   (TR307/308/321/322/338–341/346/418) and the approved ones booked as payable lines with the cost split —
   against the target of 30 s, and in the same run the per-line ORM baseline
   (:func:`~schakel.finance.settlement.check_and_book_loop`) on a ``--sample`` of lines;
4. measures :func:`schakel.finance.services.recompute_commitments` for all allocations (target 5 s).

Every timed phase reports wall seconds, CPU seconds of the worker process (``getrusage``; on SQLite this is
all the work) and, on PostgreSQL, CPU seconds of the database backend serving the worker (from
``/proc/<backend pid>/stat``; the server runs on the same machine), plus the 1-minute load average before and
after: the machine is shared, so wall times alone are not comparable between runs.

Writes ``bench/results/finance.{md,json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.machine import backend_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_URL = os.environ.get(
    "BENCH_FINANCE_PG_URL",
    os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/schakel_bench_finance"),
)
TARGET_CHECK = 30.0
TARGET_COMMIT = 5.0
#: (category, code, unit, frequency, volume, tariff in eurocent, variant)
PRODUCTS = (
    ("01", "01A01", "04", "2", 3, 6500, "inspanningsgericht"),
    ("02", "02A05", "16", "4", 8, 5600, "inspanningsgericht"),
    ("10", "10X01", "83", "4", 150_000, None, "outputgericht"),
)


def _bsn(n: int) -> str:
    base = 900_000_000 + n * 20
    while True:
        digits = f"{base:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
        if total % 11 == 0:
            return digits
        base += 1


def _market(allocations: int, year: int):
    """Four municipalities in a region, 10 providers each with 3 products, one allocation per client."""
    from django.utils import timezone

    from schakel.cases.models import Aanvraag, Case, Decision, DecisionProduct
    from schakel.contracts.models import Allocation, Contract, ContractProduct, ContractTariff, Provider
    from schakel.core.models import Gemeente, Regio, Team, User
    from schakel.people.models import Household, Person

    regio = Regio.objects.create(name="Jeugdregio Bench", kind="jeugdregio")
    user = User.objects.create(username="bench")
    per = allocations // 4
    start, end = date(year, 1, 1), date(year, 12, 31)
    now = timezone.now()
    providers = [
        Provider.objects.create(agb_code=f"{98200000 + i}", name=f"Aanbieder {i}") for i in range(10)
    ]
    market = []
    n = 0
    for g in range(4):
        gemeente = Gemeente.objects.create(
            code=f"{301 + g:04d}", name=f"Regiogemeente {g + 1}", inhabitants=per * 8
        )
        regio.gemeenten.add(gemeente)
        team = Team.objects.create(gemeente=gemeente, name="Backoffice")
        household = Household.objects.create(gemeente=gemeente, name="Bench")
        case = Case.objects.create(gemeente=gemeente, household=household, regisseur=user, team=team, status="beschikt",
                                   laws=["wmo"], opened_on=start - timedelta(days=30))  # fmt: skip
        aanvraag = Aanvraag.objects.create(
            case=case, received_on=start - timedelta(days=30), law="wmo", description="x"
        )
        decision = Decision.objects.create(case=case, aanvraag=aanvraag, law="wmo", decided_on=start - timedelta(days=20),
                                           outcome="toegekend", motivation="x", bezwaar_deadline=start, decided_by=user)  # fmt: skip
        products = []
        for i, provider in enumerate(providers):
            contract = Contract.objects.create(provider=provider, gemeente=gemeente, reference=f"C{g}-{i}", name="Wmo",
                                               start_date=date(year - 2, 1, 1))  # fmt: skip
            for cat, code, unit, freq, _vol, tariff, variant in PRODUCTS:
                cp = ContractProduct.objects.create(contract=contract, law="wmo", product_category=cat, product_code=code,
                                                    description=code, variant=variant, unit=unit, frequencies=[freq])  # fmt: skip
                ContractTariff.objects.create(
                    product=cp, start_date=contract.start_date, amount_cents=tariff or 1
                )
                products.append((provider.pk, cp.pk))
        persons = Person.objects.bulk_create(
            [Person(gemeente=gemeente, bsn=_bsn(n + k), geslachtsnaam=f"Cliënt {n + k}") for k in range(per)],
            batch_size=5000,
        )
        dps = DecisionProduct.objects.bulk_create(
            [DecisionProduct(decision=decision, person=p, product_category=PRODUCTS[k % 3][0],
                             product_code=PRODUCTS[k % 3][1], description="x", start_date=start, end_date=end)
             for k, p in enumerate(persons)],
            batch_size=5000,
        )  # fmt: skip
        rows = []
        for k, dp in enumerate(dps):
            cat, code, unit, freq, vol, tariff, _variant = PRODUCTS[k % 3]
            provider_id, cp_id = products[(k // 3 % 10) * 3 + k % 3]
            rows.append(Allocation(gemeente=gemeente, law="wmo", number=10_000_000 + k, decision_product=dp,
                                   person_id=dp.person_id, provider_id=provider_id, contract_product_id=cp_id,
                                   product_category=cat, product_code=code, start_date=start, end_date=end,
                                   volume=vol, unit=unit, frequency=freq, allocated_at=now))  # fmt: skip
            market.append((gemeente.pk, provider_id, 10_000_000 + k, k % 3))
        Allocation.objects.bulk_create(rows, batch_size=5000)
        n += per
    return market


def _claims(market, months: int, year: int, prefix: str, rng: random.Random, limit: int | None = None):
    """One prestatie per allocation per month; about 5 % with a violation."""
    count = 0
    for month in range(1, months + 1):
        first = date(year, month, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        for gid, pid, number, kind in market:
            cat, code, unit, freq, vol, tariff, _variant = PRODUCTS[kind]
            volume = vol * 4 if freq == "2" else vol
            amount = volume if unit == "83" else volume * tariff
            row = [
                gid,
                pid,
                "wmo",
                f"{prefix}{gid}-{number}-{month}",
                number,
                cat,
                code,
                unit,
                first,
                last,
                volume,
                tariff,
                amount,
            ]
            fault = rng.random()
            if fault < 0.01:
                row[4] = 1  # unknown ToewijzingNummer → 9338
            elif fault < 0.02:
                row[5] = "99"  # categorie → 9339
            elif fault < 0.03:
                row[12] += 1  # bedrag ≠ volume × tarief → 9346
            elif fault < 0.04 and unit != "83":
                row[11] += 100
                row[12] = volume * row[11]  # tarief ≠ contracttarief → 0611
            elif fault < 0.05 and freq == "4":
                row[10] = vol * 3
                row[12] = row[10] if unit == "83" else row[10] * tariff  # boven de omvang → 9321
            yield tuple(row)
            count += 1
            if limit and count >= limit:
                return


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Phase:
    """Wall and CPU seconds (worker process and database backend) and the load average of one phase."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.load_before = os.getloadavg()[0]
        self.db0, self.cpu0, self.t0 = backend_cpu_seconds(self.connection), _cpu(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.t0
        self.cpu = _cpu() - self.cpu0
        db = backend_cpu_seconds(self.connection)
        self.db_cpu = None if db is None or self.db0 is None else db - self.db0
        self.load_after = os.getloadavg()[0]

    def report(self) -> dict:
        return {
            "wall_s": round(self.wall, 2),
            "cpu_s": round(self.cpu, 2),
            "db_cpu_s": None if self.db_cpu is None else round(self.db_cpu, 2),
            "load_avg_1m": [round(self.load_before, 2), round(self.load_after, 2)],
        }


def worker(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("setup_configuration", verbosity=0)
    year = date.today().year
    t0 = time.perf_counter()
    market = _market(args.allocations, year)
    market_seconds = time.perf_counter() - t0

    from django.db.models import Sum

    from schakel.core.models import Gemeente
    from schakel.finance import services, settlement
    from schakel.finance.models import Commitment, CostSplitRule, PayableLine

    for gemeente in Gemeente.objects.filter(code__in=["0301", "0302", "0303", "0304"]):
        CostSplitRule.objects.create(gemeente=gemeente, name="Begeleiding met zorgverzekeraar", law="wmo",
                                     product_category="02", partner="Zorgverzekeraar", partner_share_bp=1500,
                                     valid_from=date(year, 1, 1))  # fmt: skip
    rng = random.Random(11)
    t0 = time.perf_counter()
    loaded = settlement.load("bench", _claims(market, args.months, year, "", rng))
    load_seconds = time.perf_counter() - t0
    with Phase(connection) as check:
        result = settlement.check_and_book("bench")
    check_seconds = check.wall
    booked_rows = PayableLine.objects.count()
    municipal, partner = PayableLine.objects.aggregate(
        m=Sum("municipal_cents"), p=Sum("partner_cents")
    ).values()

    # baseline: the per-line ORM loop on a sample (other references, so it books its own lines)
    sample = settlement.load("sample", _claims(market, 1, year, "s-", random.Random(12), limit=args.sample))
    with Phase(connection) as baseline:
        loop = settlement.check_and_book_loop("sample")
    loop_seconds = baseline.wall

    as_of = date(year, 7, 1)
    gemeenten = list(Gemeente.objects.filter(code__in=["0301", "0302", "0303", "0304"]))
    with Phase(connection) as commit:
        commitments = sum(services.recompute_commitments(g, year, as_of=as_of) for g in gemeenten)
    commit_seconds = commit.wall
    committed = Commitment.objects.filter(allocation__isnull=False).aggregate(s=Sum("amount_cents"))["s"]
    approved = result["codes"].get("", 0)
    return {
        "backend": connection.vendor,
        "allocations": args.allocations,
        "claim_lines": loaded,
        "market_seconds": round(market_seconds, 1),
        "load_seconds": round(load_seconds, 2),
        "check_and_book_seconds": round(check_seconds, 2),
        "lines_per_s": round(loaded / check_seconds),
        "approved": approved,
        "booked": result["booked"],
        "payable_rows": booked_rows,
        "codes": {k or "goedgekeurd": v for k, v in sorted(result["codes"].items())},
        "baseline_sample": sample,
        "baseline_seconds": round(loop_seconds, 2),
        "baseline_lines_per_s": round(sample / loop_seconds),
        "baseline_codes": {k or "goedgekeurd": v for k, v in sorted(loop["codes"].items())},
        "speedup": round((loaded / check_seconds) / (sample / loop_seconds), 1),
        "commitments": commitments,
        "commitment_seconds": round(commit_seconds, 2),
        # checksums: the same work gives the same money on every backend and in every version
        "booked_municipal_cents": municipal,
        "booked_partner_cents": partner,
        "committed_cents": committed,
        "phases": {
            "check_and_book": check.report(),
            "baseline": baseline.report(),
            "commitments": commit.report(),
        },
    }


def _reset_postgres() -> None:
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _run_backend(backend: str, args) -> dict:
    import shutil

    var_dir = ROOT / "var" / "bench-finance" / backend
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
    if backend == "postgres":
        _reset_postgres()
        env["DATABASE_URL"] = PG_URL
    cmd = [sys.executable, "-m", "bench.finance", "--worker", "--allocations", str(args.allocations),
           "--months", str(args.months), "--sample", str(args.sample)]  # fmt: skip
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{backend} worker failed:\n{done.stderr[-4000:]}")
    if backend == "postgres":
        _drop_postgres()
    return json.loads(done.stdout.strip().splitlines()[-1])


def _drop_postgres() -> None:
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def render(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Finance benchmark (issue 5, Performance)",
        "",
        f"{m['date']} · commit {m['commit']} · {m['cpu']} ({m['cores']} cores, shared with other work) · "
        f"Python {m['python']}",
        "",
        "A region of four municipalities; one allocation per client; one claim line (prestatie) per allocation per "
        "month, about 5 % with a rule violation. **Check and book**: every line checked against its allocation "
        "(TR307/308/321/322/338–341/346/369/418) and the approved lines booked as payable lines with the cost "
        "split, set-based (`finance.settlement.check_and_book`). Baseline, same run: the same rules per line with "
        "the ORM (`check_and_book_loop`) on a sample. **Commitments**: `recompute_commitments` for all allocations.",
        "",
        f"| Backend | Claim lines | Check + book s | Lines/s | Target ≤ {TARGET_CHECK:.0f} s | Baseline lines/s "
        f"(sample) | Speed-up | Load s (not in target) | Allocations | Commitments s | Target ≤ {TARGET_COMMIT:.0f} s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["runs"]:
        ok = "met" if r["check_and_book_seconds"] <= TARGET_CHECK else "NOT met"
        ok2 = "met" if r["commitment_seconds"] <= TARGET_COMMIT else "NOT met"
        lines.append(
            f"| {r['backend']} | {r['claim_lines']:,} | {r['check_and_book_seconds']} | {r['lines_per_s']:,} | {ok} | "
            f"{r['baseline_lines_per_s']:,} ({r['baseline_sample']:,}) | {r['speedup']}× | {r['load_seconds']} | "
            f"{r['allocations']:,} | {r['commitment_seconds']} | {ok2} |"
        )
    lines += [
        "",
        "CPU seconds per phase (worker process; PostgreSQL: + database backend) and the 1-minute load average "
        "before → after the phase (2 cores; a load above 2 inflates wall times):",
        "",
        "| Backend | Phase | Wall s | CPU s worker | CPU s database | Load avg |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["runs"]:
        for name, p in r.get("phases", {}).items():
            db = "–" if p["db_cpu_s"] is None else p["db_cpu_s"]
            load = " → ".join(str(v) for v in p["load_avg_1m"])
            lines.append(f"| {r['backend']} | {name} | {p['wall_s']} | {p['cpu_s']} | {db} | {load} |")
    lines += ["", "Outcome per retourcode (set-based run) and checksums (identical on every backend):", ""]
    for r in result["runs"]:
        lines.append(
            f"* {r['backend']}: {r['codes']}; booked {r['booked']:,} payable lines, municipal "
            f"{r.get('booked_municipal_cents')} + partner {r.get('booked_partner_cents')} cents; "
            f"committed {r.get('committed_cents')} cents."
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allocations", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=10)
    parser.add_argument(
        "--sample",
        type=int,
        default=10_000,
        help="claim lines for the per-line baseline (issue 5: a 10,000-line sample)",
    )
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    from bench.run import machine

    runs = []
    for backend in args.backends.replace("postgresql", "postgres").split(","):
        print(f"{backend}: running …", flush=True)
        runs.append(_run_backend(backend, args))
        print(json.dumps(runs[-1]), flush=True)
    result = {
        "machine": machine(),
        "runs": runs,
        "targets_seconds": {"check_and_book": TARGET_CHECK, "commitments": TARGET_COMMIT},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "finance.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "finance.md").write_text(render(result))
    print(render(result))


if __name__ == "__main__":
    main()
