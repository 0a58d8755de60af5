"""``schakel monitor extract|report``: refresh the monitor extract, or write the council report and exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Monitor sociaal domein: 'extract' ververst het gepseudonimiseerde extract; 'report' maakt de raadsrapportage."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ex = sub.add_parser("extract", help="Extract (Parquet) verversen onder SCHAKEL_VAR_DIR/monitor/.")
        ex.add_argument("--full", action="store_true", help="Alles opnieuw opbouwen (niet incrementeel).")
        ex.add_argument("--queue", action="store_true", help="Als achtergrondtaak in de wachtrij zetten.")
        ex.add_argument("--out", help="Andere doelmap.")
        rep = sub.add_parser("report", help="Raadsrapportage (PDF) en exports (CSV, XLSX) maken.")
        rep.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0999.")
        rep.add_argument("--year", type=int, default=date.today().year - 1)
        rep.add_argument("--half", type=int, choices=[1, 2], help="Halfjaar (1 of 2); zonder: heel jaar.")
        rep.add_argument("--out", default=".", help="Map voor de bestanden.")
        rep.add_argument("--extract", help="Map van het extract (standaard SCHAKEL_VAR_DIR/monitor).")

    def handle(self, *args, action, **opts):
        if action == "extract":
            return self._extract(**opts)
        return self._report(**opts)

    def _extract(self, full, queue, out, **_):
        from schakel.monitoring.tasks import refresh_extract, run_extract

        if queue:
            result = refresh_extract.enqueue(full=full)
            self.stdout.write(f"In de wachtrij: taak {result.id}")
            return
        run = run_extract(full=full, root=out)
        for name, info in run.tables.items():
            self.stdout.write(f"{name:22} {info['action']:8} {info['rows']:>10} rijen")

    def _report(self, gemeente, year, half, out, extract, **_):
        from schakel.monitoring.report import write_all

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        try:
            paths = write_all(gemeente, year, half, out, extract_root=extract)
        except ValueError as exc:
            raise CommandError(str(exc))
        for path in paths:
            self.stdout.write(str(path))
