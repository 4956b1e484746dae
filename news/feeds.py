"""The Atom feed of a news index: its latest articles, newest first."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from treatments.structured_data import absolute_url

FEED_LENGTH = 20


class LatestNewsFeed(Feed):
    """Served by the index page's `feed/` route, so it is a public page's response: an HTTP
    cache may keep it, and publishing an article purges it with the index."""

    feed_type = Atom1Feed

    def __init__(self, index, articles):
        super().__init__()
        self.index = index
        self.articles = articles

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return index.title

    def link(self, index):
        return absolute_url(index, self.request)

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def subtitle(self, index):
        return index.search_description

    def items(self, index):
        return self.articles.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return absolute_url(article, self.request)

    def item_guid(self, article):
        return self.item_link(article)

    def item_pubdate(self, article):
        return datetime.datetime.combine(article.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]
