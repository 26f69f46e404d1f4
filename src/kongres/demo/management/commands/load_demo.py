"""``django-admin load_demo``: create or update the demo data (11th Congress of Polish Clusters)."""

from django.core.management.base import BaseCommand

from kongres.demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo data: the 11th Congress of Polish Clusters with its program, speakers "
        "and partners, and the two previous editions. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        writes: dict = {}
        counts = demo_load(writes)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded ({writes['created']} created, {writes['updated']} updated)."
            )
        )
