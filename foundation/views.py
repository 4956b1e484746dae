"""The identity's admin: Wagtail's snippet views that publish nothing; the approval of its
editorial review does."""

from editorial_review.models import EditorialReviewTask
from foundation.models import FoundationIdentity
from medical_review.views import (
    ReviewedSnippetCopyView,
    ReviewedSnippetCreateView,
    ReviewedSnippetEditView,
    ReviewedSnippetViewSet,
    ReviewedSnippetWorkflowActionView,
)

PUBLISH_REFUSED = (
    "The foundation's identity goes live only when a moderator who did not write the change "
    "approves it. Use “Submit to Editorial review” instead; nothing was saved or published."
)


class IdentityCreateView(ReviewedSnippetCreateView):
    publish_refused = PUBLISH_REFUSED


class IdentityCopyView(ReviewedSnippetCopyView):
    publish_refused = PUBLISH_REFUSED


class IdentityEditView(ReviewedSnippetEditView):
    publish_refused = PUBLISH_REFUSED


class IdentityWorkflowActionView(ReviewedSnippetWorkflowActionView):
    """Tells a moderator why they may not approve a change they took part in (Wagtail's view
    would answer 403 with no reason)."""

    def approval_refusal(self):
        task, user = self.task, self.request.user
        if (
            self.action_name == "approve"
            and isinstance(task, EditorialReviewTask)
            and task.is_reviewer(user)
            and task.open_task_state(self.object) is not None
        ):
            return task.four_eyes_refusal(self.object, user)
        return super().approval_refusal()


class FoundationIdentityViewSet(ReviewedSnippetViewSet):
    """Snippets → Foundation identity: proposed by editors, approved by a second moderator."""

    model = FoundationIdentity
    add_view_class = IdentityCreateView
    copy_view_class = IdentityCopyView
    edit_view_class = IdentityEditView
    workflow_action_view_class = IdentityWorkflowActionView
    icon = "site"
    menu_label = "Foundation identity"
    list_display = ["name", "locale"]
