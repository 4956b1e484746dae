"""What a page type under the editorial review carries: the foundation's own pages (news about
itself, events, contact, privacy) and the home page.

The page type decides its review, not the page's place in the tree: `get_workflow` names the
"Editorial review" workflow, whatever an ancestor's assignment says.
"""

from django.db import models

from editorial_review.permissions import EditorialPagePermissionTester
from editorial_review.setup import WORKFLOW_NAME
from medical_review.gate import ReviewGateMixin
from medical_review.workflows import workflow_named


class EditoriallyReviewedPageMixin(ReviewGateMixin, models.Model):
    """A page that goes live only when a moderator who wrote none of it approves it."""

    review_kind = "editorial"

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return EditorialPagePermissionTester(user, self)

    def get_workflow(self):
        return workflow_named(WORKFLOW_NAME) or super().get_workflow()
