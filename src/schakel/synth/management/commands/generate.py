from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from schakel.synth.services import generate_municipality


class Command(BaseCommand):
    help = (
        "Genereer een synthetische gemeente (echte CBS-wijken, synthetische inwoners en casussen). "
        "Doet niets als de gemeente al inwoners heeft, tenzij --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=20_000, help="Aantal inwoners (standaard 20.000).")
        parser.add_argument(
            "--seed", type=int, default=42, help="Startwaarde: dezelfde seed geeft dezelfde gegevens."
        )
        parser.add_argument(
            "--gemeente",
            default=None,
            help="CBS-gemeentecode (standaard: de gemeente die qua grootte het best past).",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Vervang de bestaande synthetische gegevens."
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, size, seed, gemeente, replace, no_progress, **options):
        try:
            result = generate_municipality(size, seed, gemeente, progress=not no_progress, replace=replace)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages))
        name = f"{result.gemeente.name} ({result.gemeente.code})"
        if not result.created:
            self.stdout.write(f"{name} heeft al gegevens; niets gedaan (gebruik --replace om te vervangen).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetische gemeente {name} gemaakt in {result.seconds:.1f} s (seed {seed})."
            )
        )
        for label, value in result.counts.items():
            self.stdout.write(f"  {label}: {value:,}".replace(",", "."))
