"""How long messages sent with the contact form are kept: the Privacy page says six months."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

RETENTION_DAYS = 183
RETENTION_MONTHS = 6


def purge_old_contact_messages(now=None):
    """Deletes contact messages older than RETENTION_DAYS; (how many, the cut-off)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)
    deleted, _ = FormSubmission.objects.filter(
        page__content_type__app_label="policy_pages",
        page__content_type__model="contactpage",
        submit_time__lt=cutoff,
    ).delete()
    return deleted, cutoff
