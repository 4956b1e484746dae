"""How long reader feedback is kept: the privacy note beside the form says 12 months."""

import datetime

from django.utils import timezone

from feedback.models import Feedback

RETENTION_DAYS = 365


def purge_old_feedback(now=None):
    """Deletes feedback older than RETENTION_DAYS; (how many, the cut-off)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff).delete()
    return deleted, cutoff
