"""The identity's grants and its workflow, made the same way by the data migration and at run
time. Idempotent; takes the historical `apps` in migrations.

Editors propose changes (edit and submit); moderators also take the identity down and lock it;
only an approval of the "Editorial review" publishes it, by a moderator who wrote none of it.
Medical advisors have no part in it: it is not medical text.
"""

from django.apps import apps as global_apps

from editorial_review.setup import ensure_editorial_workflow
from medical_review.permissions import EDITORS, MODERATORS
from medical_review.setup import ensure_groups

IDENTITY_PERMISSIONS = {
    EDITORS: ("add", "change", "view"),
    MODERATORS: ("add", "change", "view", "publish", "lock", "unlock"),
}


def ensure_identity_review_setup(apps=global_apps):
    """Grant the groups the identity and put it under the editorial review."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_groups(apps)
    content_type = ContentType.objects.get_or_create(
        app_label="foundation", model="foundationidentity"
    )[0]
    for group_name, actions in IDENTITY_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for action in actions:
            group.permissions.add(
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_foundationidentity",
                    defaults={"name": f"Can {action} foundation identity"},
                )[0]
            )
    WorkflowContentType.objects.update_or_create(
        content_type=content_type, defaults={"workflow": ensure_editorial_workflow(apps)}
    )
