from django.core.management.base import BaseCommand

from policy_pages.retention import RETENTION_DAYS, purge_old_contact_messages


class Command(BaseCommand):
    help = (
        f"Deletes messages sent with the contact form older than {RETENTION_DAYS} days, as "
        "the Privacy page promises. Run it daily from cron; running it again deletes nothing "
        "more."
    )

    def handle(self, *args, **options):
        deleted, cutoff = purge_old_contact_messages()
        self.stdout.write(f"Deleted {deleted} contact messages from before {cutoff:%Y-%m-%d}.")
