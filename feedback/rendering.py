"""What the feedback form component shows: on a guide page, and again when it was refused."""

from django.urls import reverse

from feedback import guards
from feedback.models import COMMENT_MAX_LENGTH, Feedback


def form_context(page, values=None, error=""):
    """The component's context for `page`. `values` are what the reader sent, kept when the
    form is shown again; so is their signed render time while it is valid."""
    values = values or {}
    mistake = values.get("answer") == Feedback.MISTAKE
    return {
        "feedback_page": page,
        "action": reverse("feedback_submit"),
        "token": guards.FEEDBACK.still_valid(values.get("rendered"), page.pk)
        or guards.render_token(page.pk),
        "answer": values.get("answer", ""),
        "helpful_comment": "" if mistake else values.get("comment", ""),
        "mistake_comment": values.get("comment", "") if mistake else "",
        "mistake_open": mistake,
        "error": error,
        "error_on_mistake": bool(error) and mistake,
        "comment_max_length": COMMENT_MAX_LENGTH,
    }
