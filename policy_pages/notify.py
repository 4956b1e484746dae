"""E-mails the foundation's staff each message sent with the contact form."""

import logging
import smtplib

from django.core.mail import EmailMessage

from medical_review.emails import admin_url

logger = logging.getLogger(__name__)


def reader_address(form):
    """The e-mail address the reader gave, if the form asks for one."""
    for name, field in form.fields.items():
        if field.__class__.__name__ == "EmailField" and form.cleaned_data.get(name):
            return form.cleaned_data[name]
    return ""


def email_staff(page, form, submission):
    """One e-mail to the page's staff addresses; the addresses e-mailed.

    A failing mail server is logged, not shown to the reader: the message is stored and
    listed in the admin's Forms either way.
    """
    recipients = page.staff_addresses()
    if not recipients:
        return []
    reply_to = reader_address(form)
    body = "\n".join(
        [
            page.render_email(form),
            "",
            f"All messages: {admin_url('wagtailforms:list_submissions', page.pk)}",
        ]
    )
    message = EmailMessage(
        subject=page.subject or f"SPS Treatment Guide: a message from “{page.title}”",
        body=body,
        to=recipients,
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not e-mail contact message %s to the staff", submission.pk)
        return []
    return recipients
