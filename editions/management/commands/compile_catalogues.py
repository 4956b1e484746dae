from django.core.management.base import BaseCommand

from editions.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compiles the site's interface translations (locale/) to .mo files."

    def handle(self, *args, **options):
        for path in compile_catalogues():
            self.stdout.write(f"Compiled {path}")
