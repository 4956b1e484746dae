"""What `ensure_site_pages` writes on the three pages the first time, in the home page's
language. Nothing here is medical; the staff change it afterwards under the editorial review.
"""

from django.utils.html import escape
from django.utils.translation import gettext as _

from feedback.retention import RETENTION_DAYS as FEEDBACK_DAYS
from policy_pages.retention import RETENTION_MONTHS as CONTACT_MONTHS


def _html(*blocks):
    """Rich text from (tag, text) pairs."""
    return "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in blocks)


def contact_page():
    return {
        "title": _("Contact us"),
        "slug": _("contact"),
        "intro": _html(
            (
                "p",
                _(
                    "Write to the foundation’s staff: a question about the site, a correction, "
                    "or an offer of help."
                ),
            ),
            (
                "p",
                _(
                    "We cannot give advice about your own treatment. Please ask your doctor "
                    "about that."
                ),
            ),
        ),
        "thank_you_text": _html(
            ("p", _("Thank you. Your message has reached the foundation’s staff."))
        ),
    }


def contact_fields():
    """(clean name, label, type, required) of each field of the contact form."""
    return [
        ("name", _("Your name (optional)"), "singleline", False),
        ("email", _("Your e-mail address"), "email", True),
        ("message", _("Your message"), "multiline", True),
    ]


def how_made_page():
    return {
        "title": _("How this guide is made"),
        "slug": _("how-this-guide-is-made"),
        "intro": _html(
            (
                "p",
                _(
                    "How the guide is written and checked, who checks it, and how much of it "
                    "has been checked."
                ),
            )
        ),
    }


def privacy_page():
    feedback_months = round(FEEDBACK_DAYS * 12 / 365)
    return {
        "title": _("Privacy"),
        "slug": _("privacy"),
        "body": _html(
            ("h2", _("What we store")),
            (
                "p",
                _(
                    "Feedback on a page (“Was this page helpful?” and reported mistakes): the "
                    "page, your answer, your comment and the date. We keep it for %(months)s "
                    "months."
                )
                % {"months": feedback_months},
            ),
            (
                "p",
                _(
                    "Messages sent with the contact form: your name if you give it, your "
                    "e-mail address, your message and the date. They are e-mailed to the "
                    "foundation’s staff, read only by the staff who look after the site, and "
                    "deleted after %(months)s months."
                )
                % {"months": CONTACT_MONTHS},
            ),
            (
                "p",
                _(
                    "E-mail subscriptions: your e-mail address and what you subscribed to, "
                    "until you unsubscribe."
                ),
            ),
            (
                "p",
                _(
                    "Your internet address is not stored with any of these: only a salted "
                    "hash of it, for one hour, to stop floods of messages."
                ),
            ),
            ("h2", _("Cookies")),
            (
                "p",
                _(
                    "The site sets no tracking or advertising cookie, and no cookie at all "
                    "while you read it. Only the foundation’s staff get a cookie, when they "
                    "sign in to edit the site."
                ),
            ),
        ),
    }
