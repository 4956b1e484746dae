"""Groups, grants and the "Medical review" workflow, made the same way everywhere.

Used by the data migrations (with the historical `apps`) and, at run time, whenever a review
root (the guide page) is created: on a fresh database the migrations run before
`load_treatment_guide` creates the guide, so the grants on the guide subtree and the workflow
assignment are made then.
Every function is idempotent.
"""

from django.apps import apps as global_apps

from medical_review.models import reviewed_page_models
from medical_review.permissions import (
    EDITORS,
    GROUP_MODEL_PERMISSIONS,
    GUIDE_PAGE_PERMISSIONS,
    MEDICAL_ADVISORS,
    MODERATOR_ROOT_PERMISSIONS,
    MODERATORS,
    TRANSLATOR_GROUPS,
)
from medical_review.workflows import MEDICAL_REVIEW

WORKFLOW_NAME = MEDICAL_REVIEW
TASK_NAME = "Medical review by an advisor"


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _permission(apps, app_label, model, codename, name):
    # On a fresh database Django creates permissions only after all migrations ran.
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get_or_create(
        content_type=_content_type(apps, app_label, model),
        codename=codename,
        defaults={"name": name},
    )[0]


def _page_permission(apps, action):
    return _permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")


def ensure_groups(apps=global_apps):
    """Reshape Wagtail's Editors and Moderators and create Medical advisors."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    editors = Group.objects.get_or_create(name=EDITORS)[0]
    advisors, advisors_created = Group.objects.get_or_create(name=MEDICAL_ADVISORS)
    moderators = Group.objects.get_or_create(name=MODERATORS)[0]
    for group in (editors, advisors, moderators):
        group.permissions.add(access_admin)

    # Editors work in the guide subtree only: drop Wagtail's site-wide grants.
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()

    # Advisors use images and documents as editors do.
    if advisors_created:
        advisors.permissions.add(*editors.permissions.all())
        for grant in GroupCollectionPermission.objects.filter(group=editors):
            GroupCollectionPermission.objects.get_or_create(
                group=advisors, collection=grant.collection, permission=grant.permission
            )

    # Moderators publish and unpublish across the site (the guide's publish is refused by
    # its permission tester).
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for action in MODERATOR_ROOT_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=root, permission=_page_permission(apps, action)
            )
    for group_name, grants in GROUP_MODEL_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for app_label, model, actions in grants:
            for action in actions:
                group.permissions.add(
                    _permission(
                        apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"
                    )
                )


def ensure_translators(apps=global_apps):
    """Grant the translator groups simple_translation's "Can submit translations", and no
    other editorial group."""
    Group = apps.get_model("auth", "Group")
    submit = _permission(
        apps,
        "simple_translation",
        "simpletranslation",
        "submit_translation",
        "Can submit translations",
    )
    for name in TRANSLATOR_GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(submit)
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.remove(submit)


def ensure_workflow(apps=global_apps):
    """The "Medical review" workflow with its one task; the task's groups are the advisors."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    MedicalReviewTask = apps.get_model("medical_review", "MedicalReviewTask")

    task = MedicalReviewTask.objects.order_by("pk").first()
    if task is None:
        task = MedicalReviewTask.objects.create(
            name=TASK_NAME,
            content_type=_content_type(apps, "medical_review", "medicalreviewtask"),
            active=True,
        )
    if not task.groups.exists():
        task.groups.add(Group.objects.get_or_create(name=MEDICAL_ADVISORS)[0])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


# What each editorial group may do with a reviewed snippet. Editors and advisors add and change
# it; only an approval of the "Medical review" publishes it (ReviewedSnippetViewSet). Moderators
# hold the publish permission, which for a snippet is what unpublishing asks for.
REVIEWED_SNIPPET_PERMISSIONS = {
    EDITORS: ("add", "change", "view"),
    MEDICAL_ADVISORS: ("add", "change", "view"),
    MODERATORS: ("add", "change", "view", "delete", "publish", "lock", "unlock"),
}


def ensure_snippet_review_setup(
    app_label, model, verbose_name, apps=global_apps, grants=REVIEWED_SNIPPET_PERMISSIONS
):
    """Grant the editorial groups a snippet model and put it under the medical review."""
    Group = apps.get_model("auth", "Group")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_groups(apps)
    for group_name, actions in grants.items():
        group = Group.objects.get(name=group_name)
        for action in actions:
            group.permissions.add(
                _permission(
                    apps, app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}"
                )
            )
    WorkflowContentType.objects.get_or_create(
        content_type=_content_type(apps, app_label, model),
        defaults={"workflow": ensure_workflow(apps)},
    )


def ensure_guide_review_setup(guide_page_id, apps=global_apps):
    """Grant the editorial groups the guide subtree and put it under the medical review."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    ensure_groups(apps)
    for group_name, actions in GUIDE_PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=guide_page_id, permission=_page_permission(apps, action)
            )
    workflow = ensure_workflow(apps)
    WorkflowPage.objects.update_or_create(page_id=guide_page_id, defaults={"workflow": workflow})


def review_root_ids():
    """The pages of every review root type (`ReviewedPageMixin.medical_review_root`)."""
    roots = [model for model in reviewed_page_models() if model.medical_review_root]
    return [pk for model in roots for pk in model.objects.values_list("pk", flat=True)]


def ensure_review_setup(apps=global_apps, root_page_ids=None):
    """Everything above, for the review roots that exist (none yet on a fresh database).

    Migrations pass the roots' ids (they work on historical models); at run time they are
    found from the page models.
    """
    ensure_groups(apps)
    ensure_workflow(apps)
    for page_id in review_root_ids() if root_page_ids is None else root_page_ids:
        ensure_guide_review_setup(page_id, apps)
