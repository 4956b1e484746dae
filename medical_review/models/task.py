"""The medical review task of Wagtail's workflow. It reviews pages and snippets (any model with
Wagtail's WorkflowMixin and DraftStateMixin whose workflow holds it).

Rules of the task, enforced here and not only in the admin's buttons:

- only members of the task's groups (Settings → Workflow tasks) act on it;
- four eyes: whoever submitted the revision, or wrote any of it, cannot approve it;
- approving needs a reviewer profile with credentials (it signs the review), the attestation
  and a one-line summary; requesting changes needs a comment;
- every approval is recorded as a `MedicalReview` of exactly the revision under review, and a
  revision saved while the review is open restarts it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, TaskState

from editions.languages import language_of
from medical_review.forms import MedicalApprovalForm, RequestChangesForm
from medical_review.four_eyes import (
    EDITED,
    SUBMITTED,
    WROTE_SOME,
    object_under_open_review,
    open_task_state,
    part_in_change,
    restart_review,
)
from medical_review.models.profiles import (
    language_name,
    profile_refusal,
    review_languages_of,
)
from medical_review.models.reviews import record_medical_review
from medical_review.permissions import is_moderator
from sps_foundation.once import once_per_request, one_approval

CHANGED_DURING_REVIEW = (
    "The page changed after this review began, so the review restarted on the new version. "
    "Open the page again to review what is there now."
)
NOT_A_REVIEWER = "Only a medical advisor can act on a medical review."


def content_noun(obj):
    """What the messages of the review call `obj`: "page", or the snippet's verbose name."""
    return "page" if isinstance(obj, Page) else str(obj._meta.verbose_name)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the task's groups who did not write the change."""

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "A member of the chosen groups who did not write or submit the change checks it "
            "against current clinical evidence."
        )

    # -- who may act -----------------------------------------------------------------------

    def is_reviewer(self, user):
        """Whether `user` belongs to one of this task's groups."""
        return bool(user and user.is_active and self._user_in_groups(user))

    def four_eyes_refusal(self, obj, user, task_state=None):
        """Why `user` may not approve `obj` under the four-eyes rule, or None if they may.

        `task_state` is the open review of `obj` when the caller has it.
        """
        task_state = task_state or self.open_task_state(obj)
        if task_state is None:
            return None
        noun = content_noun(obj)
        part = part_in_change(obj, user, task_state)
        if part == SUBMITTED:
            return (
                f"You submitted this {noun} for medical review, so another medical advisor "
                "must approve it."
            )
        if part == EDITED:
            return (
                f"You edited this version of the {noun}, so another medical advisor must "
                "approve it."
            )
        if part == WROTE_SOME:
            return (
                "You wrote some of the changes under review, so another medical advisor "
                "must approve them."
            )
        return None

    def open_task_state(self, obj):
        """The open review of `obj` in this task, or None (looked up once per approval)."""
        return open_task_state(self, obj)

    def language_refusal(self, obj, user):
        """Why `user` may not review `obj` in its language (their reviewer profile), or None."""
        language = language_of(obj)
        if language in review_languages_of(user):
            return None
        name = language_name(language)
        return (
            f"This review is of a page in {name}; your reviewer profile does not list {name} "
            f"among the languages you review."
        )

    def can_review(self, obj, user):
        """Whether `user` is a reviewer of this task who reviews in `obj`'s language."""
        return self.is_reviewer(user) and self.language_refusal(obj, user) is None

    def user_can_access_editor(self, obj, user):
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user):
        # While in review, only its reviewers (and moderators, who may cancel the review) may
        # change the content under review.
        return not (self.can_review(obj, user) or is_moderator(user))

    def user_can_lock(self, obj, user):
        return self.can_review(obj, user)

    def approval_refusal(self, obj, user, task_state=None):
        """Why `user` may not approve `obj` (no credentials to sign with, four eyes), or None."""
        return profile_refusal(user) or self.four_eyes_refusal(obj, user, task_state)

    def action_refusal(self, obj, user, action_name, task_state):
        """Why `user` may not take `action_name` on `task_state`, the open review of `obj`, or
        None: the rules of `get_actions`, each checked once, with the reason."""
        if not self.is_reviewer(user):
            return NOT_A_REVIEWER
        refusal = self.language_refusal(obj, user)
        if refusal:
            return refusal
        if action_name == "approve":
            return self.approval_refusal(obj, user, task_state)
        return None if action_name == "reject" else NOT_A_REVIEWER

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        actions = [("reject", "Request changes", True)]
        if self.approval_refusal(obj, user) is None:
            actions.append(("approve", "Approve", True))
        return actions

    def get_form_for_action(self, action):
        if action == "approve":
            return MedicalApprovalForm
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "medical_review/approve_modal.html"
        return super().get_template_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_reviewer(user):
            return in_review_languages_of(
                self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS), user
            )
        return TaskState.objects.none()

    # -- acting ----------------------------------------------------------------------------

    def restart_on_changed_revision(self, task_state, revision):
        """Restarts the review on `revision`, saved while `task_state` was open."""
        restart_review(task_state, revision, CHANGED_DURING_REVIEW)

    def on_action(self, task_state, user, action_name, validated_form=None, **kwargs):
        """Acts on the review. `validated_form` is the action's form the admin's action view
        has validated; the page editor passes the dialog's data (`kwargs`) straight through,
        so that is validated here."""
        with one_approval(), transaction.atomic():
            return self._act(task_state, user, action_name, validated_form, kwargs)

    def _act(self, task_state, user, action_name, form, data):
        obj = object_under_open_review(task_state, CHANGED_DURING_REVIEW)
        refusal = self.action_refusal(obj, user, action_name, task_state)
        if refusal:
            raise PermissionDenied(refusal)

        form_class = self.get_form_for_action(action_name)
        if not isinstance(form, form_class):
            form = form_class(data=data)
        if not form.is_valid():
            raise PermissionDenied(" ".join(e for errors in form.errors.values() for e in errors))
        comment = form.cleaned_data.get("comment", "")

        if action_name == "approve":
            review = record_medical_review(
                task_state, obj, user, comment=comment, summary=form.cleaned_data["summary"]
            )
            # Publishing (`medical_review.publishing`) is handed the review, and the revision
            # the object it belongs to, rather than reading them back (Django's generic
            # relation reads it again if the two do not match).
            task_state.workflow_state.medical_review = review
            Revision._meta.get_field("content_object").set_cached_value(task_state.revision, obj)
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)


def in_review_languages_of(task_states, user):
    """The `task_states` of pages in a language `user` reviews in (other objects are kept)."""
    other_pages = Page.objects.exclude(locale__language_code__in=review_languages_of(user))
    return task_states.exclude(
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__base_content_type__model="page",
        workflow_state__object_id__in=other_pages.annotate(
            pk_text=Cast("pk", models.CharField())
        ).values("pk_text"),
    )


def is_medical_review_workflow(workflow_id):
    """Whether the workflow holds a medical review task (its approval publishes a review)."""
    return MedicalReviewTask.objects.filter(workflow_tasks__workflow_id=workflow_id).exists()


def is_medical_advisor(user):
    """Whether `user` is in a group of an active medical review task (once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return once_per_request(
        user,
        "medical_advisor",
        None,
        lambda: MedicalReviewTask.objects.filter(
            active=True, groups__in=user.groups.all()
        ).exists(),
    )


def advisors_to_email():
    """The medical advisors who receive e-mails: active members of an active review task's
    groups with an e-mail address, their reviewer profiles loaded."""
    return (
        get_user_model()
        .objects.filter(groups__medicalreviewtask__active=True, is_active=True)
        .exclude(email="")
        .select_related("reviewer_profile")
        .distinct()
    )
