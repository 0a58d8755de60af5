"""The monitoring app's one door: indicator results for the dashboards and the report, drill-through, refresh.

Every function checks the permission in the municipality (``core.access.policy_for``). Council-facing and
dashboard numbers are always disclosure-controlled (:mod:`.disclosure`); only :func:`drill_through` reaches
individual cases, for users with ``monitoring.drill_through``, through the normal case visibility and with a
processing-log entry per person shown.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from schakel.core.access import policy_for
from schakel.core.models import Gemeente

from . import disclosure
from .engine import connect, extract_dir
from .extract.job import MANIFEST
from .indicators import REGISTRY, Params, compute, load_tables

VIEW = "monitoring.view_dashboard"
DRILL = "monitoring.drill_through"
REPORT = "monitoring.download_report"
REFRESH = "monitoring.run_extract"

#: The processing activity of drilling through to cases (data/configuration.yaml).
DRILL_ACTIVITY = "monitor-doorklikken"


def gemeenten_for(user, perm: str = VIEW) -> list[Gemeente]:
    """Municipalities where ``user`` holds ``perm``."""
    policy = policy_for(user)
    ids = [g for g in policy.gemeente_ids if policy.has_perm(perm, g)]
    return list(Gemeente.objects.filter(id__in=ids).order_by("name"))


def check(user, perm: str, gemeente: Gemeente) -> None:
    if not policy_for(user).has_perm(perm, gemeente.pk):
        raise PermissionDenied


@dataclass(frozen=True)
class ExtractInfo:
    root: Path
    created_at: str | None
    reference_date: str | None

    @property
    def exists(self) -> bool:
        return self.created_at is not None


def extract_info(root: Path | None = None) -> ExtractInfo:
    root = Path(root) if root else extract_dir()
    try:
        manifest = json.loads((root / MANIFEST).read_text())
    except (FileNotFoundError, ValueError):
        return ExtractInfo(root, None, None)
    return ExtractInfo(root, manifest.get("created_at"), manifest.get("reference_date"))


_lock = threading.Lock()
_cache: dict[tuple, pd.DataFrame] = {}
_CACHE_LIMIT = 512
#: Sub-directory of the extract holding computed results (removed by the extract job).
CACHE_DIR = "cache"


def _cache_path(info: ExtractInfo, params: Params, name: str) -> Path:
    key = hashlib.sha256(repr((info.created_at, params, name)).encode()).hexdigest()[:24]
    return info.root / CACHE_DIR / f"{name}-{key}.parquet"


def raw_results(names: list[str], params: Params, *, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Unprotected indicator results (internal; callers must protect before showing).

    Cached in memory and on disk (``<extract>/cache/``, emptied by every extract run) per extract version,
    parameters and indicator, so a dashboard or report is computed once per extract. Missing results are
    computed on one connection (DuckDB by default; the indicators are lazy Ibis expressions)."""
    info = extract_info(root)
    key_base = (str(info.root), info.created_at, params)
    found: dict[str, pd.DataFrame] = {}
    for n in names:
        if (*key_base, n) in _cache:
            found[n] = _cache[(*key_base, n)]
            continue
        path = _cache_path(info, params, n)
        if info.exists and path.exists():
            found[n] = pd.read_parquet(path)
    missing = [n for n in names if n not in found]
    if missing:
        con = connect()
        try:
            tables = load_tables(con, info.root)
            for n in missing:
                found[n] = compute(n, tables, params).to_pandas()
        finally:
            con.disconnect()
        if info.exists:
            (info.root / CACHE_DIR).mkdir(exist_ok=True)
            for n in missing:
                found[n].to_parquet(_cache_path(info, params, n), index=False)
    with _lock:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        for n in names:
            _cache[(*key_base, n)] = found[n]
    return {n: found[n] for n in names}


def results(user, gemeente: Gemeente, params: Params, names: list[str], *, perm: str = VIEW, root=None):
    """Disclosure-controlled indicator results for ``gemeente`` (name → DataFrame)."""
    check(user, perm, gemeente)
    params = Params(params.period_start, params.period_end, gemeente.code, params.wijk_code)
    raw = raw_results(names, params, root=root)
    return {n: disclosure.protect(frame, REGISTRY[n]) for n, frame in raw.items()}


def wijken(gemeente: Gemeente, *, root=None) -> list[str]:
    """The wijk codes in the extract for ``gemeente``."""
    info = extract_info(root)
    if not info.exists:
        return []
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    path = info.root / "persons.parquet"
    if not path.exists():
        return []
    table = pq.read_table(
        path, columns=["gemeente_code", "wijk_code"], filters=[("gemeente_code", "=", gemeente.code)]
    )
    return sorted(w for w in pc.unique(table["wijk_code"]).to_pylist() if w)


def validate_period(year: int | None, half: int | None) -> Params:
    """Params for a year or half-year; Dutch errors for nonsense."""
    if year is None or not 2000 <= year <= date.today().year + 1:
        raise ValidationError({"jaar": _("Kies een jaar tussen 2000 en volgend jaar.")})
    if half not in (None, 1, 2):
        raise ValidationError({"halfjaar": _("Kies het eerste of tweede halfjaar.")})
    return Params.half_year(year, half) if half else Params.year(year)


# --- drill-through ------------------------------------------------------------------------------------------

#: Indicators that support drill-through, and the cell keys they accept.
DRILLABLE = {
    "stapeling_households_by_wijk": ("wijk_code", "combination"),
    "deadline_onderzoek": ("law",),
    "deadline_beschikking": ("law",),
}


def _drill_case_ids(name: str, cell: dict, params: Params, root=None) -> list[int]:
    """The case ids behind one cell of a drillable indicator (computed on the extract with DuckDB)."""
    import ibis

    from .indicators.stapeling import COMBINATIONS, _units

    info = extract_info(root)
    con = connect("duckdb")
    try:
        t = load_tables(con, info.root)
        if name == "stapeling_households_by_wijk":
            if cell.get("combination") not in COMBINATIONS:
                raise ValidationError({"combination": _("Onbekende combinatie van wetten.")})
            u = _units(t, params)
            flags = u.group_by(["household_key", "wijk_code"]).aggregate(
                j=(u.law == "jeugd").any(), p=(u.law == "participatie").any(), w=(u.law == "wmo").any()
            )
            code = (
                ibis.ifelse(flags.j, "J", "") + ibis.ifelse(flags.p, "P", "") + ibis.ifelse(flags.w, "W", "")
            )
            hh = flags.filter((code == cell["combination"]) & (flags.wijk_code == cell.get("wijk_code", "")))
            cases = t["cases"].semi_join(hh.select("household_key"), "household_key")
            if params.gemeente_code:
                cases = cases.filter(cases.gemeente_code == params.gemeente_code)
            expr = cases.select("case_id")
        elif name == "deadline_onderzoek":
            c = t["cases"]
            c = c.filter(
                (c.gemeente_code == params.gemeente_code)
                & (c.melding_on >= params.period_start)
                & (c.melding_on <= params.period_end)
            )
            c = c.mutate(law=ibis.ifelse(c.laws == "", "overig", c.laws.split(",")[0]))
            late = c.onderzoek_completed_on.isnull() | (
                c.onderzoek_completed_on > c.melding_on + ibis.interval(days=42)
            )
            expr = c.filter(late & (c.law == cell.get("law", ""))).select("case_id")
        elif name == "deadline_beschikking":
            a = t["applications"]
            late = a.decided_on.isnull() | (a.decided_on > a.received_on + ibis.interval(days=14))
            expr = a.filter(
                (a.gemeente_code == params.gemeente_code)
                & (a.received_on >= params.period_start)
                & (a.received_on <= params.period_end)
                & (a.law == cell.get("law", ""))
                & late
            ).select("case_id")
        else:
            raise ValidationError(_("Voor dit cijfer kunt u niet doorklikken."))
        ids = sorted({int(i) for i in expr.to_pandas()["case_id"].tolist()})
    finally:
        con.disconnect()
    return ids


def drill_through(user, gemeente: Gemeente, name: str, cell: dict, params: Params, *, root=None):
    """The cases behind one number, as far as the user may see them, logged in the processing log.

    Returns ``(cases, total)``: the visible cases (with household) and how many cases the number rests on.
    """
    from schakel.cases.models import Case
    from schakel.core import processing_log
    from schakel.core.models import ProcessingLogEntry

    check(user, DRILL, gemeente)
    if name not in DRILLABLE:
        raise ValidationError(_("Voor dit cijfer kunt u niet doorklikken."))
    params = Params(params.period_start, params.period_end, gemeente.code, params.wijk_code)
    ids = _drill_case_ids(name, cell, params, root=root)
    cases = list(
        Case.objects.visible_to(user)
        .filter(gemeente=gemeente, id__in=ids)
        .select_related("household", "regisseur", "team")
        .prefetch_related("household__members")
        .order_by("id")
    )
    subjects = [
        processing_log.Subject("persoon", person.pk, person.bsn, gemeente.pk)
        for case in cases
        for person in case.household.members.all()
    ]
    if subjects:
        processing_log.record(
            user=user,
            action=ProcessingLogEntry.Action.READ,
            operation="monitor.doorklikken",
            activity_code=DRILL_ACTIVITY,
            subjects=subjects,
            data_categories=["casus", "huishouden"],
        )
    return cases, len(ids)
