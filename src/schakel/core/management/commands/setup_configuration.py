from pathlib import Path

from django.core.management.base import BaseCommand

from schakel.core import configuration


class Command(BaseCommand):
    help = (
        "Laad de functionele configuratie (rollen, rechten, register van verwerkingsactiviteiten) uit YAML."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(configuration.DEFAULT_FILE))
        parser.add_argument(
            "--reset-permissions", action="store_true", help="Zet de rechten van de rollen terug."
        )

    def handle(self, *args, file, reset_permissions, **options):
        counts = configuration.apply(Path(file), reset_permissions=reset_permissions)
        self.stdout.write(
            f"Verwerkingsactiviteiten toegevoegd: {counts['activities']}, rollen toegevoegd: {counts['roles']}"
        )
