"""The "Reader feedback" report under Reports, for moderators, advisors and superusers."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from feedback.models import Feedback
from feedback.permissions import FeedbackReadersPolicy, may_read_feedback
from feedback.reports import FeedbackReportView

register_permission_policy(Feedback, FeedbackReadersPolicy(Feedback))


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        path("reports/reader-feedback/", FeedbackReportView.as_view(), name="feedback_report"),
        path(
            "reports/reader-feedback/results/",
            FeedbackReportView.as_view(results_only=True),
            name="feedback_report_results",
        ),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_feedback(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        "Reader feedback",
        reverse("feedback_report"),
        name="reader-feedback",
        icon_name="comment",
        order=660,
    )
