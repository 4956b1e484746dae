"""The audit trail of medical reviews, and the log of review reminders sent."""

import calendar

from django.conf import settings
from django.db import models
from django.utils import timezone


def review_due_after(reviewed_on, months):
    """The date a review made on `reviewed_on` falls due, `months` later (31 Jan → 28/29 Feb)."""
    month_index = reviewed_on.month - 1 + months
    year, month = reviewed_on.year + month_index // 12, month_index % 12 + 1
    day = min(reviewed_on.day, calendar.monthrange(year, month)[1])
    return reviewed_on.replace(year=year, month=month, day=day)


def reviewer_display(user):
    """(name, credentials) of a reviewer: from their Person record, else their account."""
    person = getattr(user, "person", None) if user is not None else None
    if person is not None:
        return person.name, person.credentials
    if user is None:
        return "", ""
    return (user.get_full_name() or user.get_username()), ""


class MedicalReview(models.Model):
    """One approval of a guide page by a medical advisor.

    Kept as the audit trail: deleting the page's revisions, the workflow or the reviewer's
    account leaves the record (and the names it was signed with) in place.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=100, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)
    next_review_due = models.DateField()
    comment = models.TextField(blank=True)
    attested = models.BooleanField(
        default=False,
        help_text="The reviewer confirmed checking the content against current clinical evidence.",
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = ["reviewed_at", "pk"]

    def __str__(self):
        return f"{self.page_title}: reviewed by {self.reviewer_display} on {self.reviewed_on}"

    @property
    def reviewed_on(self):
        return timezone.localdate(self.reviewed_at)

    @property
    def reviewer_display(self):
        if self.reviewer_credentials:
            return f"{self.reviewer_name}, {self.reviewer_credentials}"
        return self.reviewer_name


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
                fields=["recipient", "sent_on"], name="one_review_reminder_per_day"
            )
        ]

    def __str__(self):
        return f"Review reminder to {self.recipient} on {self.sent_on}"
