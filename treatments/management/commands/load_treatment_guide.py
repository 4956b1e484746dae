from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from treatments.loading import guide_loaded, load_treatment_guide


class Command(BaseCommand):
    help = "Load the SPS treatment guide from the seed text (safe to run again)."

    def handle(self, *args, **options):
        try:
            report = load_treatment_guide()
        except ImproperlyConfigured as error:  # a SITE_URL the default Site cannot have
            raise CommandError(str(error)) from error
        added = [extra for _receiver, extra in guide_loaded.send(sender=self.__class__)]
        for each in (report, *added):
            for line in each.lines():
                self.stdout.write(line)
