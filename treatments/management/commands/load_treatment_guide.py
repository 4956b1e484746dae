from django.core.management.base import BaseCommand

from treatments.loading import load_treatment_guide


class Command(BaseCommand):
    help = "Load the SPS treatment guide from the seed text (safe to run again)."

    def handle(self, *args, **options):
        report = load_treatment_guide()
        for line in report.lines():
            self.stdout.write(line)
