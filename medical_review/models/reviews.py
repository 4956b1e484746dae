"""The signed record of each approval (`MedicalReview`), how it is made, and how the review of
the live revision reaches the page."""

import calendar

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from medical_review.forms import SUMMARY_MAX_LENGTH
from medical_review.models.profiles import reviewer_profile_of, signed_as

REVIEW_LOG_ACTION = "medical_review.approve"
DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def review_due_after(reviewed_on, months):
    """The date a review made on `reviewed_on` falls due, `months` later (31 Jan → 28/29 Feb)."""
    month_index = reviewed_on.month - 1 + months
    year, month = reviewed_on.year + month_index // 12, month_index % 12 + 1
    day = min(reviewed_on.day, calendar.monthrange(year, month)[1])
    return reviewed_on.replace(year=year, month=month, day=day)


def review_interval_months(obj):
    """How many months a review of `obj` (a page or a snippet) stays current."""
    getter = getattr(obj, "get_review_interval_months", None)
    return getter() if getter else DEFAULT_REVIEW_INTERVAL_MONTHS


class MedicalReview(models.Model):
    """One approval of a reviewed page by a medical advisor.

    Kept as the audit trail: deleting the page's revisions, the workflow or the reviewer's
    account leaves the record (and the names it was signed with) in place.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=100, blank=True)
    reviewer_specialty = models.CharField(max_length=100, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)
    next_review_due = models.DateField()
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text="What the review covered, in one line; shown in the page's review history.",
    )
    comment = models.TextField(blank=True)
    attested = models.BooleanField(
        default=False,
        help_text="The reviewer confirmed checking the content against current clinical evidence.",
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = ["reviewed_at", "pk"]

    def __str__(self):
        return f"{self.page_title}: reviewed by {self.reviewer_display} on {self.reviewed_on}"

    @property
    def reviewed_on(self):
        return timezone.localdate(self.reviewed_at)

    @property
    def reviewer_display(self):
        return signed_as(self.reviewer_name, self.reviewer_credentials, self.reviewer_specialty)


def record_medical_review(task_state, page, user, comment="", summary=""):
    """Store the approval of the revision under review as a `MedicalReview`.

    The page's review dates change when that revision goes live (`apply_live_review`), which
    for a scheduled revision is later, in `publish_scheduled`. A reviewed snippet is no page:
    its review names it by the revision (and its text by `page_title`).
    """
    now = timezone.now()
    reviewed_on = timezone.localdate(now)
    next_due = review_due_after(reviewed_on, review_interval_months(page))
    profile = reviewer_profile_of(user)
    revision = task_state.revision
    review = MedicalReview.objects.create(
        page=page if isinstance(page, Page) else None,
        page_title=revision.object_str if revision else str(page),
        revision=revision,
        task_state=task_state,
        reviewer=user,
        reviewer_name=profile.name,
        reviewer_credentials=profile.credentials,
        reviewer_specialty=profile.specialty,
        reviewed_at=now,
        next_review_due=next_due,
        summary=summary,
        comment=comment,
        attested=True,
    )
    log(
        instance=page,
        action=REVIEW_LOG_ACTION,
        user=user,
        revision=revision,
        data={
            "reviewer": review.reviewer_display,
            "next_review_due": next_due.isoformat(),
            "comment": comment,
        },
    )
    if revision is not None:
        # Handed on with the revision the approval publishes (`apply_live_review`).
        revision.medical_review = review
    return review


def apply_live_review(page, revision):
    """Sets the page's review dates from the review of `revision`, which has just gone live:
    the one the approval publishing it recorded, else the latest."""
    review = getattr(revision, "medical_review", None) or (
        MedicalReview.objects.filter(revision=revision).order_by("-reviewed_at", "-pk").first()
    )
    if review is None:
        return None
    # The dates are not revision-controlled (see ReviewedPageMixin.with_content_json):
    # they change on the page row itself.
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=review.reviewed_on, next_review_due=review.next_review_due
    )
    page.last_reviewed, page.next_review_due = review.reviewed_on, review.next_review_due
    for name in (
        "_medical_reviews",
        "live_medical_review",
        "review_state",
        "review_history",
        "translation_out_of_date",
    ):
        page.__dict__.pop(name, None)
    return review


def prefetch_medical_reviews(pages):
    """Reads the reviews of many reviewed pages in one query, for a page that lists them."""
    reviewed = [page for page in pages if page.last_reviewed is not None]
    by_page = {page.pk: [] for page in pages}
    if reviewed:
        reviews = MedicalReview.objects.filter(page_id__in=[page.pk for page in reviewed])
        for review in reviews.order_by("-reviewed_at", "-pk"):
            by_page[review.page_id].append(review)
    for page in pages:
        # What the `_medical_reviews` property would read, page by page.
        page.__dict__["_medical_reviews"] = by_page[page.pk] if page.last_reviewed else []
