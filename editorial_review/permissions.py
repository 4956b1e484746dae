"""Nobody publishes a page under editorial review directly; its approval publishes it.

Group permissions cannot say that on their own (superusers pass every check, and unpublishing
needs the publish permission), so the home page hands out `EditorialPagePermissionTester`.
Site settings keep no revisions, so those readers see are changed by superusers only.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Site
from wagtail.permission_policies.sites import SitePermissionPolicy

from medical_review.permissions import ApprovalPublishesPermissionTester, is_moderator


class EditorialPagePermissionTester(ApprovalPublishesPermissionTester):
    """Refuses every direct publish; unpublishing stays with the publish permission."""


class HomePagePermissionTester(EditorialPagePermissionTester):
    """Editors and advisors add the foundation's pages under the home page (their grant on
    it); the home page's own fields stay with moderators and superusers."""

    def can_edit(self):
        return is_moderator(self.user) and super().can_edit()


class SuperusersOnlySitePermissionPolicy(SitePermissionPolicy):
    """A site setting that only active superusers change, whatever a group's permissions.

    For settings readers see: Wagtail's settings keep no revisions, so no review can stand
    between a change and the public site; the change is left to the fewest people.
    """

    def _is_superuser(self, user):
        return bool(user.is_authenticated and user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self._is_superuser(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self._is_superuser(user)

    def sites_user_has_any_permission_for(self, user, actions):
        return Site.objects.all() if self._is_superuser(user) else Site.objects.none()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)
