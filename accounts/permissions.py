"""User management, group membership and superuser status are for superusers only.

Whoever manages accounts could make themselves a medical advisor or a superuser, so no group
permission opens Wagtail's Users and Groups views: the permission policy for both models
answers from `is_superuser` alone, whatever a group has been granted.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class SuperusersOnlyPermissionPolicy(ModelPermissionPolicy):
    """Every action on the model is for active superusers; group grants are ignored."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
