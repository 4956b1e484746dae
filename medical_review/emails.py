"""Workflow emails of the medical review.

Wagtail already emails the submitter when a review is approved or changes are requested
(and superusers on every submission); this adds the medical advisors on submission.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier

from medical_review.models import MedicalReviewTask


class MedicalReviewSubmittedNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """Tells every member of the task's groups (but the submitter) that a page waits for review."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, self.valid_classes) and isinstance(
            instance.task.specific, MedicalReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        recipients = (
            get_user_model()
            .objects.filter(groups__in=task_state.task.specific.groups.all(), is_active=True)
            .distinct()
        )
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            recipients = recipients.exclude(pk=triggering_user.pk)
        return set(recipients)
