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


@task()
def refresh_extract(full: bool = False) -> int:
    """Background job: refresh the pseudonymised monitor extract; returns the id of the :class:`ExtractRun`."""
    return run_extract(full=full).pk
