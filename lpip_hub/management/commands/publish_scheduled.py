"""Apply go-live and expiry dates: record items that went live and take expired ones off.

Pages never show an item before its go-live time or after its expiry, whether or not this has
run; running it keeps each item's status and history true to the schedule. Safe to run often:
a second run finds nothing to do.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from lpip_hub.publishing import apply_schedule


class Command(BaseCommand):
    help = "Apply scheduled go-live and expiry dates. Safe to run as often as you like."

    @transaction.atomic
    def handle(self, *args, **options):
        done = apply_schedule()
        for line in done:
            self.stdout.write(line)
        self.stdout.write(f"{len(done)} scheduled changes applied.")
