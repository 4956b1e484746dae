from django.core.management.base import BaseCommand

from foundation.site_structure import load_foundation_site


class Command(BaseCommand):
    help = (
        "Build the site's structure: each app's pages, the foundation's identity and, with "
        "FOUNDATION_DEMO_CONTENT, demonstration content (safe to run again)."
    )

    def handle(self, *args, **options):
        for line in load_foundation_site():
            self.stdout.write(line)
