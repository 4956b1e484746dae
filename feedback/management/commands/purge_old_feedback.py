from django.core.management.base import BaseCommand

from feedback.retention import RETENTION_DAYS, purge_old_feedback


class Command(BaseCommand):
    help = (
        f"Deletes reader feedback older than {RETENTION_DAYS} days, as the note beside the "
        "form promises. Run it daily from cron; running it again deletes nothing more."
    )

    def handle(self, *args, **options):
        deleted, cutoff = purge_old_feedback()
        self.stdout.write(
            f"Deleted {deleted} reader feedback entries from before {cutoff:%Y-%m-%d}."
        )
