from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from glossary.loading import load_glossary
from treatments.loading import load_treatment_guide


class Command(BaseCommand):
    help = "Load the SPS treatment guide from the seed text (safe to run again)."

    def handle(self, *args, **options):
        try:
            report = load_treatment_guide()
        except ImproperlyConfigured as error:  # a SITE_URL the default Site cannot have
            raise CommandError(str(error)) from error
        for line in [*report.lines(), *load_glossary().lines()]:
            self.stdout.write(line)
