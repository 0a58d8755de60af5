"""``schakel participation_reminders``: record reminders for advice and responses due soon or overdue.

Run daily (cron or the worker). Idempotent: an item gets one reminder when it becomes due soon and one when it
becomes overdue; the secretary's work queue (/adviesraden/termijnen/) shows them.
"""

from django.core.management.base import BaseCommand

from schakel.participation.services import send_reminders


class Command(BaseCommand):
    help = "Herinneringen vastleggen voor adviezen en reacties die binnenkort of te laat zijn."

    def handle(self, *args, **options):
        new = send_reminders()
        for item in new:
            self.stdout.write(f"{item.flag}\t{item.kind}\t{item.due:%d-%m-%Y}\t{item.council}\t{item.title}")
        self.stdout.write(self.style.SUCCESS(f"{len(new)} herinnering(en) vastgelegd."))
