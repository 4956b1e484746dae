from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.permissions import register_permission_policy

from accounts.permissions import SuperusersOnlyPermissionPolicy

# Registered before Wagtail builds its Users and Groups viewsets (they read the policy when
# the admin's URLs load), replacing the group-permission policy `wagtail.users` registers.
for model in (get_user_model(), Group):
    register_permission_policy(model, SuperusersOnlyPermissionPolicy(model))
