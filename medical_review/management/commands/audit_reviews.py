from django.core.management.base import BaseCommand, CommandError

from medical_review.audit import run_audit


class Command(BaseCommand):
    help = (
        "Check the promise over every live reviewed page and snippet in every language: "
        "exit 1 naming each violation."
    )

    def handle(self, *args, **options):
        result = run_audit()
        for violation in result.violations:
            self.stderr.write(str(violation))
        if result.violations:
            raise CommandError(f"{len(result.violations)} violation(s) of the medical review.")
        self.stdout.write(f"All {result.checked} live reviewed objects keep the promise.")
