"""User management, group membership and superuser status are for superusers only.

Whoever manages accounts could make themselves a medical advisor or a superuser, so no group
permission opens Wagtail's Users and Groups views: the permission policy of both models
answers from `is_superuser` alone, whatever a group has been granted.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.permissions import register_permission_policy

from medical_review.permissions import SuperusersOnlyPermissionPolicy

# Registered before Wagtail builds its Users and Groups viewsets (they read the policy when
# the admin's URLs load), replacing the group-permission policy `wagtail.users` registers.
for model in (get_user_model(), Group):
    register_permission_policy(model, SuperusersOnlyPermissionPolicy(model))
