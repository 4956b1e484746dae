"""Emails medical advisors about guide pages whose review falls due soon or is overdue."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from medical_review.emails import reminder_email
from medical_review.models import ReviewReminder
from medical_review.reports import pages_with_review_dates


@dataclass
class ReminderReport:
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    never_reviewed: list = field(default_factory=list)
    sent_to: list = field(default_factory=list)
    already_sent: list = field(default_factory=list)


def send_review_reminders(days=30, today=None):
    """One email per advisor per day; run it again the same day and nobody is emailed twice.

    Pages never reviewed are due now and listed first.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    pages = list(
        pages_with_review_dates(today)
        .live()
        .filter(Q(next_review__lte=horizon) | Q(next_review__isnull=True))
    )
    report = ReminderReport(
        never_reviewed=[p for p in pages if p.next_review is None],
        overdue=[p for p in pages if p.next_review is not None and p.next_review < today],
        due=[p for p in pages if p.next_review is not None and p.next_review >= today],
    )
    if not pages:
        return report

    subject, body = reminder_email(report, days)

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
