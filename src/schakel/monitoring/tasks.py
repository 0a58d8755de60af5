"""Background jobs of the monitor (django-tasks; run by ``schakel worker``)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .models import ExtractRun


def run_extract(*, full: bool = False, root: str | None = None) -> ExtractRun:
    """Run the extract now and record the run (used by the task and the management command)."""
    from .extract import job

    run = ExtractRun.objects.create(full=full)
    try:
        report = job.run(root, full=full)
    except Exception as exc:
        run.status, run.error, run.finished_at = ExtractRun.Status.FAILED, str(exc)[:2000], timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.status, run.tables, run.finished_at = ExtractRun.Status.DONE, report, timezone.now()
    run.save(update_fields=["status", "tables", "finished_at"])
    return run


def warm_cache(root=None) -> int:
    """Compute the dashboard indicators of every municipality in the extract for the default period, so the
    first visitor after a refresh does not wait. Returns the number of municipalities."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from . import dashboard, services
    from .forms import PeriodForm
    from .indicators import Params

    info = services.extract_info(root)
    path = info.root / "persons.parquet"
    if not info.exists or not path.exists():
        return 0
    codes = pc.unique(pq.read_table(path, columns=["gemeente_code"])["gemeente_code"]).to_pylist()
    year = PeriodForm.default_year()
    for code in codes:
        services.raw_results(dashboard.all_names(), Params.year(year, gemeente_code=code), root=root)
    return len(codes)


@task()
def refresh_extract(full: bool = False, warm: bool = True) -> int:
    """Background job: refresh the pseudonymised monitor extract (and warm the dashboard cache); returns the id
    of the :class:`ExtractRun`."""
    run = run_extract(full=full)
    if warm:
        warm_cache()
    return run.pk
