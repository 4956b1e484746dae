"""What the medical review's reports read of readers' feedback."""

from django.db.models import OuterRef, Subquery

from feedback.models import Feedback


def latest_mistake_report():
    """A subquery for a page query: when a reader last reported a mistake on the page."""
    return Subquery(
        Feedback.objects.filter(page=OuterRef("pk"), kind=Feedback.MISTAKE)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
