"""The "Reader feedback" report: what readers said about each guide page, newest first."""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from feedback.models import Feedback
from medical_review.models import content_language_choices, is_medical_advisor, review_languages_of
from medical_review.permissions import is_moderator


class FeedbackFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Answer", choices=Feedback.KIND_CHOICES, empty_label="Any"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    language = django_filters.ChoiceFilter(
        label="Language",
        field_name="page__locale__language_code",
        choices=content_language_choices,
        empty_label="Any",
    )
    title = django_filters.CharFilter(
        label="Page title", field_name="page__title", lookup_expr="icontains"
    )

    class Meta:
        model = Feedback
        fields = []


class FeedbackReportView(ReportView):
    """Lists readers' feedback with its page; exports like Wagtail's own reports."""

    results_template_name = "feedback/admin/feedback_results.html"
    page_title = "Reader feedback"
    header_icon = "comment"
    model = Feedback
    permission_required = "view"
    filterset_class = FeedbackFilterSet
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    list_export = ["created_at", "page_title", "page_url", "language", "answer", "comment"]
    export_headings = {
        "created_at": "Date",
        "page_title": "Page",
        "page_url": "Address",
        "language": "Language",
        "answer": "Answer",
        "comment": "Comment",
    }

    def get_filename(self):
        return f"reader-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        feedback = Feedback.objects.select_related("page", "page__locale").order_by(
            "-created_at", "-pk"
        )
        user = self.request.user
        if is_medical_advisor(user) and not is_moderator(user):
            # An advisor reads about the pages in the languages they review.
            feedback = feedback.filter(page__locale__language_code__in=review_languages_of(user))
        return feedback

    def decorate_paginated_queryset(self, object_list):
        for item in object_list:
            decorate(item)
        return object_list

    def to_row_dict(self, item):
        decorate(item)
        return super().to_row_dict(item)


def decorate(item):
    item.page_title = item.page.title
    item.page_url = item.page.full_url
    item.language = item.page.locale.language_code
    item.answer = item.get_kind_display()
