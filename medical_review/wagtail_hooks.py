"""Admin hooks of the medical review: page views, reviewed snippets' menu, report, dashboard
panel, audit log."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_latest_str
from wagtail.log_actions import LogFormatter
from wagtail.models import TaskState
from wagtail.permissions import page_permission_policy, register_permission_policy

from medical_review.audit import last_audit
from medical_review.invariant import SEED_LOG_ACTION
from medical_review.models import (
    REVIEW_LOG_ACTION,
    MedicalReviewTask,
    ReviewedPageMixin,
    ReviewerProfile,
    in_review_languages_of,
    is_medical_advisor,
)
from medical_review.permissions import SuperusersOnlyPermissionPolicy, may_cancel_review
from medical_review.reports import (
    OVERDUE,
    ReviewsDueView,
    in_languages_user_reviews,
    pages_with_review_dates,
    review_status_of,
)
from medical_review.views import (
    CancelReviewMenuItem,
    CancelSnippetReviewMenuItem,
    ReviewedSnippetViewSet,
    ReviewerProfileViewSet,
    guide_page_viewsets,
)

# Registered before any view asks for it: reviewer profiles sign reviews, so only superusers
# keep them, whatever permissions a group holds.
register_permission_policy(ReviewerProfile, SuperusersOnlyPermissionPolicy(ReviewerProfile))


@hooks.register("register_admin_viewset")
def register_guide_page_viewsets():
    return guide_page_viewsets()


@hooks.register("register_admin_viewset")
def register_reviewer_profile_viewset():
    return ReviewerProfileViewSet("reviewer_profiles")


@hooks.register("register_page_action_menu_item")
def register_cancel_review_menu_item():
    return CancelReviewMenuItem(order=60)


@hooks.register("construct_page_action_menu")
def cancel_a_review_only_as_the_guide_allows(menu_items, request, context):
    """Wagtail's own "Cancel workflow" (the submitter's, any approver's) leaves a reviewed page's
    menu: `CancelReviewMenuItem` is shown instead to whoever may cancel the review."""
    if isinstance(context.get("page"), ReviewedPageMixin):
        menu_items[:] = [
            item
            for item in menu_items
            if item.name != "action-cancel-workflow" or isinstance(item, CancelReviewMenuItem)
        ]


@hooks.register("construct_snippet_action_menu")
def reviewed_snippet_actions(menu_items, request, context):
    """A reviewed snippet goes live through its review: no "Publish" (its views refuse it).
    Its review is cancelled only by whoever may take it down (`may_cancel_review`)."""
    if not isinstance(getattr(context["model"], "snippet_viewset", None), ReviewedSnippetViewSet):
        return
    cancelled_by = ("action-publish", "action-cancel-workflow")
    menu_items[:] = [item for item in menu_items if item.name not in cancelled_by]
    instance = context.get("instance")
    if (
        context["view"] == "edit"
        and instance.current_workflow_state
        and may_cancel_review(request.user, instance)
    ):
        menu_items.append(CancelSnippetReviewMenuItem(order=60))


@hooks.register("register_admin_urls")
def register_reviews_due_urls():
    return [
        path("reports/reviews-due/", ReviewsDueView.as_view(), name="medical_review_reviews_due"),
        path(
            "reports/reviews-due/results/",
            ReviewsDueView.as_view(results_only=True),
            name="medical_review_reviews_due_results",
        ),
    ]


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ReviewsDueView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        "Reviews due",
        reverse("medical_review_reviews_due"),
        name="reviews-due",
        icon_name="calendar-alt",
        order=650,
    )


@hooks.register("register_log_actions")
def register_medical_review_log_action(actions):
    @actions.register_action(REVIEW_LOG_ACTION)
    class MedicalReviewFormatter(LogFormatter):
        label = "Medical review"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                f"Medically reviewed by {data.get('reviewer', 'a medical advisor')}; "
                f"next review due {data.get('next_review_due', 'unknown')}"
            )

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    @actions.register_action(SEED_LOG_ACTION)
    class SeedFormatter(LogFormatter):
        label = "Published from the seed"

        def format_message(self, log_entry):
            return "Published by the loader from the seed text; not yet reviewed"


class MedicalReviewPanel(Component):
    """Dashboard panel for medical advisors: pages waiting for them, reviews due now, and what
    the last review audit found."""

    name = "medical_review"
    template_name = "medical_review/admin/medical_review_panel.html"
    order = 90
    violations_shown = 5

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        finder = AdminURLFinder(user)
        waiting = []
        states = (
            in_review_languages_of(
                TaskState.objects.filter(
                    status=TaskState.STATUS_IN_PROGRESS,
                    task__in=MedicalReviewTask.objects.all(),
                ),
                user,
            )
            .select_related("task", "workflow_state", "workflow_state__requested_by")
            .order_by("started_at")
        )
        for state in states:
            page = state.workflow_state.content_object
            if page is None:
                continue
            # A page, or a snippet under the medical review (no specific class of its own).
            page = getattr(page, "specific_deferred", page)
            task = state.task.specific
            waiting.append(
                {
                    "page": page,
                    "title": get_latest_str(page),
                    "edit_url": finder.get_edit_url(page),
                    "submitted_by": state.workflow_state.requested_by,
                    "submitted_at": state.started_at,
                    "refusal": task.approval_refusal(page, user),
                }
            )
        today = timezone.localdate()
        pages = in_languages_user_reviews(pages_with_review_dates(today), user)
        overdue = [
            {"page": page, "edit_url": finder.get_edit_url(page)}
            for page in pages.filter(next_review__lt=today)
            if review_status_of(page, today) == OVERDUE
        ]
        never_reviewed = [
            {"page": page, "edit_url": finder.get_edit_url(page)}
            for page in pages.live().filter(next_review__isnull=True)
        ]
        context.update(
            waiting=waiting,
            overdue=overdue,
            never_reviewed=never_reviewed,
            report_url=reverse("medical_review_reviews_due"),
            **self.audit_context(),
        )
        return context

    def audit_context(self):
        """The last review audit, its first few violations and how many more there are."""
        audit = last_audit()
        violations = audit.violations if audit else []
        return {
            "audit": audit,
            "audit_violations": violations[: self.violations_shown],
            "audit_more": max(len(violations) - self.violations_shown, 0),
        }


@hooks.register("construct_homepage_panels")
def add_medical_review_panel(request, panels):
    if is_medical_advisor(request.user):
        panels.append(MedicalReviewPanel(request))
