"""The glossary's grants and its workflow, made the same way everywhere (the data migration and
the loader use it). Idempotent.

Editors and medical advisors add and change terms; only an approval of the "Medical review"
workflow publishes one (medical_review.views.ReviewedSnippetViewSet). Moderators hold the
publish permission, which for a snippet is what unpublishing asks for, and may delete a term.
"""

from django.apps import apps as global_apps

from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from medical_review.setup import ensure_groups, ensure_workflow

TERM_PERMISSIONS = {
    EDITORS: ("add", "change", "view"),
    MEDICAL_ADVISORS: ("add", "change", "view"),
    MODERATORS: ("add", "change", "view", "delete", "publish", "lock", "unlock"),
}


def ensure_glossary_review_setup(apps=global_apps):
    """Grant the editorial groups the glossary terms and put them under the medical review."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_groups(apps)
    term_type = ContentType.objects.get_or_create(app_label="glossary", model="glossaryterm")[0]
    for group_name, actions in TERM_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for action in actions:
            # On a fresh database Django creates permissions only after all migrations ran.
            permission = Permission.objects.get_or_create(
                content_type=term_type,
                codename=f"{action}_glossaryterm",
                defaults={"name": f"Can {action} glossary term"},
            )[0]
            group.permissions.add(permission)
    WorkflowContentType.objects.get_or_create(
        content_type=term_type, defaults={"workflow": ensure_workflow(apps)}
    )
