"""The "Editorial review" workflow, made the same way by the data migration and at run time.

The workflow sits on the root page (so no page falls back to Wagtail's default "Moderators
approval", in which a moderator approves their own change) and on every home page; the guide
page's own "Medical review" workflow wins for the guide's subtree. Every function is
idempotent and takes the historical `apps` in migrations.
"""

from django.apps import apps as global_apps

from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS

WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editorial review by a second moderator"


def ensure_editorial_workflow(apps=global_apps):
    """The "Editorial review" workflow with its one task; the task's group is the Moderators."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    EditorialReviewTask = apps.get_model("editorial_review", "EditorialReviewTask")

    task = EditorialReviewTask.objects.order_by("pk").first()
    if task is None:
        task = EditorialReviewTask.objects.create(
            name=TASK_NAME,
            content_type=ContentType.objects.get_or_create(
                app_label="editorial_review", model="editorialreviewtask"
            )[0],
            active=True,
        )
    if not task.groups.exists():
        task.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_editorial_review(page_ids, apps=global_apps):
    """Put the pages `page_ids` (and their subtrees, bar the guide's) under the review."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = ensure_editorial_workflow(apps)
    for page_id in page_ids:
        WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})


# Page permissions each group holds on a home page: they write the foundation's pages under
# it. The home page's own fields stay with moderators (`HomePagePermissionTester`).
HOME_PAGE_PERMISSIONS = {
    EDITORS: ("add", "change"),
    MEDICAL_ADVISORS: ("add", "change"),
}


def grant_foundation_pages(page_ids, apps=global_apps):
    """Grant the writing groups the subtrees of the home pages `page_ids`."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    page_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0]
    for group_name, actions in HOME_PAGE_PERMISSIONS.items():
        group = Group.objects.get_or_create(name=group_name)[0]
        for action in actions:
            permission = Permission.objects.get_or_create(
                content_type=page_type,
                codename=f"{action}_page",
                defaults={"name": f"Can {action} page"},
            )[0]
            for page_id in page_ids:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=page_id, permission=permission
                )


def ensure_editorial_review_setup(apps=global_apps):
    """The workflow, on the root page and on every home page that exists."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    home = ContentType.objects.filter(app_label="treatments", model="homepage").first()
    roots = Page.objects.filter(depth=1).values_list("pk", flat=True)
    homes = Page.objects.filter(content_type=home).values_list("pk", flat=True) if home else []
    assign_editorial_review([*roots, *homes], apps)
    grant_foundation_pages(homes, apps)
