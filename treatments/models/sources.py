"""The sources a guide page cites, and the source links found broken."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class PageSource(Orderable):
    """A work a guide page cites: reviewed with the page, listed under "Sources"."""

    title = models.CharField(max_length=255, help_text="The title of the work, as it gives it.")
    publisher = models.CharField(
        max_length=255, blank=True, help_text="Who published it (a journal, an organisation)."
    )
    url = models.URLField(
        "URL", max_length=500, blank=True, help_text="Where a reader finds it; empty if unknown."
    )
    identifier = models.CharField(
        "DOI or PMID",
        max_length=100,
        blank=True,
        help_text="For a paper: its DOI (10.1000/xyz) or PubMed id (PMID: 12345678).",
    )
    published_on = models.DateField(
        "publication date", null=True, blank=True, help_text="As the work states it."
    )
    checked_on = models.DateField(
        "date checked",
        null=True,
        blank=True,
        help_text="When someone last checked that the page says what this source says.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("identifier")]),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("checked_on")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title


class GuideSource(PageSource):
    page = ParentalKey(
        "treatments.TreatmentGuidePage", on_delete=models.CASCADE, related_name="sources"
    )


class CategorySource(PageSource):
    page = ParentalKey(
        "treatments.TherapyCategoryPage", on_delete=models.CASCADE, related_name="sources"
    )


class TreatmentSource(PageSource):
    page = ParentalKey("treatments.TreatmentPage", on_delete=models.CASCADE, related_name="sources")


SOURCE_MODELS = (GuideSource, CategorySource, TreatmentSource)


class BrokenSourceLink(models.Model):
    """A source URL of a live page that did not answer when `check_source_links` last ran.

    Kept beside the page, not in it: a link check changes no reviewed text.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="broken_source_links"
    )
    url = models.URLField(max_length=500)
    problem = models.CharField(max_length=255)
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["page", "url"]
        constraints = [
            models.UniqueConstraint(fields=["page", "url"], name="one_broken_link_record_per_url")
        ]

    def __str__(self):
        return f"{self.url}: {self.problem}"
