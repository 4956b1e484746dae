"""Who asked for e-mail updates about which page, and the messages waiting to be sent.

A subscription is kept only with its consent: the date the reader ticked the consent box and
the date they confirmed it from their inbox (double opt-in). Unsubscribing deletes it, with
its messages.
"""

import secrets

from django.db import models
from django.utils import timezone

# An unconfirmed subscription is deleted after this many days.
UNCONFIRMED_DAYS = 7


def new_token():
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    email = models.EmailField()
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="email_subscriptions"
    )
    language = models.CharField(max_length=10)
    consented_at = models.DateTimeField(
        default=timezone.now, help_text="When the reader ticked the consent box."
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader confirmed from their inbox."
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "page"], name="one_subscription_per_page")
        ]

    def __str__(self):
        state = "confirmed" if self.confirmed_at else "waiting for confirmation"
        return f"{self.email} on page {self.page_id} ({state})"


class UpdateMessage(models.Model):
    """One e-mail to send: a subscriber hears of one review of one page once.

    The queue is the table: `send_review_updates` sends what has no `sent_at`; a failure
    leaves the message queued with its error, and the unique constraint keeps a review from
    being queued twice for the same subscriber.
    """

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="messages"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(
        "medical_review.MedicalReview", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "review"], name="one_message_per_review"
            )
        ]

    def __str__(self):
        return f"Update on page {self.page_id} to {self.subscription.email}"
