"""``schakel worker``: the background worker for django-tasks (wraps ``db_worker`` of django-tasks-db)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de achtergrondverwerking (taken uit de database-wachtrij)."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="Wachtrij(en), standaard alle ('*').")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconden tussen twee controles.")
        parser.add_argument("--batch", action="store_true", help="Verwerk wat er ligt en stop dan.")

    def handle(self, *args, queue_name, interval, batch, **options):
        args = [f"--queue-name={queue_name}", f"--interval={interval}", "--no-reload"]
        if batch:
            args.append("--batch")
        call_command("db_worker", *args, verbosity=options.get("verbosity", 1))
