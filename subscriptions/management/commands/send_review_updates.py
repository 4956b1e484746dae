from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions.models import UNCONFIRMED_DAYS, Subscription
from subscriptions.sending import send_queued


class Command(BaseCommand):
    help = (
        "Send the queued e-mail updates (one per subscriber and review) and delete the "
        f"subscriptions left unconfirmed for {UNCONFIRMED_DAYS} days. Run it from cron."
    )

    def handle(self, *args, **options):
        sent, failed = send_queued()
        cutoff = timezone.now() - timedelta(days=UNCONFIRMED_DAYS)
        _total, deleted = Subscription.objects.filter(
            confirmed_at__isnull=True, consented_at__lt=cutoff
        ).delete()
        dropped = deleted.get(Subscription._meta.label, 0)
        self.stdout.write(
            f"Sent {sent} update(s); {failed} left queued after an error; "
            f"deleted {dropped} unconfirmed subscription(s)."
        )
