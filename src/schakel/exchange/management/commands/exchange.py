"""``schakel exchange import <dir> | export <dir> [--ggk] | process | rules``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Berichtenverkeer iWmo/iJw: importeren, verwerken, exporteren en de geïmplementeerde regels tonen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Alle *.xml-bestanden uit een map ontvangen en verwerken.")
        imp.add_argument("folder")
        imp.add_argument("--no-process", action="store_true", help="Alleen ontvangen, niet verwerken.")
        exp = sub.add_parser("export", help="Alle klaarstaande uitgaande berichten naar een map schrijven.")
        exp.add_argument("folder")
        exp.add_argument(
            "--ggk", action="store_true", help="In een GGk-envelop (ggk0310 Di01/Du01) verpakken."
        )
        sub.add_parser("process", help="Ontvangen berichten verwerken (hervat na een onderbreking).")
        sub.add_parser("rules", help="De geïmplementeerde regels tonen (uit het register).")

    def handle(self, *args, action, **options):
        if action == "import":
            from ...transports import import_folder

            folder = Path(options["folder"])
            if not folder.is_dir():
                raise CommandError(f"Map bestaat niet: {folder}")
            result = import_folder(folder, process=not options["no_process"])
            self.stdout.write(
                f"Ontvangen: {result.received}, al eerder ontvangen: {result.skipped}, "
                f"technisch afgewezen: {result.rejected}"
            )
        elif action == "export":
            from ...transports import export_folder

            count = export_folder(Path(options["folder"]), wrap=options["ggk"])
            self.stdout.write(f"Geëxporteerd: {count}")
        elif action == "process":
            from ...pipeline import process_pending

            stats = process_pending()
            self.stdout.write(
                f"Verwerkt: {stats.processed} {stats.by_status}; retourberichten: {stats.retours}"
            )
        else:
            from ...rules import implemented

            for rule in implemented():
                self.stdout.write(
                    f"{rule.id:8} {rule.code:5} niveau {rule.level} {','.join(rule.soorten):20} "
                    f"{rule.direction:3} {rule.target:12} {rule.summary}"
                )
            self.stdout.write(f"{len(implemented())} regels")
