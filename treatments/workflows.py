"""The "Medical review" workflow task: medical advisors approve or request changes.

Rules, enforced here and not only in the admin's buttons:

- only members of "Medical advisors" act on the task;
- four eyes: whoever submitted the revision, or last edited it, cannot approve it;
- approving needs the attestation ticked; requesting changes needs a comment;
- every approval is recorded as a `MedicalReview`, which sets the page's review dates.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision, Task, TaskState

from treatments.permissions import is_medical_advisor, is_moderator

ATTESTATION = "I have checked this content against current clinical evidence"
REVIEW_LOG_ACTION = "treatments.medical_review"


class MedicalApprovalForm(forms.Form):
    """Shown in the admin's approve dialog."""

    attestation = forms.BooleanField(
        label=ATTESTATION,
        required=True,
        error_messages={
            "required": "Tick the box to confirm you have checked this content against "
            "current clinical evidence."
        },
    )
    comment = forms.CharField(
        label="Comment (optional)", required=False, widget=forms.Textarea({"rows": 2})
    )


class RequestChangesForm(forms.Form):
    """Shown in the admin's "Request changes" dialog: the editor needs to know what to change."""

    comment = forms.CharField(
        label="What needs to change",
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "Say what needs to change before sending the page back."},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Say what needs to change before sending the page back.")
        return comment


class MedicalReviewTask(Task):
    """Approval by a medical advisor other than the page's author."""

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "A medical advisor who did not write or submit the change checks it against "
            "current clinical evidence."
        )

    # -- who may act -----------------------------------------------------------------------

    def four_eyes_refusal(self, obj, user):
        """Why `user` may not approve `obj` under the four-eyes rule, or None if they may."""
        task_state = self._task_state_for(obj)
        if task_state is None:
            return None
        latest = obj.get_latest_revision()
        if user.pk == task_state.workflow_state.requested_by_id:
            return (
                "You submitted this page for medical review, so another medical advisor "
                "must approve it."
            )
        if user.pk in {task_state.revision.user_id, latest.user_id if latest else None}:
            return (
                "You edited this version of the page, so another medical advisor must approve it."
            )
        # Someone else saving or submitting last must not launder an advisor's own changes.
        changes = Revision.objects.for_instance(obj).filter(user_id=user.pk)
        if obj.last_published_at is not None:
            changes = changes.filter(created_at__gt=obj.last_published_at)
        if changes.exists():
            return (
                "You wrote some of the changes under review, so another medical advisor "
                "must approve them."
            )
        return None

    def _task_state_for(self, obj):
        return (
            TaskState.objects.for_instance(obj)
            .filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "revision")
            .first()
        )

    def user_can_access_editor(self, obj, user):
        return is_medical_advisor(user)

    def locked_for_user(self, obj, user):
        # While in review, only advisors (and moderators, who may cancel the review) may
        # change the content under review.
        return not (is_medical_advisor(user) or is_moderator(user))

    def user_can_lock(self, obj, user):
        return is_medical_advisor(user)

    def get_actions(self, obj, user):
        if not is_medical_advisor(user):
            return []
        actions = [("reject", "Request changes", True)]
        if self.four_eyes_refusal(obj, user) is None:
            actions.append(("approve", "Approve", True))
        return actions

    def get_form_for_action(self, action):
        if action == "approve":
            return MedicalApprovalForm
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if is_medical_advisor(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    # -- acting ----------------------------------------------------------------------------

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        if action_name == "approve" and is_medical_advisor(user):
            refusal = self.four_eyes_refusal(obj, user)
            if refusal:
                raise PermissionDenied(refusal)
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied("Only a medical advisor can act on a medical review.")

        # The admin's action view validates the form, but the page editor passes the
        # dialog's data straight through: check it here too.
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied(" ".join(e for errors in form.errors.values() for e in errors))
        comment = form.cleaned_data.get("comment", "")

        if action_name == "approve":
            record_medical_review(task_state, obj, user, comment=comment)
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)


def record_medical_review(task_state, page, user, comment=""):
    """Store the approval as a `MedicalReview` and set the page's review dates."""
    from treatments.models import GuideSettings, MedicalReview
    from treatments.models.reviews import review_due_after, reviewer_display

    now = timezone.now()
    site = page.get_site()
    months = (
        GuideSettings.for_site(site).review_interval_months
        if site
        else GuideSettings._meta.get_field("review_interval_months").default
    )
    reviewed_on = timezone.localdate(now)
    next_due = review_due_after(reviewed_on, months)
    name, credentials = reviewer_display(user)
    revision = page.get_latest_revision()
    review = MedicalReview.objects.create(
        page=page,
        page_title=revision.object_str if revision else page.title,
        revision=revision,
        task_state=task_state,
        reviewer=user,
        reviewer_name=name,
        reviewer_credentials=credentials,
        reviewed_at=now,
        next_review_due=next_due,
        comment=comment,
        attested=True,
    )
    # The dates are not revision-controlled (see ReviewedPageMixin.with_content_json):
    # they change on the page row itself and survive the publish that follows.
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=reviewed_on, next_review_due=next_due
    )
    page.last_reviewed, page.next_review_due = reviewed_on, next_due
    log(
        instance=page,
        action=REVIEW_LOG_ACTION,
        user=user,
        revision=revision,
        data={
            "reviewer": review.reviewer_display,
            "next_review_due": next_due.isoformat(),
            "comment": comment,
        },
    )
    return review
