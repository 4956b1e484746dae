"""Emails medical advisors about guide pages whose review falls due soon or is overdue."""

import datetime
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from medical_review.emails import reminder_email
from medical_review.models import ReviewReminder, advisors_to_email, review_languages_of
from medical_review.reports import pages_with_review_dates


@dataclass
class ReminderReport:
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    never_reviewed: list = field(default_factory=list)
    sent_to: list = field(default_factory=list)
    already_sent: list = field(default_factory=list)

    def in_languages(self, languages):
        """The pages of this report in `languages` (codes): what one advisor reviews."""
        return ReminderReport(
            *(
                [page for page in pages if page.language in languages]
                for pages in (self.due, self.overdue, self.never_reviewed)
            )
        )


def send_review_reminders(days=30, today=None):
    """One email per advisor per day; run it again the same day and nobody is emailed twice.

    Pages never reviewed are due now and listed first. Each advisor hears of the pages in the
    languages they review (their reviewer profile).
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    pages = list(
        pages_with_review_dates(today)
        .live()
        .filter(Q(next_review__lte=horizon) | Q(next_review__isnull=True))
        .annotate(language=F("locale__language_code"))
    )
    report = ReminderReport(
        never_reviewed=[p for p in pages if p.next_review is None],
        overdue=[p for p in pages if p.next_review is not None and p.next_review < today],
        due=[p for p in pages if p.next_review is not None and p.next_review >= today],
    )
    if not pages:
        return report

    for advisor in advisors_to_email().order_by("pk"):
        theirs = report.in_languages(set(review_languages_of(advisor)))
        if not (theirs.due or theirs.overdue or theirs.never_reviewed):
            continue
        subject, body = reminder_email(theirs, days)
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(
                    recipient=advisor,
                    sent_on=today,
                    pages_due=len(theirs.due),
                    pages_overdue=len(theirs.overdue),
                )
                send_mail(subject, body, None, [advisor.email])
        except IntegrityError:
            report.already_sent.append(advisor)
            continue
        report.sent_to.append(advisor)
    return report
