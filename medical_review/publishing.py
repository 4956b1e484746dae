"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this module while `wagtail.models` is still loading, so nothing here may
import models at module level.
"""

import logging

logger = logging.getLogger(__name__)


def publish_reviewed_revision(workflow_state, user=None):
    """Publish the revision a medical advisor approved; other content as Wagtail does.

    An "Editorial review" publishes the revision its approval approved
    (`publish_editorial_revision`).

    Reviewed pages (and snippets under a medical review workflow) cannot be published
    directly by anyone (see GuidePagePermissionTester, ReviewedSnippetViewSet), so the publish
    skips the permission check, but only for a revision that carries a `MedicalReview` from
    this workflow: an approval without one publishes nothing. `MedicalReviewTask.on_action`
    hands the review it recorded on `workflow_state.medical_review`; otherwise it is read.
    """
    from wagtail.models import Page
    from wagtail.workflows import publish_workflow_state

    from editorial_review.models import approved_revision, is_editorial_review_workflow
    from medical_review.models import MedicalReview, ReviewedPageMixin, is_medical_review_workflow

    # The approval that finished the workflow hands on the review it recorded.
    review = getattr(workflow_state, "medical_review", None)
    if review is not None and review.revision is not None:
        return review.revision.publish(user=user, skip_permission_checks=True)

    if is_editorial_review_workflow(workflow_state.workflow_id):
        return publish_editorial_revision(workflow_state, user, approved_revision(workflow_state))

    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    reviewed = (
        isinstance(page, ReviewedPageMixin)
        if isinstance(page, Page)
        else is_medical_review_workflow(workflow_state.workflow_id)
    )
    if not reviewed:
        return publish_workflow_state(workflow_state, user=user)

    review = (
        MedicalReview.objects.filter(
            task_state__workflow_state=workflow_state, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-reviewed_at", "-pk")
        .first()
    )
    if review is None:
        logger.warning(
            "Workflow on %r finished without a medical review; nothing was published.", page
        )
        return None
    return review.revision.publish(user=user, skip_permission_checks=True)


def publish_editorial_revision(workflow_state, user, revision):
    """Publish `revision`, the one an editorial review of `workflow_state` approved.

    Pages under the editorial review cannot be published directly by anyone (see
    `EditorialPagePermissionTester`), so the publish skips the permission check; an approval
    that approved no revision publishes nothing.
    """
    if revision is None:
        logger.warning(
            "Editorial review of %r finished without an approved revision; nothing was published.",
            workflow_state.content_object,
        )
        return None
    return revision.publish(user=user, skip_permission_checks=True)
