"""The extract job: write the pseudonymised monitor extract as Parquet under ``<VAR_DIR>/monitor/``.

Incremental refresh (documented in docs/monitor.md):

* For every table a **fingerprint** of its sources is computed with a few aggregate queries (row counts,
  highest id, latest ``updated_at``/``created_at``). A table whose fingerprint has not changed since the last
  run (``manifest.json``) is not read or rewritten.
* ``persons`` and ``cases`` have an ``updated_at`` **watermark**: when only rows were added or changed (the
  count did not drop and household membership did not change), just the rows with ``updated_at`` after the
  watermark are read and merged into the existing file by key; otherwise the table is rebuilt.
* All other tables are rebuilt when their fingerprint changes (they are small next to ``persons``).
* ``--full`` (or a new reference year, or a schema version change) rebuilds everything.

Files are written to a temporary name and renamed, so a reader never sees a half-written table.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.db.models import Count, Max
from django.utils import timezone

from . import sources, sources_apps
from .schema import KEYS, SCHEMA_VERSION, TABLES, conform, empty

MANIFEST = "manifest.json"


def _stamp(value) -> str | int | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _agg(qs, **extra) -> list:
    """``[count, max id, *extra aggregates]`` of a queryset, JSON-able."""
    values = qs.aggregate(n=Count("pk"), m=Max("pk"), **extra)
    return [_stamp(values[k]) for k in ("n", "m", *extra)]


def fingerprints() -> dict[str, list]:
    """Per table, a JSON-able fingerprint of its sources (equal fingerprints = nothing to do)."""
    from schakel.cases.models import Aanvraag, Case, Decision, DecisionProduct, Goal, Melding, Onderzoek
    from schakel.people.models import Household, HouseholdMember, Person

    members = _agg(HouseholdMember.objects.all())
    households = _agg(Household.objects.all())
    contracts = []
    if sources.available("contracts", "Allocation"):
        from django.apps import apps

        contracts = _agg(apps.get_model("contracts", "Allocation").objects.all(), c=Max("created_at")) + _agg(
            apps.get_model("contracts", "ContractTariff").objects.all()
        )
    provisions = _agg(DecisionProduct.objects.all()) + _agg(Decision.objects.all()) + contracts
    sources_apps.register()
    today = timezone.localdate().isoformat()  # estimated costs run up to today
    fp = {
        "persons": _agg(Person.objects.all(), u=Max("updated_at")) + members + households,
        "provisions": [*provisions, today],
        "cases": _agg(Case.objects.all(), u=Max("updated_at"))
        + _agg(Melding.objects.all())
        + _agg(Onderzoek.objects.all(), c=Count("completed_on")),
        "applications": _agg(Aanvraag.objects.all()) + _agg(Decision.objects.all()),
        "goals": _agg(Goal.objects.all()) + _agg(Goal.objects.exclude(status="open")),
        "costs": [*provisions, today, *sources_apps.fingerprint_costs()],
        "budgets": [],
        "allocation_requests": [],
        "measurements": [],
    }
    for name, extra in sources.EXTRA_FINGERPRINTS.items():
        fp[name] = extra()
    return fp


def _read_manifest(root: Path) -> dict:
    try:
        return json.loads((root / MANIFEST).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def _write(root: Path, name: str, table: pa.Table) -> None:
    target = root / f"{name}.parquet"
    tmp = root / f".{name}.parquet.tmp"
    pq.write_table(conform(name, table), tmp, compression="zstd")
    os.replace(tmp, target)


def _merge(root: Path, name: str, changed: pa.Table) -> pa.Table:
    """Existing rows of ``name`` with the keys of ``changed`` replaced by ``changed``."""
    (key,) = KEYS[name]
    existing = pq.read_table(root / f"{name}.parquet")
    keep = existing.filter(pc.invert(pc.is_in(existing[key], value_set=changed[key])))
    return pa.concat_tables([keep, conform(name, changed)])


def run(root: Path | None = None, *, full: bool = False, reference_date: date | None = None) -> dict:
    """Write or refresh the extract under ``root`` (default :func:`schakel.monitoring.engine.extract_dir`).

    Returns per table ``{"rows": n, "action": "skipped"|"rebuilt"|"merged", "changed": k}``.
    """
    from ..engine import extract_dir

    root = Path(root) if root else extract_dir()
    root.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    reference = reference_date or date(today.year, 1, 1)
    manifest = _read_manifest(root)
    fresh = (
        full
        or manifest.get("schema_version") != SCHEMA_VERSION
        or manifest.get("reference_date") != reference.isoformat()
    )
    old_fp = {} if fresh else manifest.get("fingerprints", {})
    new_fp = fingerprints()
    started = timezone.now()
    ctx = sources.Context(reference_date=reference, today=today)
    ctx.load_keys()
    report: dict[str, dict] = {}
    built: dict[str, pa.Table] = {}

    def exists(name: str) -> bool:
        return (root / f"{name}.parquet").exists()

    for name in TABLES:
        if not fresh and exists(name) and old_fp.get(name) == new_fp[name]:
            report[name] = {"action": "skipped", "rows": pq.read_metadata(root / f"{name}.parquet").num_rows}
            continue
        watermark = manifest.get("watermarks", {}).get(name)
        incremental = (
            not fresh
            and exists(name)
            and watermark
            and name in ("persons", "cases")
            and _only_grew(old_fp.get(name), new_fp[name], name)
        )
        if incremental:
            since = datetime.fromisoformat(watermark)
            changed = (sources.build_persons if name == "persons" else sources.build_cases)(ctx, since=since)
            table = _merge(root, name, changed)
            report[name] = {"action": "merged", "changed": changed.num_rows}
        else:
            table = _build(name, ctx, built)
            report[name] = {"action": "rebuilt"}
        built[name] = table
        _write(root, name, table)
        report[name]["rows"] = table.num_rows

    manifest = {
        "schema_version": SCHEMA_VERSION,
        "reference_date": reference.isoformat(),
        "created_at": started.isoformat(),
        "fingerprints": new_fp,
        "watermarks": {name: _max_updated(name) for name in ("persons", "cases")},
        "tables": report,
    }
    tmp = root / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.replace(tmp, root / MANIFEST)
    shutil.rmtree(root / "cache", ignore_errors=True)  # computed results of the previous version
    return report


def _only_grew(old: list | None, new: list, name: str) -> bool:
    """True when the change can be merged: the main count did not drop and the other sources are equal."""
    if not old or len(old) != len(new):
        return False
    # Layout of the fingerprint: [n, m, u] of the main model, then the other sources' aggregates.
    return new[0] >= old[0] and old[3:] == new[3:]


def _max_updated(name: str) -> str | None:
    from schakel.cases.models import Case
    from schakel.people.models import Person

    model = Person if name == "persons" else Case
    value = model.objects.aggregate(u=Max("updated_at"))["u"]
    return value.isoformat() if value else None


def _build(name: str, ctx: sources.Context, built: dict[str, pa.Table]) -> pa.Table:
    if name == "persons":
        return sources.build_persons(ctx)
    if name == "provisions":
        return sources.build_provisions(ctx)
    if name == "cases":
        return sources.build_cases(ctx)
    if name == "applications":
        return sources.build_applications(ctx)
    if name == "goals":
        return sources.build_goals(ctx)
    if name == "costs":
        provisions = built.get("provisions")
        if provisions is None:
            provisions = sources.build_provisions(ctx)
        return sources.build_all_costs(ctx, provisions)
    builder = sources.EXTRA_BUILDERS.get(name)
    return builder(ctx) if builder else empty(name)
