from django.core.management.base import BaseCommand

from treatments.source_links import TIMEOUT_SECONDS, check_source_links


class Command(BaseCommand):
    help = (
        "Check the source links of every live guide page and record the broken ones "
        "(listed in the Reviews due report). Run it weekly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=TIMEOUT_SECONDS,
            help=f"Seconds to wait for each server (default {TIMEOUT_SECONDS}).",
        )

    def handle(self, *args, timeout, **options):
        for line in check_source_links(timeout=timeout).lines():
            self.stdout.write(line)
