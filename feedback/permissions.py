"""Who reads reader feedback: moderators, medical advisors and superusers.

Not editors: readers' comments may hold health details about themselves despite the note
beside the form, so as few people as can act on them read them. Advisors check reported
mistakes (and are e-mailed about them); moderators look after the site.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from medical_review.models import is_medical_advisor
from medical_review.permissions import MODERATORS, is_moderator


def may_read_feedback(user):
    return is_moderator(user) or is_medical_advisor(user)


class FeedbackReadersPolicy(BasePermissionPolicy):
    """Feedback is read ("view") by moderators, advisors and superusers; nobody edits it."""

    def user_has_permission(self, user, action):
        return action == "view" and may_read_feedback(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(groups__name=MODERATORS)
                | Q(groups__medicalreviewtask__active=True)
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
