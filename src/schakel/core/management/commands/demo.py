"""``schakel demo``: migrate, configure, generate the synthetic municipality, create the demo users, print
their credentials, then start the background worker and the web server. Running it twice is safe.

``SCHAKEL_DEMO`` (and, unless ``--with-2fa``, ``SCHAKEL_DEMO_WITHOUT_2FA``) are set by ``schakel.cli``
before the settings load (issue 2 §2: only the demo may switch TOTP off, and it says so loudly).
"""

from __future__ import annotations

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from schakel.synth.services import generate_municipality
from schakel.synth.staff import ensure_demo_users

from .serve import gunicorn_args, run_until_interrupted


class Command(BaseCommand):
    help = (
        "Start de demo: database, synthetische gemeente, demogebruikers, webserver en achtergrondverwerking."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=20_000, help="Aantal inwoners (standaard 20.000).")
        parser.add_argument("--seed", type=int, default=42, help="Startwaarde voor de synthetische gegevens.")
        parser.add_argument(
            "--gemeente", default=None, help="CBS-gemeentecode (standaard: passend bij --size)."
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="Poort van de webserver (standaard 8000).")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--with-2fa", action="store_true", help="Inloggen met tweede factor (TOTP), zoals in productie."
        )
        parser.add_argument("--reset-passwords", action="store_true", help="Zet de demowachtwoorden terug.")
        parser.add_argument(
            "--no-serve", action="store_true", help="Alleen voorbereiden; geen server en worker starten."
        )

    def handle(self, *args, **opts):
        console = Console(file=self.stdout, soft_wrap=True)
        if not settings.DEMO:
            console.print("[yellow]Let op: SCHAKEL_DEMO staat niet aan; start de demo met 'schakel demo'.[/]")
        console.print("[bold]1/4[/] Database bijwerken (migrate)")
        call_command("migrate", interactive=False, verbosity=0)
        console.print("[bold]2/4[/] Functionele configuratie laden")
        call_command("setup_configuration", stdout=self.stdout)
        console.print("[bold]3/4[/] Synthetische gemeente")
        result = generate_municipality(opts["size"], opts["seed"], opts["gemeente"], progress=True)
        gemeente = result.gemeente
        if result.created:
            console.print(
                f"    {gemeente.name} ({gemeente.code}) gemaakt in {result.seconds:.1f} s: "
                f"{result.counts['inwoners']:,} inwoners, {result.counts['casussen']:,} casussen".replace(
                    ",", "."
                )
            )
        else:
            console.print(f"    {gemeente.name} ({gemeente.code}) bestond al; niets gegenereerd.")
        console.print("[bold]4/4[/] Demogebruikers")
        users = ensure_demo_users(gemeente, reset_passwords=opts["reset_passwords"])
        table = Table(title=f"Demogebruikers — {gemeente.name} (alleen voor de demo!)")
        for column in ("Gebruikersnaam", "Rol", "Wachtwoord"):
            table.add_column(column)
        for user in users:
            table.add_row(user.username, str(user.role_name), user.password)
        console.print(table)
        self._queue_monitor_extract(console, created=result.created)
        self._announce_2fa(console)
        url = f"http://{opts['host']}:{opts['port']}/"
        if opts["no_serve"]:
            console.print(f"Klaar. Start de server met 'schakel demo' (zonder --no-serve); adres: {url}")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = subprocess.Popen([sys.executable, "-m", "schakel.cli", "worker"])  # noqa: S603
        server = subprocess.Popen(gunicorn_args(opts["host"], opts["port"], opts["workers"], opts["threads"]))  # noqa: S603
        console.print(Panel(f"Schakel draait op [bold]{url}[/]\nStoppen met Ctrl-C.", title="Demo gestart"))
        sys.exit(run_until_interrupted([server, worker]))

    @staticmethod
    def _queue_monitor_extract(console: Console, *, created: bool) -> None:
        """The monitor reads a pseudonymised extract, not the database: queue its first build for the worker
        (after a new municipality, or when none was ever made), so the dashboards show figures in the demo."""
        from schakel.monitoring.models import ExtractRun
        from schakel.monitoring.tasks import refresh_extract

        if created or not ExtractRun.objects.filter(status=ExtractRun.Status.DONE).exists():
            refresh_extract.enqueue(full=True)
            console.print(
                "    Monitor: het extract wordt op de achtergrond gemaakt (de worker); daarna toont de monitor cijfers."
            )

    @staticmethod
    def _announce_2fa(console: Console) -> None:
        if getattr(settings, "DEMO_WITHOUT_2FA", False):
            console.print(
                Panel(
                    "[bold]TWEE-FACTORAUTHENTICATIE (TOTP) STAAT UIT[/] — SCHAKEL_DEMO_WITHOUT_2FA=true.\n"
                    "Dit mag alleen in de demo. Start met 'schakel demo --with-2fa' om in te loggen zoals in productie.",
                    title="WAARSCHUWING",
                    style="bold red",
                )
            )
        else:
            console.print(
                Panel("Inloggen vraagt een tweede factor (TOTP), zoals in productie.", style="green")
            )
