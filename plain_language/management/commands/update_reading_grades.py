from django.core.management.base import BaseCommand

from plain_language.grades import grade_missing_revisions


class Command(BaseCommand):
    """Works out the reading grade of every page's latest revision that has none yet."""

    help = "Reading grades for pages saved before the plain-language check existed."

    def handle(self, *args, **options):
        count = grade_missing_revisions()
        self.stdout.write(f"Graded {count} page revision(s).")
