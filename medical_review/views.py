"""Admin views of reviewed pages and snippets that refuse a direct publish and explain the
review rules."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.action_menu import CancelWorkflowMenuItem
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, Revision, TaskState
from wagtail.snippets.views.snippets import CopyView as SnippetCopyView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.views.snippets import WorkflowActionView as SnippetWorkflowActionView

from medical_review.models import (
    MedicalReview,
    MedicalReviewTask,
    ReviewerProfile,
    language_name,
    language_of,
    reviewed_page_models,
)
from medical_review.permissions import is_moderator

PUBLISH_REFUSED = (
    "Guide pages go live only when a medical advisor approves them. "
    "Use “Submit to Medical review” instead; nothing was saved or published."
)
SNIPPET_PUBLISH_REFUSED = (
    "This goes live only when a medical advisor approves it. "
    "Use “Submit to Medical review” instead; nothing was saved or published."
)


def _is_ajax(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def reviews_of(obj):
    """The reviews of `obj`'s revisions, newest first: a page's by page, a snippet's by revision."""
    reviews = MedicalReview.objects.filter(revision__isnull=False)
    if isinstance(obj, Page):
        return reviews.filter(page_id=obj.pk)
    return reviews.filter(revision__in=Revision.objects.for_instance(obj))


def approval_message(page):
    """What the approving advisor is told: published now, or on the scheduled date."""
    review = reviews_of(page).select_related("revision").first()
    go_live_at = review.revision.approved_go_live_at if review else None
    title = page.get_admin_display_title() if isinstance(page, Page) else get_latest_str(page)
    if go_live_at and go_live_at > timezone.now():
        when = format_date(timezone.localtime(go_live_at), "j F Y, H:i")
        return f"“{title}” was approved; it will be published on {when}."
    return f"“{title}” was approved and published."


def changes_under_review(page, task_state, request, edit_handler=None):
    """The compare view's field diffs between the last approved revision and the one under
    review (or the live page, if no revision of it was ever approved). A snippet passes its
    viewset's `edit_handler`.
    """
    approved = (
        reviews_of(page)
        .exclude(revision_id=task_state.revision_id)
        .select_related("revision")
        .first()
    )
    before = approved.revision.as_object() if approved else page
    after = task_state.revision.as_object()
    edit_handler = edit_handler or page.get_edit_handler()
    panel = edit_handler.get_bound_panel(instance=page, request=request, form=None)
    diffs = [comparison(before, after) for comparison in panel.get_comparison()]
    return [diff for diff in diffs if diff.has_changed()], approved


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
        return super().post(request, *args, **kwargs)

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action" and self.workflow_action == "approve":
            messages.success(self.request, approval_message(self.page))
        else:
            super().add_save_confirmation_message()

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


class MedicalReviewActionMixin:
    """Says why an advisor may not approve, shows what changed, says what the approval did."""

    def dispatch(self, request, *args, **kwargs):
        if (
            self.action_name == "approve"
            and isinstance(self.task, MedicalReviewTask)
            and self.task.can_review(self.object, request.user)
            and self.object.workflow_in_progress
        ):
            refusal = self.task.approval_refusal(self.object, request.user)
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
        try:
            response = super().post(request, *args, **kwargs)
        except PermissionDenied as refusal:
            if _is_ajax(request):
                return HttpResponseForbidden(str(refusal))
            messages.error(request, str(refusal))
            return redirect(self.redirect_url)
        self.task_state.refresh_from_db(fields=["status"])
        if self.action_name == "approve" and self.task_state.status == TaskState.STATUS_APPROVED:
            messages.success(request, approval_message(self.object))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.action_name == "approve" and isinstance(self.task, MedicalReviewTask):
            context["comparison"], context["last_approved"] = self.changes_under_review()
        return context


class GuideWorkflowActionView(MedicalReviewActionMixin, WorkflowActionView):
    def changes_under_review(self):
        return changes_under_review(self.object.specific, self.task_state, self.request)


class ReviewedSnippetWorkflowActionView(MedicalReviewActionMixin, SnippetWorkflowActionView):
    def changes_under_review(self):
        edit_handler = self.object.snippet_viewset.get_edit_handler()
        return changes_under_review(self.object, self.task_state, self.request, edit_handler)


class RefuseDirectPublishMixin:
    """Snippet create and edit views that publish nothing: the approval of a review does."""

    def get_available_actions(self):
        return [action for action in super().get_available_actions() if action != "publish"]

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-publish"):
            if self.expects_json_response:
                return self.json_error_response("publish_refused", SNIPPET_PUBLISH_REFUSED)
            messages.error(request, SNIPPET_PUBLISH_REFUSED)
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
        # As in the page editor, nobody submits what is already in review (a form opened
        # before the submission): Wagtail would start a second review and fail; it is saved.
        actions = super().get_available_actions()
        if self.object.workflow_in_progress:
            actions = [action for action in actions if action != "submit"]
        return actions

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


class ReviewerProfileViewSet(ModelViewSet):
    """Settings → Reviewer profiles: how each advisor signs reviews, kept by superusers."""

    model = ReviewerProfile
    icon = "user"
    menu_label = "Reviewer profiles"
    add_to_settings_menu = True
    list_display = ["name", "credentials", "specialty", "review_languages_display", "user"]
    form_fields = ["user", "name", "credentials", "specialty", "review_languages", "person"]
    search_fields = ["name"]
