"""How many seconds the contracts app adds to generating the synthetic municipality (issue 4).

Generates the municipality (default 100,000 inhabitants) with only the contracts extension, timing the
foundation part and ``contracts.synth.generate`` separately. Run in a fresh database, e.g.::

    SCHAKEL_VAR_DIR=$PWD/var/bench-contracts python -m bench.contracts_synth 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_contracts python -m bench.contracts_synth 100000

Results are appended to ``bench/results/contracts-synth.json`` and printed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from schakel.contracts import synth as contracts_synth
    from schakel.core import configuration
    from schakel.synth import services

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    configuration.apply()
    services.EXTENSIONS = ("schakel.contracts.synth",)
    timing: dict[str, float] = {}
    original = contracts_synth.generate

    def timed(*args, **kwargs):
        started = time.perf_counter()
        result = original(*args, **kwargs)
        timing["contracts"] = time.perf_counter() - started
        return result

    contracts_synth.generate = timed
    result = services.generate_municipality(size, seed=42, replace=True)
    row = {
        "database": connection.vendor,
        "inhabitants": size,
        "total_seconds": round(result.seconds, 1),
        "contracts_seconds": round(timing["contracts"], 2),
        "allocations": result.counts.get("toewijzingen"),
        "contract_products": result.counts.get("gecontracteerde producten"),
    }
    print(json.dumps(row))
    out = Path(__file__).parent / "results" / "contracts-synth.json"
    rows = json.loads(out.read_text()) if out.exists() else []
    rows = [r for r in rows if r["database"] != row["database"]] + [row]
    out.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
