"""The four-eyes rule every review task holds: whoever submitted the change under review, or
wrote any of it, does not approve it."""

from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from wagtail.models import Page, Revision, TaskState, WorkflowState

from medical_review.invariant import authors
from sps_foundation.once import known_for_approval, once_per_approval

SUBMITTED = "submitted"
EDITED = "edited"
WROTE_SOME = "wrote some"


def part_in_change(obj, user, task_state):
    """How `user` took part in the change under review in `task_state`: SUBMITTED, EDITED,
    WROTE_SOME, or None when they had no part in it (worked out once per approval)."""
    return once_per_approval(
        ("part in change", task_state.pk, task_state.revision_id, user.pk),
        lambda: _part_in_change(obj, user, task_state),
    )


def _part_in_change(obj, user, task_state):
    if user.pk == task_state.workflow_state.requested_by_id:
        return SUBMITTED
    revision = task_state.revision
    latest = revision if obj.latest_revision_id == revision.pk else obj.get_latest_revision()
    if user.pk in {revision.user_id, latest.user_id if latest else None}:
        return EDITED
    # Someone else saving, restoring or submitting last must not launder a reviewer's own
    # text: every author of the revision under review counts (medical_review.invariant).
    if user.pk in authors(task_state.revision):
        return WROTE_SOME
    return None


def _open_task_state_key(task, obj):
    return ("open task state", task.pk, obj._meta.label_lower, obj.pk)


def open_task_state(task, obj):
    """The open review of `obj` by `task`, or None (looked up once per approval)."""
    return once_per_approval(
        _open_task_state_key(task, obj),
        lambda: (
            TaskState.objects.for_instance(obj)
            .filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "revision")
            .first()
        ),
    )


def take_up_review(task, obj, task_state):
    """Hands the checks and the task of this approval `obj` and `task_state` (read with its
    workflow state and revision), as the admin's action view has loaded them, when
    `task_state` is the open review of `obj` by `task`: none of them is read again.
    """
    workflow_state = task_state.workflow_state
    if not (
        task_state.task_id == task.pk
        and task_state.status == TaskState.STATUS_IN_PROGRESS
        and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        and workflow_state.object_id == str(obj.pk)
        and workflow_state.base_content_type_id == obj.get_base_content_type().pk
    ):
        return
    specific = getattr(obj, "specific", obj)
    known_for_approval(_open_task_state_key(task, obj), task_state)
    # Wagtail's own hook for prefetched workflow states (`workflow_in_progress`).
    obj._current_workflow_states = [workflow_state]
    # The workflow state names a page by its base model, the revision by its specific one;
    # Django's generic relations check the cached object's type and id before using it.
    base = specific.get_base_page() if isinstance(specific, Page) else specific
    if base is not specific:
        base.specific = specific
    WorkflowState._meta.get_field("content_object").set_cached_value(workflow_state, base)
    Revision._meta.get_field("content_object").set_cached_value(task_state.revision, specific)


def restart_review(task_state, revision, comment):
    """Restarts the review of `task_state` on `revision`, saved while the review was open.

    Wagtail's own `TaskState.cancel(resume=True)` starts a new task state on the task: an
    approval of the old one is then refused, and the four-eyes rule applies to whoever wrote
    the new one.
    """
    task_state.cancel(user=revision.user, resume=True, comment=comment)
    # The content's row may not point at `revision` yet (post_save of the revision).
    TaskState.objects.filter(
        workflow_state=task_state.workflow_state_id, status=TaskState.STATUS_IN_PROGRESS
    ).update(revision=revision)


def restart_open_reviews(task_model, revision, created):
    """Restarts each open review by a `task_model` task of `revision`'s object on `revision`,
    saved (or overwritten) while the review was open."""
    open_reviews = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=task_model.objects.all(),
        workflow_state__base_content_type_id=revision.base_content_type_id,
        workflow_state__object_id=revision.object_id,
    ).select_related("workflow_state", "task")
    for task_state in open_reviews:
        if created or task_state.revision_id == revision.pk:
            task_state.task.specific.restart_on_changed_revision(task_state, revision)


def object_under_open_review(task_state, changed_message):
    """The object `task_state` reviews, if the review is still open on its latest revision;
    else PermissionDenied(`changed_message`): what goes live is what the reviewer was shown."""
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    # Read again inside the approval's transaction, the review's row locked (PostgreSQL) until
    # it ends: a revision saved meanwhile restarts the review and waits for this one.
    now = (
        TaskState.objects.select_for_update(of=("self",))
        .filter(pk=task_state.pk)
        .annotate(
            latest_revision_id=Subquery(
                type(obj)._default_manager.filter(pk=obj.pk).values("latest_revision_id")
            )
        )
        .values("status", "revision_id", "latest_revision_id")
        .first()
    )
    if (
        now is None
        or now["status"] != TaskState.STATUS_IN_PROGRESS
        or now["revision_id"] != task_state.revision_id
        or now["latest_revision_id"] not in (None, task_state.revision_id)
    ):
        raise PermissionDenied(changed_message)
    return obj
