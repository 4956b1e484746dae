"""Retires every cached page: run on each deploy (`make serve-prod`) and after a restore."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from page_cache.store import retire_all


class Command(BaseCommand):
    help = "Retire every cached page (a new page cache generation) and Wagtail's site paths."

    def handle(self, *args, **options):
        if not retire_all("clear_page_cache"):
            raise CommandError("The page cache could not be reached; nothing was retired.")
        Site.clear_site_root_paths_cache()
        self.stdout.write("Page cache retired.")
