"""The foundation's news: one index per language under the home page, articles below it.

News is about the foundation itself (its events, people, fundraising), not about treatment:
both page types go through the "Editorial review", decided by the page type.
"""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content_pages.images import images_with_renditions
from editions.visibility import view_restrictions_of, visible_to_visitors
from editorial_review.pages import EditoriallyReviewedPageMixin
from news.forms import NewsArticleForm
from treatments.blocks import RICH_TEXT_FEATURES

ARTICLES_PER_PAGE = 10
# The longest tag a visitor may filter by: taggit's own slug length.
TAG_SLUG_LENGTH = 100


def live_articles(parent=None):
    """Articles a visitor may read, newest first: below `parent` when given."""
    articles = NewsArticlePage.objects.filter(visible_to_visitors())
    if parent is not None:
        articles = articles.child_of(parent)
    return articles.order_by("-date", "-pk")


class NewsIndexPage(RoutablePageMixin, EditoriallyReviewedPageMixin, Page):
    """The list of the foundation's news, ten to a page, filterable by tag, with its feed."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    search_kind = _("News")  # what site search calls it

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["treatments.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")

    def get_view_restrictions(self):
        # Wagtail's rule in one query (editions.visibility).
        return view_restrictions_of(self)

    def get_cached_paths(self):
        """The list and its feed: a frontend cache purges both together (a page number or a
        tag is a parameter no HTTP cache keeps)."""
        return ["/", self.reverse_subpage("feed")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = live_articles(self).select_related("image")
        tag = request.GET.get("tag", "")[:TAG_SLUG_LENGTH]
        if tag:
            articles = articles.filter(tags__slug=tag).distinct()
        listing = Paginator(articles, ARTICLES_PER_PAGE)
        context["articles"] = listing.get_page(page_number(request))
        context["tag"] = tag
        context["ancestors"] = []
        context["meta_description"] = self.search_description
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """The latest articles as an Atom feed (news.feeds)."""
        from news.feeds import LatestNewsFeed

        return LatestNewsFeed(self, live_articles(self))(request)

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")


def page_number(request):
    """The `page` parameter as a number; anything that is not a page number is a 404.

    A number beyond the last page shows the last page (Paginator.get_page).
    """
    value = request.GET.get("page", "1")
    if not value.isdigit() or len(value) > 6:
        raise Http404("No such page of news.")
    return int(value)


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(EditoriallyReviewedPageMixin, Page):
    """One piece of news: its date, author, summary, an optional image, its text and tags."""

    search_kind = _("News")

    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], _("About this article")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], _("Image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("summary"),
        APIField("body"),
        APIField("tags"),
    ]

    base_form_class = NewsArticleForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "news/news_article_page.html"

    class Meta:
        verbose_name = _("news article")

    def get_view_restrictions(self):
        # Wagtail's rule in one query (editions.visibility).
        return view_restrictions_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ancestors"] = [parent for parent in [self.news_index] if parent.live]
        context["meta_description"] = self.search_description or self.summary
        if self.image_id is not None:
            # The image and its renditions (the picture's and the JSON-LD's) in one query.
            image = images_with_renditions([self.image_id]).get(self.image_id)
            if image is not None:
                self.image = image
        return context

    @cached_property
    def news_index(self):
        """The index above the article (no query when routing found the article)."""
        return self.get_parent().specific

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def structured_data(self, request=None):
        from news.structured_data import news_article

        return news_article(self, request)
