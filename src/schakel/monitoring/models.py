"""Models of the monitoring app: the record of extract runs (and the app's permissions).

The monitor itself reads only the pseudonymised Parquet extract (:mod:`schakel.monitoring.extract`); the
database holds no monitor data besides this run log.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractRun(models.Model):
    """One run of the extract job: when, how (full or incremental), the outcome and the rows per table."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Gereed")
        FAILED = "failed", _("Mislukt")

    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    finished_at = models.DateTimeField(_("gereed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    full = models.BooleanField(_("volledig opnieuw"), default=False)
    tables = models.JSONField(
        _("tabellen"), default=dict, help_text=_("Per tabel: rijen, of ze is herschreven en hoe.")
    )
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("extractie")
        verbose_name_plural = _("extracties")
        ordering = ["-started_at", "-id"]
        permissions = [
            ("view_dashboard", _("Monitor sociaal domein inzien (dashboards)")),
            ("drill_through", _("Doorklikken van een cijfer naar de casussen erachter")),
            ("download_report", _("Raadsrapportage en exports downloaden")),
            ("run_extract", _("Extract voor de monitor verversen")),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"
