"""Admin views of reviewed pages and snippets that refuse a direct publish and explain the
review rules."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.action_menu import CancelWorkflowMenuItem
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import (
    CollectWorkflowActionDataView,
    WorkflowActionView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState
from wagtail.snippets.action_menu import (
    CancelWorkflowMenuItem as SnippetCancelWorkflowMenuItem,
)
from wagtail.snippets.views.snippets import (
    CollectWorkflowActionDataView as SnippetCollectWorkflowActionDataView,
)
from wagtail.snippets.views.snippets import CopyView as SnippetCopyView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.views.snippets import WorkflowActionView as SnippetWorkflowActionView

from editions.languages import language_of
from editorial_review.models import EditorialReviewTask
from medical_review.changes import changes_under_review, reviews_of
from medical_review.four_eyes import take_up_review
from medical_review.models import (
    MedicalReviewTask,
    ReviewedPageMixin,
    ReviewerProfile,
    language_name,
    reviewed_page_models,
)
from medical_review.permissions import may_cancel_review
from sps_foundation.once import one_approval

PUBLISH_REFUSED = (
    "Guide pages go live only when a medical advisor approves them. "
    "Use “Submit to Medical review” instead; nothing was saved or published."
)
CANCEL_REFUSED = "Only a moderator cancels a medical review."
SNIPPET_PUBLISH_REFUSED = (
    "This goes live only when a medical advisor approves it. "
    "Use “Submit to Medical review” instead; nothing was saved or published."
)


def _is_ajax(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def form_errors(form):
    return [error for errors in form.errors.values() for error in errors]


def approval_message(page, review=None):
    """What the approving advisor is told: published now, or on the scheduled date.

    `review` is the approval's `MedicalReview` when the caller has it; else the latest.
    """
    review = review or reviews_of(page).select_related("revision").first()
    go_live_at = review.revision.approved_go_live_at if review else None
    title = page.get_admin_display_title() if isinstance(page, Page) else get_latest_str(page)
    if go_live_at and go_live_at > timezone.now():
        when = format_date(timezone.localtime(go_live_at), "j F Y, H:i")
        return f"“{title}” was approved; it will be published on {when}."
    return f"“{title}” was approved and published."


def translation_out_of_date_message(page):
    """The editor's warning on a translation whose source was published after its review."""
    updated = getattr(page, "translation_out_of_date", None)
    if updated is None:
        return None
    source = page.translation_source
    return (
        f"Translation out of date: “{source.get_admin_display_title()}” "
        f"({language_name(language_of(source))}) was updated on "
        f"{format_date(timezone.localtime(updated), 'j F Y')}, after this translation was last "
        f"reviewed. Bring the translation up to date and submit it to Medical review."
    )


class GuidePageEditView(EditView):
    def get(self, request, *args, **kwargs):
        page = self.real_page_record.specific
        if page.live and page.last_reviewed is None:
            messages.warning(
                request,
                "Never medically reviewed: this page is online but no medical advisor has "
                "approved it. Submit it to Medical review.",
            )
        elif getattr(page, "review_overdue", False):
            messages.warning(
                request,
                f"Medical review overdue: this page was due for review on "
                f"{format_date(page.next_review_due, 'j F Y')}. It stays online; "
                f"submit it to Medical review.",
            )
        out_of_date_message = translation_out_of_date_message(page)
        if out_of_date_message:
            messages.warning(request, out_of_date_message)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", PUBLISH_REFUSED)
            messages.error(request, PUBLISH_REFUSED)
            return redirect("wagtailadmin_pages:edit", self.real_page_record.pk)
        if request.POST.get("action-cancel-workflow") and not may_cancel_review(
            request.user, self.real_page_record
        ):
            raise PermissionDenied(CANCEL_REFUSED)
        return super().post(request, *args, **kwargs)

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action" and self.workflow_action == "approve":
            messages.success(self.request, approval_message(self.page))
        else:
            super().add_save_confirmation_message()

    @cached_property
    def is_cancelling_workflow(self):
        return bool(
            self.request.POST.get("action-cancel-workflow")
            and self.workflow_state
            and may_cancel_review(self.request.user, self.real_page_record)
        )


class GuidePageCreateView(CreateView):
    def post(self, request):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", PUBLISH_REFUSED)
            messages.error(request, PUBLISH_REFUSED)
            return redirect(request.get_full_path())
        return super().post(request)


class MedicalReviewActionMixin:
    """Says why an advisor may not approve and what the approval did; checks each rule once
    (`one_approval`) and validates the dialog's form once."""

    def get_task_state(self):
        # The review with its workflow state, revision and task: what the checks and the
        # task read.
        return get_object_or_404(
            TaskState.objects.select_related("workflow_state", "revision", "task"),
            id=self.task_state_id,
        ).specific

    def dispatch(self, request, *args, **kwargs):
        with one_approval():
            if isinstance(self.task, (MedicalReviewTask, EditorialReviewTask)):
                take_up_review(self.task, self.object, self.task_state)
            refusal = self.approval_refusal()
            if refusal:
                return self.refused(refusal)
            return super().dispatch(request, *args, **kwargs)

    def approval_refusal(self):
        user = self.request.user
        if (
            self.action_name == "approve"
            and isinstance(self.task, MedicalReviewTask)
            and self.task.can_review(self.object, user)
            and self.task.open_task_state(self.object) is not None
        ):
            return self.task.approval_refusal(self.object, user)
        return None

    def post(self, request, *args, **kwargs):
        if not isinstance(self.task, MedicalReviewTask):
            return self.post_with_form_messages(request, *args, **kwargs)
        form = self.form_class(request.POST)
        if not form.is_valid():
            if _is_ajax(request):
                return self.render_modal_form(request, form)
            return self.refused(*form_errors(form))
        try:
            next_url = self.task.on_action(
                self.task_state,
                request.user,
                self.action_name,
                validated_form=form,
                **form.cleaned_data,
            )
        except PermissionDenied as refusal:
            return self.refused(str(refusal))
        self.redirect_url = next_url or self.redirect_url
        review = getattr(self.task_state.workflow_state, "medical_review", None)
        if self.action_name == "approve" and review is not None:
            messages.success(request, approval_message(self.object, review))
        if _is_ajax(request):
            return self.render_modal_json(
                request, {"step": "success", "redirect": self.redirect_url}
            )
        return redirect(self.redirect_url)

    def post_with_form_messages(self, request, *args, **kwargs):
        # Another task's action (Wagtail's own view), with its form's errors as messages.
        if self.form_class and not _is_ajax(request):
            form = self.form_class(request.POST)
            if not form.is_valid():
                return self.refused(*form_errors(form))
        try:
            return super().post(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return self.refused(str(refusal))

    def refused(self, *reasons):
        if _is_ajax(self.request):
            return HttpResponseForbidden(" ".join(reasons))
        for reason in reasons:
            messages.error(self.request, reason)
        return redirect(self.redirect_url)


class ChangesUnderReviewMixin:
    """Every approve dialog of the medical review (the dashboard's, the editor's) shows what
    the approval covers: `medical_review/approve_modal.html` renders `changes`."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.action_name == "approve" and isinstance(self.task, MedicalReviewTask):
            context["changes"] = changes_under_review(
                self.reviewed_object(),
                self.task_state,
                self.request,
                self.comparison_edit_handler(),
            )
        return context


class PageChangesMixin(ChangesUnderReviewMixin):
    def reviewed_object(self):
        return self.object.specific

    def comparison_edit_handler(self):
        return self.object.specific.get_edit_handler()


class SnippetChangesMixin(ChangesUnderReviewMixin):
    def reviewed_object(self):
        return self.object

    def comparison_edit_handler(self):
        return self.object.snippet_viewset.get_edit_handler()


class GuideWorkflowActionView(MedicalReviewActionMixin, PageChangesMixin, WorkflowActionView):
    pass


class GuideCollectWorkflowActionDataView(PageChangesMixin, CollectWorkflowActionDataView):
    """The dialog the page editor's "Approve" opens; the edit view then acts on the review."""


class ReviewedSnippetWorkflowActionView(
    MedicalReviewActionMixin, SnippetChangesMixin, SnippetWorkflowActionView
):
    pass


class ReviewedSnippetCollectWorkflowActionDataView(
    SnippetChangesMixin, SnippetCollectWorkflowActionDataView
):
    """The dialog the snippet editor's "Approve" opens."""


class RefuseDirectPublishMixin:
    """Snippet create and edit views that publish nothing: the approval of a review does."""

    publish_refused = SNIPPET_PUBLISH_REFUSED

    def get_available_actions(self):
        return [action for action in super().get_available_actions() if action != "publish"]

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", self.publish_refused)
            messages.error(request, self.publish_refused)
            return redirect(request.get_full_path())
        return super().post(request, *args, **kwargs)


class ReviewedSnippetCreateView(RefuseDirectPublishMixin, SnippetCreateView):
    pass


class ReviewedSnippetCopyView(RefuseDirectPublishMixin, SnippetCopyView):
    def get_initial_form_instance(self):
        # The copy's form posts to the add view; a post here saves a new object too, never
        # over the original (Wagtail's copy view would save the form onto the object copied).
        if self.request.method == "POST":
            return SnippetCreateView.get_initial_form_instance(self)
        return super().get_initial_form_instance()


class ReviewedSnippetEditView(RefuseDirectPublishMixin, SnippetEditView):
    def get_available_actions(self):
        actions = [a for a in super().get_available_actions() if a != "cancel-workflow"]
        if self.workflow_state and may_cancel_review(self.request.user, self.object):
            actions.append("cancel-workflow")
        # As in the page editor, nobody submits what is already in review (a form opened
        # before the submission): Wagtail would start a second review and fail; it is saved.
        if self.object.workflow_in_progress:
            actions = [action for action in actions if action != "submit"]
        return actions

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-cancel-workflow") and not may_cancel_review(
            request.user, self.object
        ):
            raise PermissionDenied(CANCEL_REFUSED)
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        # Acting on the review from the editor saves no revision unless the text changed (as
        # the page editor does): a new revision would restart the review it acts on.
        if self.action == "workflow-action" and not self.form.has_changed():
            self.new_revision = None
            return self.object
        return super().save_instance()

    def workflow_action_action(self):
        try:
            return super().workflow_action_action()
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal))
            return redirect(self.get_edit_url())

    def get_success_message(self, *args, **kwargs):
        if self.action == "workflow-action" and self.workflow_action == "approve":
            return approval_message(self.object)
        return super().get_success_message(*args, **kwargs)


class ReviewedSnippetViewSet(SnippetViewSet):
    """A snippet that goes live only through the medical review (assign it the workflow).

    Nobody publishes it directly, superusers included; unpublishing keeps Wagtail's rule (the
    model's publish permission), so whoever holds it can take the snippet down at once.
    """

    add_view_class = ReviewedSnippetCreateView
    copy_view_class = ReviewedSnippetCopyView
    edit_view_class = ReviewedSnippetEditView
    workflow_action_view_class = ReviewedSnippetWorkflowActionView
    collect_workflow_action_data_view_class = ReviewedSnippetCollectWorkflowActionDataView


def guide_page_viewsets():
    """One admin viewset per reviewed page type, sharing the views above."""
    return [
        PageViewSet(
            name=f"{model._meta.model_name}_pages",
            model=model,
            edit_view_class=GuidePageEditView,
            add_view_class=GuidePageCreateView,
            workflow_action_view_class=GuideWorkflowActionView,
            collect_workflow_action_data_view_class=GuideCollectWorkflowActionDataView,
        )
        for model in reviewed_page_models()
    ]


class CancelReviewMenuItem(CancelWorkflowMenuItem):
    """Wagtail's "Cancel workflow" for whoever may cancel the review (`may_cancel_review`),
    where Wagtail shows it to the submitter and every approver."""

    label = "Cancel medical review"

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        page = context["page"]
        return bool(
            isinstance(page, ReviewedPageMixin)
            and page.current_workflow_state
            and may_cancel_review(context["request"].user, page)
        )


class CancelSnippetReviewMenuItem(SnippetCancelWorkflowMenuItem):
    """The snippet editor's "Cancel workflow", added for whoever may cancel the review."""

    label = "Cancel medical review"


class ReviewerProfileViewSet(ModelViewSet):
    """Settings → Reviewer profiles: how each advisor signs reviews, kept by superusers."""

    model = ReviewerProfile
    icon = "user"
    menu_label = "Reviewer profiles"
    add_to_settings_menu = True
    list_display = ["name", "credentials", "specialty", "review_languages_display", "user"]
    form_fields = [
        "user",
        "name",
        "credentials",
        "specialty",
        "conflicts_of_interest",
        "review_languages",
        "person",
    ]
    search_fields = ["name"]
