"""What a reader is told of a page's medical review in a word: reviewed on a day (by whom, on
the page itself), or not yet reviewed.

A page reads it from the reviews it loads anyway (`live_medical_review`); a list of many
treatments reads the date in its own query (`live_review_time`), so no list asks once per
treatment. Both follow the page's own review line: the review of the live revision counts,
unless the page has moved since.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from medical_review.models.reviews import MedicalReview


@dataclass(frozen=True)
class ReviewState:
    reviewed_on: datetime.date | None = None
    reviewer: str = ""

    @property
    def reviewed(self):
        return self.reviewed_on is not None


NOT_REVIEWED = ReviewState()


def review_state_of(page):
    """The state of a reviewed page, from the reviews it has loaded (or had prefetched)."""
    review = page.live_medical_review
    if review is None or page.moved_since_review:
        return NOT_REVIEWED
    return ReviewState(review.reviewed_on, review.reviewer_display)


def live_review_time():
    """An expression for a page queryset: when the review of each page's live revision was
    made (the latest review, for a page whose revisions were deleted), or None."""
    reviews = MedicalReview.objects.filter(
        Q(revision=OuterRef("live_revision")) | Q(page__live_revision__isnull=True),
        page=OuterRef("pk"),
    )
    return Subquery(reviews.order_by("-reviewed_at", "-pk").values("reviewed_at")[:1])


def review_state_from(reviewed_at, moved_at):
    """The state of a page read with `live_review_time()` and its `moved_at`."""
    if reviewed_at is None or (moved_at is not None and reviewed_at <= moved_at):
        return NOT_REVIEWED
    return ReviewState(timezone.localdate(reviewed_at))
