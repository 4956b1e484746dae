"""What the medical review's own e-mails say: the daily reminder to advisors.

Wagtail's notifiers send the workflow e-mails (submitted: the task's groups, less advisors who
do not review the page's language; approved and changes requested: the submitter), in the
wording of the templates under `templates/wagtailadmin/notifications/`. Every admin link starts with
`settings.WAGTAILADMIN_BASE_URL`.
"""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier

from editions.languages import language_of
from medical_review.models import MedicalReviewTask, review_languages_of


def admin_url(name, *args):
    """An absolute admin URL, on the admin's base URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _line(page):
    url = admin_url("wagtailadmin_pages:edit", page.pk)
    if page.next_review is None:
        return f"- {page.title} (never reviewed): {url}"
    return f"- {page.title} (due {page.next_review:%d %B %Y}): {url}"


def reminder_email(report, days):
    """(subject, body) of the reminder about the pages in `report`."""
    parts = []
    if report.never_reviewed:
        parts += ["Never had a medical review (due now):", *map(_line, report.never_reviewed), ""]
    if report.overdue:
        parts += ["Overdue for medical review:", *map(_line, report.overdue), ""]
    if report.due:
        parts += [f"Due for medical review within {days} days:", *map(_line, report.due), ""]
    parts.append(f"All reviews due: {admin_url('medical_review_reviews_due')}")
    subject = (
        f"SPS Treatment Guide: {len(report.never_reviewed)} never reviewed, "
        f"{len(report.overdue)} reviews overdue, {len(report.due)} due within {days} days"
    )
    return subject, "\n".join(parts)


class ReviewLanguageSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted" e-mail, sent to the advisors who review in the page's language."""

    def get_recipient_users(self, task_state, **kwargs):
        recipients = super().get_recipient_users(task_state, **kwargs)
        if not isinstance(task_state.task.specific, MedicalReviewTask):
            return recipients
        language = language_of(task_state.workflow_state.content_object)
        return [
            user
            for user in recipients.select_related("reviewer_profile").distinct()
            if user.is_superuser or language in review_languages_of(user)
        ]
