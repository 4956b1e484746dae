"""Sending the queued messages, each at most once.

A message is locked while it is sent and marked sent in the same transaction, so two runs of
the command never send it both; a failure to send leaves it queued with the error, for the
next run.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from subscriptions.models import UpdateMessage

MAX_ATTEMPTS = 10


def absolute(path, page):
    """`path` on the site that serves `page` (the address readers know it by)."""
    site = page.get_site()
    root = site.root_url if site is not None else settings.SPS_SITE_URL
    return root.rstrip("/") + path


def unsubscribe_url(subscription):
    with translation.override(subscription.language):
        path = reverse("subscriptions_unsubscribe", args=[subscription.token])
    return absolute(path, subscription.page)


def update_email(message):
    subscription = message.subscription
    with translation.override(subscription.language):
        context = {
            "page_title": message.page.title,
            "page_url": message.page.full_url,
            "review": message.review,
            "unsubscribe_url": unsubscribe_url(subscription),
        }
        subject = render_to_string("subscriptions/emails/update_subject.txt", context).strip()
        body = render_to_string("subscriptions/emails/update.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[subscription.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )


def send_queued(limit=None):
    """Send what is queued: (how many were sent, how many failed)."""
    sent = failed = 0
    pending = UpdateMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    for pk in list(pending.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            message = (
                UpdateMessage.objects.select_for_update(skip_locked=True)
                .select_related("subscription", "page", "review")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if message is None:
                continue  # sent meanwhile, or being sent by another run
            message.attempts += 1
            try:
                update_email(message).send()
            except Exception as error:  # noqa: BLE001 - any failure of the mail server
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.save(update_fields=["attempts", "last_error"])
                failed += 1
                continue
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "sent_at", "last_error"])
            sent += 1
    return sent, failed
