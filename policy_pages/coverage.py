"""What "How this guide is made" reads from live data: the medical advisors who sign reviews,
and how much of the guide in each language is reviewed, due, overdue or never reviewed.

Both are read in one query each, whatever the size of the guide.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages

from editions.visibility import shows_own_text, visible_to_visitors
from medical_review.models import ReviewerProfile
from medical_review.reports import (
    DUE_SOON,
    MOVED,
    NEVER_REVIEWED,
    OVERDUE,
    pages_with_review_dates,
    review_status_of,
)

REVIEWED, DUE, LATE, NEVER = "reviewed", "due", "overdue", "never"
# A page moved since its review was not reviewed where it is: its review is past due.
STATES = {DUE_SOON: DUE, OVERDUE: LATE, MOVED: LATE, NEVER_REVIEWED: NEVER}
LABELS = {
    REVIEWED: _("Reviewed"),
    DUE: _("Review due soon"),
    LATE: _("Review overdue"),
    NEVER: _("Never reviewed"),
}


def advisors():
    """The reviewer profiles of the active medical advisors who can sign a review."""
    return list(
        ReviewerProfile.objects.filter(
            user__is_active=True, user__groups__medicalreviewtask__active=True
        )
        .exclude(credentials="")
        .distinct()
        .order_by("name")
    )


@dataclass
class Bar:
    state: str
    label: str
    count: int
    start: float  # per cent of the row
    width: float


@dataclass
class LanguageCoverage:
    code: str
    name: str
    counts: dict

    @property
    def total(self):
        return sum(self.counts.values())

    def count(self, state):
        return self.counts.get(state, 0)

    @property
    def reviewed(self):
        return self.count(REVIEWED)

    @property
    def due(self):
        return self.count(DUE)

    @property
    def overdue(self):
        return self.count(LATE)

    @property
    def never(self):
        return self.count(NEVER)

    @property
    def bars(self):
        """The row's segments, in order, as per cents of its width (for the chart)."""
        bars, start = [], 0.0
        for state, label in LABELS.items():
            width = 100 * self.count(state) / self.total if self.total else 0
            if width:
                bars.append(Bar(state, label, self.count(state), round(start, 2), round(width, 2)))
            start += width
        return bars


def review_coverage(today=None):
    """One `LanguageCoverage` per content language with live guide pages, in the order of
    the site's languages."""
    today = today or timezone.localdate()
    rows = (
        pages_with_review_dates(today)
        .filter(visible_to_visitors(), shows_own_text())
        .order_by()
        .values_list("locale__language_code", "next_review", "last_reviewed_at")
    )
    counts = {}
    for code, next_review, last_reviewed_at in rows:
        page = _Dates(next_review, last_reviewed_at)
        state = STATES.get(review_status_of(page, today), REVIEWED)
        by_state = counts.setdefault(code, {})
        by_state[state] = by_state.get(state, 0) + 1
    return [
        LanguageCoverage(code, str(name), counts[code])
        for code, name in get_content_languages().items()
        if code in counts
    ]


@dataclass
class _Dates:
    next_review: object
    last_reviewed_at: object
