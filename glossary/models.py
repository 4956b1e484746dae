"""The glossary: terms kept as snippets under the medical review, and the page that lists them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page, TranslatableMixin

from medical_review.models import MedicalReview, ReviewedSnippetMixin
from treatments.models.pages import GuideAncestryMixin, GuideReviewMixin


class GlossaryTerm(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """A word the guide explains; it goes live only through the medical review."""

    term = models.CharField(max_length=100, help_text="As the guide writes it, e.g. “B cells”.")
    expansion = models.CharField(
        max_length=200,
        blank=True,
        help_text="What an abbreviation stands for, e.g. “selective serotonin re-uptake "
        "inhibitors” for SSRI; empty for a word.",
    )
    other_forms = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other forms that link to this term, separated by commas, e.g. “B cell”.",
    )
    definition = models.TextField(help_text="Shown on the glossary page.")
    slug = models.SlugField(
        max_length=100, help_text="The entry's address on the glossary page (…/glossary/#slug)."
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("other_forms"),
        FieldPanel("definition"),
        FieldPanel("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["term"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = "glossary term"
        verbose_name_plural = "glossary terms"

    def __str__(self):
        return self.term

    @property
    def forms(self):
        """Every form of the term that links to it: the term, then its other forms."""
        others = [form.strip() for form in self.other_forms.split(",")]
        return [self.term.strip(), *(form for form in others if form)]

    def clean(self):
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        taken = GlossaryTerm.objects.filter(slug=self.slug, locale_id=locale_id)
        if self.pk:
            taken = taken.exclude(translation_key=self.translation_key)
        if self.slug and taken.exists():
            raise ValidationError({"slug": "Another term has this address already."})


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as the glossary page shows it, with the review of its live text."""

    term: str
    slug: str
    expansion: str
    definition: str
    reviewer: str
    reviewed_on: object


class GlossaryPage(GuideAncestryMixin, GuideReviewMixin, Page):
    """The guide's glossary: every live term with its definition."""

    parent_page_types = ["treatments.TreatmentGuidePage"]
    subpage_types = []
    max_count = 1
    template = "glossary/glossary_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries
        return context

    @cached_property
    def entries(self):
        """The live terms of the page's language, A to Z, each with its review (two queries)."""
        terms = list(
            GlossaryTerm.objects.filter(live=True, locale_id=self.locale_id)
            .only("term", "slug", "expansion", "definition", "live_revision_id")
            .order_by("term")
        )
        reviews = {}
        revision_ids = [term.live_revision_id for term in terms if term.live_revision_id]
        if revision_ids:
            for review in MedicalReview.objects.filter(revision_id__in=revision_ids).order_by(
                "reviewed_at", "pk"
            ):
                reviews[review.revision_id] = review  # the latest review of each revision
        return [
            GlossaryEntry(
                term=term.term,
                slug=term.slug,
                expansion=term.expansion,
                definition=term.definition,
                reviewer=reviews[term.live_revision_id].reviewer_display
                if term.live_revision_id in reviews
                else "",
                reviewed_on=reviews[term.live_revision_id].reviewed_on
                if term.live_revision_id in reviews
                else None,
            )
            for term in terms
        ]
