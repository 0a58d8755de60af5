"""``schakel import_participants``: the gemeentepolis participants per year from a CSV file.

The file has a header ``jaar;deelnemers`` (semicolon or comma) and one row per year, as insurers report
them. Each row goes through ``partners.services.record_participants`` as the named user, so the insurer's
contribution is deposited in the fund (or the difference booked); all rows or none.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from schakel.core.models import User
from schakel.partners import services
from schakel.partners.models import CollectivePolicy, PolicyParticipation


class Command(BaseCommand):
    help = (
        "Lees het aantal deelnemers aan de gemeentepolis per jaar in uit een CSV-bestand (jaar;deelnemers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--polis", type=int, required=True, help="Id van de gemeentepolis.")
        parser.add_argument("--gebruiker", required=True, help="Gebruikersnaam van wie de import uitvoert.")

    def handle(self, *args, file: Path, polis: int, gebruiker: str, **options):
        try:
            policy = CollectivePolicy.objects.get(pk=polis)
            user = User.objects.get(username=gebruiker)
        except (CollectivePolicy.DoesNotExist, User.DoesNotExist) as exc:
            raise CommandError("Onbekende gemeentepolis of gebruiker.") from exc
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Het bestand kan niet worden gelezen als UTF-8 tekst: {exc}") from exc
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "jaar;deelnemers", delimiters=";,")
        rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
        if not rows or not {"jaar", "deelnemers"} <= set(rows[0]):
            raise CommandError("Verwacht een kopregel 'jaar;deelnemers' en ten minste één regel.")
        try:
            with transaction.atomic():
                for number, row in enumerate(rows, start=2):
                    try:
                        year, participants = int(row["jaar"]), int(row["deelnemers"])
                    except (TypeError, ValueError) as exc:
                        raise CommandError(
                            f"Regel {number}: jaar en deelnemers moeten hele getallen zijn."
                        ) from exc
                    services.record_participants(
                        user,
                        policy,
                        year=year,
                        participants=participants,
                        source=PolicyParticipation.Source.IMPORTED,
                    )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(f"Niets ingelezen: {' '.join(getattr(exc, 'messages', [str(exc)]))}") from exc
        self.stdout.write(f"{len(rows)} jaar/jaren ingelezen voor {policy}.")
