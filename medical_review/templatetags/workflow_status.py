"""The page's workflow status in the editor's status side panel, as advisors and editors read
it: a page that needs changes names the advisor who requested them, not its submitter."""

from django import template
from wagtail.models import WorkflowState

register = template.Library()


class ChangesRequestedBy:
    """A workflow state whose `requested_by` is who requested changes, while it needs changes.

    Wagtail's side panel writes "Changes requested … by <requested_by>"; everything else is the
    workflow state's own.
    """

    def __init__(self, workflow_state):
        self._workflow_state = workflow_state

    def __getattr__(self, name):
        return getattr(self._workflow_state, name)

    @property
    def requested_by(self):
        state = self._workflow_state
        task_state = state.current_task_state
        if (
            state.status == WorkflowState.STATUS_NEEDS_CHANGES
            and task_state
            and task_state.finished_by
        ):
            return task_state.finished_by
        return state.requested_by


@register.filter
def changes_requested_by(workflow_state):
    return ChangesRequestedBy(workflow_state) if workflow_state else workflow_state
