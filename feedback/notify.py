"""Tells the medical advisors who review a page's language that a reader reports a mistake."""

import logging
import smtplib

from django.core.mail import send_mass_mail

from editions.languages import language_of
from medical_review.emails import admin_url
from medical_review.models import advisors_to_email, review_languages_of

logger = logging.getLogger(__name__)


def mistake_email(feedback):
    """(subject, body) of the e-mail about a reported mistake."""
    page = feedback.page
    subject = f"SPS Treatment Guide: a reader reports a mistake on “{page.title}”"
    body = "\n".join(
        [
            f"A reader reports a mistake on “{page.title}” ({language_of(page)}):",
            "",
            *(f"> {line}" for line in feedback.comment.splitlines()),
            "",
            f"The page: {page.full_url or page.url}",
            f"Edit it: {admin_url('wagtailadmin_pages:edit', page.pk)}",
            "",
            "The page is listed first in Reviews due until its next medical review:",
            admin_url("medical_review_reviews_due"),
            f"All reader feedback: {admin_url('feedback_report')}",
        ]
    )
    return subject, body


def email_advisors_about_mistake(feedback):
    """One e-mail to each advisor who reviews the page's language; the addresses e-mailed.

    A failing mail server is logged, not shown to the reader: the report is stored and the
    page tops Reviews due either way.
    """
    language = language_of(feedback.page)
    recipients = [
        advisor.email
        for advisor in advisors_to_email().order_by("pk")
        if language in review_languages_of(advisor)
    ]
    if not recipients:
        return []
    subject, body = mistake_email(feedback)
    try:
        send_mass_mail([(subject, body, None, [address]) for address in recipients])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not e-mail the advisors about feedback %s", feedback.pk)
        return []
    return recipients
