"""What every page type and snippet under medical review carries."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, WorkflowMixin

from editions.languages import language_of
from medical_review.gate import ReviewGateMixin
from medical_review.invariant import approvers
from medical_review.models.profiles import default_content_language
from medical_review.models.reviews import DEFAULT_REVIEW_INTERVAL_MONTHS, MedicalReview
from medical_review.moves import MovedPageMixin
from medical_review.permissions import GuidePagePermissionTester
from medical_review.review_state import review_state_of
from medical_review.workflows import MEDICAL_REVIEW, workflow_named


class ReviewedPageMixin(ReviewGateMixin, MovedPageMixin, models.Model):
    """What every page under medical review carries: its review dates and publishing rule.

    A page type sets `medical_review_root = True` when the workflow and the editorial grants
    are set on it (the guide page); its subtree inherits both.
    """

    medical_review_root = False

    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    review_kind = "medical"

    def permissions_for_user(self, user):
        # Reviewed pages go live only through the medical review workflow.
        return GuidePagePermissionTester(user, self)

    def get_workflow(self):
        # The page type decides its review, wherever the page stands in the tree.
        return workflow_named(MEDICAL_REVIEW) or super().get_workflow()

    def with_content_json(self, content):
        # The review dates belong to the page, not to a revision: publishing an older
        # draft must not roll them back.
        obj = super().with_content_json(content)
        obj.last_reviewed = self.last_reviewed
        obj.next_review_due = self.next_review_due
        return obj

    @cached_property
    def _medical_reviews(self):
        # One query for the review line and the history; none for a page never reviewed
        # (the dates are set when a reviewed revision goes live).
        if self.last_reviewed is None:
            return []
        return list(MedicalReview.objects.filter(page_id=self.pk).order_by("-reviewed_at", "-pk"))

    def _went_live(self, review):
        # Revision ids grow: a review of a later revision than the live one waits to go live.
        live = self.live_revision_id
        return live is None or review.revision_id is None or review.revision_id <= live

    @cached_property
    def live_medical_review(self):
        """The review of the live revision, or None: what the public page may say."""
        if self.live_revision_id is None:  # its revisions were deleted: the latest review
            return next(iter(self._medical_reviews), None)
        return next(
            (r for r in self._medical_reviews if r.revision_id == self.live_revision_id), None
        )

    @cached_property
    def review_state(self):
        """Reviewed on a day by whom, or not yet reviewed: the line under the page's title."""
        return review_state_of(self)

    def review_line_violations(self, revision, seed):
        """How the public review line fails to describe `revision`, the live one (the audit)."""
        review = (
            MedicalReview.objects.filter(revision=revision).order_by("-reviewed_at", "-pk").first()
        )
        if review is None:
            if seed:
                return [] if self.last_reviewed is None else ["it says it was reviewed; it was not"]
            if approvers(revision):
                return ["its live revision was approved without a signed medical review"]
            return []
        if self.last_reviewed != review.reviewed_on:
            return [
                f"its review line says {self.last_reviewed}, but its live revision was reviewed "
                f"on {review.reviewed_on}"
            ]
        return []

    @cached_property
    def review_history(self):
        """The reviews of what went live, newest first, as plain values for the public page."""
        return [
            {
                "reviewed_on": review.reviewed_on,
                "reviewer": review.reviewer_display,
                "summary": review.summary,
            }
            for review in self._medical_reviews
            if self._went_live(review)
        ]

    def get_review_interval_months(self):
        """How many months a review of this page stays current."""
        return DEFAULT_REVIEW_INTERVAL_MONTHS

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @cached_property
    def translation_source(self):
        """The page in the default language that this page translates, or None.

        No query for a page in the default language (its language is read from the Site's
        root paths, which Wagtail caches); else one query for the source.
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or self.locale_id is None:
            return None
        default = default_content_language()
        if language_of(self) == default:
            return None
        return (
            Page.objects.filter(translation_key=self.translation_key, locale__language_code=default)
            .exclude(pk=self.pk)
            .select_related("locale")
            .first()
        )

    @cached_property
    def translation_out_of_date(self):
        """When the source page was published after the last review of this translation that
        went live, or None: what the translation says may no longer match its source.

        No query beyond the review line's for a page never reviewed; else as
        `translation_source`.
        """
        review = next((r for r in self._medical_reviews if self._went_live(r)), None)
        if review is None:
            return None
        source = self.translation_source
        published = source.last_published_at if source is not None else None
        return published if published is not None and published > review.reviewed_at else None


def reviewed_page_models():
    """Every concrete page model under medical review."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReviewedPageMixin) and not model._meta.abstract
    ]


class ReviewedSnippetMixin(
    ReviewGateMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """A snippet that goes live only through the medical review: Wagtail's workflow, draft,
    lock and revision mixins with the relations they need. Its admin is a
    `ReviewedSnippetViewSet`; `setup.ensure_snippet_review_setup` assigns it the workflow."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    review_kind = "medical"

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def copy_for_translation(self, locale, exclude_fields=None):
        """The copy is a draft, as a page's is: a translation is new text that goes live only
        when its review is approved (Wagtail's copy keeps the source's live state)."""
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translation.live = False
        translation.has_unpublished_changes = True
        translation.live_revision = None
        translation.first_published_at = None
        translation.last_published_at = None
        return translation
