"""Emails medical advisors about guide pages whose review falls due soon or is overdue."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from medical_review.models import ReviewReminder
from medical_review.reports import pages_with_review_dates


@dataclass
class ReminderReport:
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    sent_to: list = field(default_factory=list)
    already_sent: list = field(default_factory=list)


def _line(page):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    url = base + reverse("wagtailadmin_pages:edit", args=[page.pk])
    return f"- {page.title} (due {page.next_review:%d %B %Y}): {url}"


def send_review_reminders(days=30, today=None):
    """One email per advisor per day; run it again the same day and nobody is emailed twice."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    pages = list(pages_with_review_dates(today).live().filter(next_review__lte=horizon))
    report = ReminderReport(
        overdue=[p for p in pages if p.next_review < today],
        due=[p for p in pages if p.next_review >= today],
    )
    if not pages:
        return report

    parts = []
    if report.overdue:
        parts += ["Overdue for medical review:", *map(_line, report.overdue), ""]
    if report.due:
        parts += [f"Due for medical review within {days} days:", *map(_line, report.due), ""]
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    parts.append(f"All reviews due: {base}{reverse('medical_review_reviews_due')}")
    body = "\n".join(parts)
    subject = (
        f"SPS Treatment Guide: {len(report.overdue)} reviews overdue, "
        f"{len(report.due)} due within {days} days"
    )

    advisors = (
        get_user_model()
        .objects.filter(groups__medicalreviewtask__active=True, is_active=True)
        .exclude(email="")
    )
    for advisor in advisors.distinct().order_by("pk"):
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(
                    recipient=advisor,
                    sent_on=today,
                    pages_due=len(report.due),
                    pages_overdue=len(report.overdue),
                )
                send_mail(subject, body, None, [advisor.email])
        except IntegrityError:
            report.already_sent.append(advisor)
            continue
        report.sent_to.append(advisor)
    return report
