"""Admin views of reviewed pages that refuse a direct publish and explain the review rules."""

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.action_menu import CancelWorkflowMenuItem
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from medical_review.models import MedicalReviewTask, reviewed_page_models
from medical_review.permissions import is_moderator

PUBLISH_REFUSED = (
    "Guide pages go live only when a medical advisor approves them. "
    "Use “Submit to Medical review” instead; nothing was saved or published."
)


def _is_ajax(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


class GuidePageEditView(EditView):
    def get(self, request, *args, **kwargs):
        page = self.real_page_record.specific
        if getattr(page, "review_overdue", False):
            messages.warning(
                request,
                f"Medical review overdue: this page was due for review on "
                f"{format_date(page.next_review_due, 'j F Y')}. It stays online; "
                f"submit it to Medical review.",
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", PUBLISH_REFUSED)
            messages.error(request, PUBLISH_REFUSED)
            return redirect("wagtailadmin_pages:edit", self.real_page_record.pk)
        return super().post(request, *args, **kwargs)

    @cached_property
    def is_cancelling_workflow(self):
        # Moderators (foundation leads) may cancel a review they neither started nor can approve.
        return bool(
            self.request.POST.get("action-cancel-workflow")
            and self.workflow_state
            and (
                self.workflow_state.user_can_cancel(self.request.user)
                or is_moderator(self.request.user)
            )
        )


class GuidePageCreateView(CreateView):
    def post(self, request):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", PUBLISH_REFUSED)
            messages.error(request, PUBLISH_REFUSED)
            return redirect(request.get_full_path())
        return super().post(request)


class GuideWorkflowActionView(WorkflowActionView):
    """Says why an advisor may not approve (four eyes), and what the dialog is missing."""

    def dispatch(self, request, *args, **kwargs):
        if (
            self.action_name == "approve"
            and isinstance(self.task, MedicalReviewTask)
            and self.task.is_reviewer(request.user)
            and self.object.workflow_in_progress
        ):
            refusal = self.task.four_eyes_refusal(self.object, request.user)
            if refusal:
                if _is_ajax(request):
                    return HttpResponseForbidden(refusal)
                messages.error(request, refusal)
                return redirect(self.redirect_url)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.form_class and not _is_ajax(request):
            form = self.form_class(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


def guide_page_viewsets():
    """One admin viewset per reviewed page type, sharing the views above."""
    return [
        PageViewSet(
            name=f"{model._meta.model_name}_pages",
            model=model,
            edit_view_class=GuidePageEditView,
            add_view_class=GuidePageCreateView,
            workflow_action_view_class=GuideWorkflowActionView,
        )
        for model in reviewed_page_models()
    ]


class ModeratorCancelReviewMenuItem(CancelWorkflowMenuItem):
    """Wagtail shows "Cancel workflow" to the submitter and approvers; moderators need it too."""

    label = "Cancel medical review"

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        workflow_state = context["page"].current_workflow_state
        user = context["request"].user
        return bool(
            workflow_state and is_moderator(user) and not workflow_state.user_can_cancel(user)
        )
