"""The record of reminder e-mails sent (`medical_review.reminders` sends them)."""

from django.conf import settings
from django.db import models


class ReviewReminder(models.Model):
    """One reminder email sent to one advisor on one day: makes the command idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    pages_due = models.PositiveIntegerField(default=0)
    pages_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on"], name="medical_review_one_reminder_per_day"
            )
        ]

    def __str__(self):
        return f"Review reminder to {self.recipient} on {self.sent_on}"
