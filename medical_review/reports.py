"""The "Reviews due" report: every reviewed page by its next medical review, overdue first.

Apps add what else a page needs looked at (a broken source link) with the
`medical_review_page_problems` hook: a function given the listed pages that returns, by page
id, a list of short descriptions.
"""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from feedback.queries import latest_mistake_report
from medical_review.models import (
    MedicalReview,
    is_medical_advisor,
    review_languages_of,
    reviewed_page_models,
)
from medical_review.moves import moved_at_of_page
from medical_review.permissions import is_moderator
from plain_language.grades import latest_revision_grade

DUE_SOON_DAYS = 30

OVERDUE, NEVER_REVIEWED, DUE_SOON, CURRENT = "overdue", "never", "due_soon", "current"
DUE_NOW = "due_now"
MISTAKE_REPORTED = "mistake"
REVIEW_STATUS_CHOICES = [
    (MISTAKE_REPORTED, "A reader reported a mistake"),
    (DUE_NOW, "Due now (overdue or never reviewed)"),
    (OVERDUE, "Overdue"),
    (NEVER_REVIEWED, "Never reviewed"),
    (DUE_SOON, f"Due within {DUE_SOON_DAYS} days"),
    (CURRENT, "Current"),
]
STATUS_LABELS = dict(REVIEW_STATUS_CHOICES[2:])
# Listed with the pages never reviewed (both are due now), but labelled for what happened.
MOVED = "moved"
STATUS_LABELS[MOVED] = "Moved since its last review"


def guide_content_types():
    content_types = ContentType.objects.get_for_models(*reviewed_page_models()).values()
    return ContentType.objects.filter(pk__in=[ct.pk for ct in content_types])


def pages_with_review_dates(today=None):
    """Reviewed pages annotated with their latest review, ordered by urgency: a mistake a
    reader reported since the last review first, then overdue, then never reviewed (both due
    now), then due later.
    """
    today = today or timezone.localdate()
    latest = MedicalReview.objects.filter(page=OuterRef("pk")).order_by("-reviewed_at", "-pk")
    return (
        Page.objects.type(*reviewed_page_models())
        .annotate(
            moved_at=moved_at_of_page(),
            last_reviewed_at=Subquery(latest.values("reviewed_at")[:1]),
        )
        .annotate(
            # A page moved since its review has not been reviewed where it is: due now.
            next_review=Case(
                When(moved_at__gt=F("last_reviewed_at"), then=Value(None)),
                default=Subquery(latest.values("next_review_due")[:1]),
                output_field=DateField(),
            ),
            last_reviewer_name=Subquery(latest.values("reviewer_name")[:1]),
            last_reviewer_credentials=Subquery(latest.values("reviewer_credentials")[:1]),
            mistake_reported_at=latest_mistake_report(),
        )
        .annotate(
            review_urgency=Case(
                When(next_review__lt=today, then=Value(0)),
                When(next_review__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            # Until the page's next review looks at it.
            mistake_reported=Case(
                When(
                    Q(mistake_reported_at__isnull=False)
                    & (
                        Q(last_reviewed_at__isnull=True)
                        | Q(mistake_reported_at__gt=F("last_reviewed_at"))
                    ),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-mistake_reported", "review_urgency", "next_review", "path")
    )


def in_languages_user_reviews(pages, user):
    """`pages`, less those a medical advisor does not review (their profile's languages).

    Moderators and everyone who is not an advisor see every language.
    """
    if is_medical_advisor(user) and not is_moderator(user):
        return pages.filter(locale__language_code__in=review_languages_of(user))
    return pages


def review_status_of(page, today=None):
    today = today or timezone.localdate()
    if page.next_review is None:
        return MOVED if page.last_reviewed_at else NEVER_REVIEWED
    if page.next_review < today:
        return OVERDUE
    if page.next_review <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return CURRENT


class ReviewsDueFilterSet(WagtailFilterSet):
    review_status = django_filters.ChoiceFilter(
        label="Review status",
        choices=REVIEW_STATUS_CHOICES,
        method="filter_review_status",
        empty_label="Any",
    )
    content_type = ContentTypeFilter(
        label="Type",
        queryset=lambda request: guide_content_types(),
    )
    last_reviewer = django_filters.CharFilter(label="Last reviewer", method="filter_last_reviewer")

    class Meta:
        model = Page
        fields = ["live"]

    def filter_review_status(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        conditions = {
            MISTAKE_REPORTED: Q(mistake_reported=True),
            DUE_NOW: Q(next_review__lt=today) | Q(next_review__isnull=True),
            OVERDUE: Q(next_review__lt=today),
            NEVER_REVIEWED: Q(next_review__isnull=True),
            DUE_SOON: Q(next_review__gte=today, next_review__lte=soon),
            CURRENT: Q(next_review__gt=soon),
        }
        return queryset.filter(conditions[value]) if value in conditions else queryset

    def filter_last_reviewer(self, queryset, name, value):
        return queryset.filter(last_reviewer_name__icontains=value) if value else queryset


class ReviewsDueView(PageReportView):
    """Lists guide pages by next review due; exports like Wagtail's own reports."""

    results_template_name = "medical_review/admin/reviews_due_results.html"
    page_title = "Reviews due"
    header_icon = "calendar-alt"
    filterset_class = ReviewsDueFilterSet
    index_url_name = "medical_review_reviews_due"
    index_results_url_name = "medical_review_reviews_due_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "url_path",
        "page_type",
        "status_string",
        "review_status_label",
        "last_reviewed_on",
        "last_reviewer",
        "next_review",
        "reading_grade",
        "mistake_reported_on",
    ]
    export_headings = {
        "title": "Title",
        "url_path": "Path",
        "page_type": "Type",
        "status_string": "Status",
        "review_status_label": "Review status",
        "mistake_reported_on": "Mistake reported",
        "last_reviewed_on": "Last reviewed",
        "last_reviewer": "Last reviewer",
        "next_review": "Next review due",
        "reading_grade": "Reading grade",
    }

    def get_filename(self):
        return f"reviews-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = (
            in_languages_user_reviews(pages_with_review_dates(), self.request.user)
            .select_related("content_type")
            # Of the latest revision: the text editors are working on, as the editor shows it.
            .annotate(reading_grade=latest_revision_grade())
            # What the status column reads, in a fixed number of queries however many rows.
            .annotate_approved_schedule()
            .prefetch_workflow_states()
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        problems = page_problems(object_list)
        for page in object_list:
            decorate_review_fields(page, today)
            page.problems = problems.get(page.pk, [])
        return object_list

    def to_row_dict(self, item):
        decorate_review_fields(item, timezone.localdate())
        return super().to_row_dict(item)


def page_problems(pages):
    """What the `medical_review_page_problems` hooks say of `pages`, by page id."""
    pages = list(pages)
    found = {}
    for hook in hooks.get_hooks("medical_review_page_problems"):
        for page_id, problems in hook(pages).items():
            found.setdefault(page_id, []).extend(problems)
    return found


def decorate_review_fields(page, today):
    page.review_status = review_status_of(page, today)
    page.review_status_label = STATUS_LABELS[page.review_status]
    page.mistake_reported_on = (
        timezone.localdate(page.mistake_reported_at) if page.mistake_reported else None
    )
    page.last_reviewed_on = (
        timezone.localdate(page.last_reviewed_at) if page.last_reviewed_at else None
    )
    page.last_reviewer = (
        f"{page.last_reviewer_name}, {page.last_reviewer_credentials}"
        if page.last_reviewer_credentials
        else (page.last_reviewer_name or "")
    )
    page.page_type = page.content_type.model_class()._meta.verbose_name.capitalize()
