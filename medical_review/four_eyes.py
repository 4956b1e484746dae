"""The four-eyes rule every review task holds: whoever submitted the change under review, or
wrote any of it, does not approve it."""

from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState

from medical_review.invariant import authors
from sps_foundation.once import once_per_approval

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
    latest = obj.get_latest_revision()
    if user.pk in {task_state.revision.user_id, latest.user_id if latest else None}:
        return EDITED
    # Someone else saving, restoring or submitting last must not launder a reviewer's own
    # text: every author of the revision under review counts (medical_review.invariant).
    if user.pk in authors(task_state.revision):
        return WROTE_SOME
    return None


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
    task_state.refresh_from_db(fields=["status"])
    latest = obj.get_latest_revision()
    if task_state.status != TaskState.STATUS_IN_PROGRESS or (
        latest is not None and latest.pk != task_state.revision_id
    ):
        raise PermissionDenied(changed_message)
    return obj
