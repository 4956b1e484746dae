"""What moving or copying a reviewed page does to its medical review.

A treatment's category and line of therapy come from where it sits in the tree, so a move to
another parent changes what readers are told without a new revision. The page and every page
below it are marked as moved: the public review line says so until a review made after the
move goes live, and they fall due for review at once. A copy starts unreviewed, as a draft.
"""

from django.apps import apps
from django.db import models
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Page
from wagtail.signals import post_page_move


class ReviewedPageCopyForm(CopyForm):
    """Wagtail's copy form without "Publish copies" or "Alias": a copy needs its own review."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)


class MovedPageMixin(models.Model):
    """When the page (or a page above it) last moved to another parent."""

    moved_at = models.DateTimeField(null=True, blank=True, editable=False)

    # A copy is a new page that nobody has reviewed: it keeps none of the review state.
    exclude_fields_in_copy = ["last_reviewed", "next_review_due", "moved_at"]
    copy_form_class = ReviewedPageCopyForm

    class Meta:
        abstract = True

    def with_content_json(self, content):
        # The move belongs to the page's place in the tree, not to a revision.
        obj = super().with_content_json(content)
        obj.moved_at = self.moved_at
        return obj

    @cached_property
    def moved_since_review(self):
        """The day the page moved, if no review made since then is live; else None."""
        if self.moved_at is None:
            return None
        review = self.live_medical_review
        if review is not None and review.reviewed_at > self.moved_at:
            return None
        return timezone.localdate(self.moved_at)


def moved_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, MovedPageMixin) and not model._meta.abstract
    ]


def moved_at_of_page():
    """An expression for a `Page` queryset: each page's `moved_at`, whatever its type."""
    found = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("moved_at")[:1])
        for model in moved_page_models()
    ]
    if len(found) == 1:
        return found[0]
    return Coalesce(*found, output_field=DateTimeField())


@receiver(post_page_move, dispatch_uid="medical_review_mark_moved_pages")
def mark_moved_pages(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Marks a page moved to another parent, and the pages below it, as due for review now."""
    if parent_page_before.pk == parent_page_after.pk:  # reordered among its siblings
        return
    now = timezone.now()
    today = timezone.localdate(now)
    moved = Page.objects.filter(path__startswith=instance.path).values("pk")
    for model in moved_page_models():
        pages = model.objects.filter(pk__in=moved)
        pages.update(moved_at=now)
        # A page never reviewed is due already.
        pages.filter(next_review_due__gt=today).update(next_review_due=today)
