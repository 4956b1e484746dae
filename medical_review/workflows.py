"""The review a page type names for itself (`get_workflow` of the reviewed page mixins)."""

from wagtail.models import Workflow

MEDICAL_REVIEW = "Medical review"


def workflow_named(name):
    """The active workflow called `name`, or None (e.g. before the migrations made it)."""
    return Workflow.objects.filter(name=name, active=True).first()
