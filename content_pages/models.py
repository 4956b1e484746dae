"""The foundation's content pages (About SPS, Living with SPS, Diagnosis…), under the medical
review like the guide's pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content_pages.blocks import ContentBodyBlock
from medical_review.models import ReviewedPageMixin
from treatments.models.pages import SOURCES_PANEL_LABEL, CitedSourcesMixin, GuideAncestryMixin
from treatments.models.sources import PageSource
from treatments.page_forms import GuidePageForm


class ContentPage(CitedSourcesMixin, GuideAncestryMixin, ReviewedPageMixin, Page):
    """A page of the foundation's site about living with SPS: text, images, videos and
    documents, with the sources it cites. Medically reviewed, with the review line under its
    title; content pages nest."""

    search_kind = _("Page")  # what site search calls it

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title; search engines show them too.",
    )
    body = StreamField(ContentBodyBlock(), blank=True)

    base_form_class = GuidePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("sources", label=SOURCES_PANEL_LABEL),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.HomePage", "content_pages.ContentPage"]
    subpage_types = ["content_pages.ContentPage"]
    template = "content_pages/content_page.html"


class ContentPageSource(PageSource):
    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="sources")
