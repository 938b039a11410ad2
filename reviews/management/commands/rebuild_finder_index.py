"""Rebuild the finder index from the published interventions."""

import time

from django.core.management.base import BaseCommand

from reviews import finder_index


class Command(BaseCommand):
    help = "Rebuild the finder index (one row per published intervention and its terms)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = finder_index.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Finder index rebuilt: {count} published interventions in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
