"""``schakel generate_national`` (``schakel generate national`` once the CLI maps it): the synthetic national
data set for the monitor, written as Parquet in the extract schema. See docs/monitor-landelijk.md."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_out() -> Path:
    var = getattr(settings, "VAR_DIR", None)
    return Path(var) / "national" if var else Path(tempfile.gettempdir()) / "schakel-national"


class Command(BaseCommand):
    help = (
        "Genereer de synthetische landelijke dataset voor de monitor: alle 342 gemeenten en 3.393 wijken "
        "met hun echte CBS-inwonertallen (2024), als Parquet in het schema van het monitor-extract."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", default=None, help="Doelmap (standaard SCHAKEL_VAR_DIR/national). Wordt overschreven."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Startwaarde: dezelfde seed geeft dezelfde gegevens."
        )
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="Deel van de bevolking, bijvoorbeeld 0.01 voor een steekproef van 1 %% (standaard 1).",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            default=None,
            help="Alleen deze CBS-gemeentecode (vier cijfers); mag vaker worden opgegeven.",
        )
        parser.add_argument("--workers", type=int, default=None, help="Aantal processen (standaard 2).")
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, out, seed, fraction, gemeente, workers, no_progress, **options):
        from schakel.monitoring.national import generate_national

        if not 0 < fraction <= 1:
            raise CommandError("--fraction moet groter dan 0 en hoogstens 1 zijn.")
        if workers is not None and workers < 1:
            raise CommandError("--workers moet minstens 1 zijn.")
        target = Path(out) if out else default_out()
        try:
            result = generate_national(
                target,
                seed=seed,
                fraction=fraction,
                workers=workers,
                progress=not no_progress,
                gemeenten=gemeente,
            )
        except ValueError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            self.style.SUCCESS(
                f"Landelijke dataset ({result.gemeenten} gemeenten, {result.wijken} wijken, seed {seed}, "
                f"fractie {fraction:g}) in {result.seconds:.1f} s geschreven naar {result.out}."
            )
        )
        for name, value in result.counts.items():
            self.stdout.write(f"  {name}: {value:,}".replace(",", "."))
