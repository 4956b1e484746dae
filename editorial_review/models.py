"""The editorial review: what readers see that is not medical content (the home page's
title, browser title and meta description) goes live only when a second person approves it.

Rules of the task, enforced here and not only in the admin's buttons:

- only members of the task's groups (the Moderators) and superusers act on it;
- four eyes: whoever submitted the revision, or wrote any of it since the last publication,
  cannot approve it;
- only the open review of the latest revision can be acted on; a revision saved while the
  review is open restarts it (`signals`), and the approval publishes exactly the revision
  approved (`medical_review.publishing`).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

from medical_review.four_eyes import (
    EDITED,
    SUBMITTED,
    WROTE_SOME,
    object_under_open_review,
    open_task_state,
    part_in_change,
    restart_review,
)
from sps_foundation.once import one_approval

CHANGED_DURING_REVIEW = (
    "The page changed after this review began, so the review restarted on the new version. "
    "Open the page again to review what is there now."
)
NOT_A_REVIEWER = "Only a moderator can act on an editorial review."
FOUR_EYES_REFUSALS = {
    SUBMITTED: "You submitted this page for editorial review, so another moderator must "
    "approve it.",
    EDITED: "You edited this version of the page, so another moderator must approve it.",
    WROTE_SOME: "You wrote some of the changes under review, so another moderator must "
    "approve them.",
}


class EditorialReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the task's groups, or a superuser, who did not write the change."""

    class Meta:
        verbose_name = "editorial review task"
        verbose_name_plural = "editorial review tasks"

    @classmethod
    def get_description(cls):
        return (
            "A member of the chosen groups (or a superuser) who did not write or submit the "
            "change approves it; the approval publishes it."
        )

    # -- who may act -----------------------------------------------------------------------

    def is_reviewer(self, user):
        """Whether `user` may act on this task: a superuser or a member of its groups."""
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and (user.is_superuser or self._user_in_groups(user))
        )

    def open_task_state(self, obj):
        return open_task_state(self, obj)

    def four_eyes_refusal(self, obj, user, task_state=None):
        """Why `user` may not approve `obj` under the four-eyes rule, or None if they may."""
        task_state = task_state or self.open_task_state(obj)
        if task_state is None:
            return None
        return FOUR_EYES_REFUSALS.get(part_in_change(obj, user, task_state))

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(user)

    def locked_for_user(self, obj, user):
        return not self.is_reviewer(user)

    def user_can_lock(self, obj, user):
        return self.is_reviewer(user)

    def get_actions(self, obj, user):
        if not self.is_reviewer(user):
            return []
        actions = [("reject", "Request changes", True)]
        if self.four_eyes_refusal(obj, user) is None:
            actions += [
                ("approve", "Approve and publish", False),
                ("approve", "Approve and publish with comment", True),
            ]
        return actions

    def get_form_for_action(self, action):
        return TaskStateCommentForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_reviewer(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    # -- acting ----------------------------------------------------------------------------

    def restart_on_changed_revision(self, task_state, revision):
        """Restarts the review on `revision`, saved while `task_state` was open."""
        restart_review(task_state, revision, CHANGED_DURING_REVIEW)

    def on_action(self, task_state, user, action_name, **kwargs):
        with one_approval(), transaction.atomic():
            return self._act(task_state, user, action_name, kwargs)

    def _act(self, task_state, user, action_name, data):
        obj = object_under_open_review(task_state, CHANGED_DURING_REVIEW)
        if not self.is_reviewer(user) or action_name not in {"approve", "reject"}:
            raise PermissionDenied(NOT_A_REVIEWER)
        if action_name == "approve":
            refusal = self.four_eyes_refusal(obj, user, task_state)
            if refusal:
                raise PermissionDenied(refusal)

        # The page editor passes the dialog's data straight through: validate it here.
        form = self.get_form_for_action(action_name)(data=data)
        if not form.is_valid():
            raise PermissionDenied(" ".join(e for errors in form.errors.values() for e in errors))
        comment = form.cleaned_data.get("comment", "")
        if action_name == "approve":
            task_state.approve(user=user, comment=comment)
        else:
            task_state.reject(user=user, comment=comment)


def approved_revision(workflow_state):
    """The revision an editorial review of `workflow_state` approved last, or None."""
    task_state = (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            task__in=EditorialReviewTask.objects.all(),
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return task_state.revision if task_state else None


def is_editorial_review_workflow(workflow_id):
    """Whether the workflow holds an editorial review task."""
    return EditorialReviewTask.objects.filter(workflow_tasks__workflow_id=workflow_id).exists()
