"""Queries per uncached render of the news and events pages: a few, the same however many
articles or events there are (see tests/test_query_budgets.py for how a render is counted)."""

import datetime

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.news_events_support import (
    english_home,
    event_index_of,
    new_article,
    new_event,
    news_index_of,
)
from tests.test_query_budgets import BUDGET, queries_of_a_render

# Wagtail's routing (the Site, the reader's Locale, the home page, two rows per level below
# it, the view restrictions), the editions in other languages (language switch, hreflang),
# where the guide and the glossary are (navigation), the disclaimer: most of each page's
# queries. A list reads its articles or events in one more, the news index their count for
# the paginator, an article its tags.
NEWS_BUDGET = {
    "news index": 13,
    "article": 15,
    "events index": 12,
    "archive": 12,
    "event": 14,
}


def urls():
    return {
        "news index": "/news/",
        "article": "/news/article-0/",
        "events index": "/events/",
        "archive": "/events/archive/",
        "event": "/events/event-0/",
    }


def add_articles_and_events(start, count):
    home = english_home()
    news, events = news_index_of(home), event_index_of(home)
    for n in range(start, start + count):
        new_article(news, f"Article {n}", date=datetime.date(2026, 1, 1), tags=["walk", f"t{n}"])
        new_event(events, f"Event {n}", starts_in=datetime.timedelta(days=n + 1))
        new_event(events, f"Past event {n}", starts_in=datetime.timedelta(days=-n - 10))


@pytest.mark.parametrize("kind", list(NEWS_BUDGET))
def test_a_render_costs_the_same_few_queries_with_twenty_more_items(
    guide, kind, django_assert_max_num_queries
):
    add_articles_and_events(0, 2)
    url = urls()[kind]

    before = queries_of_a_render(url, django_assert_max_num_queries, NEWS_BUDGET[kind])
    add_articles_and_events(2, 20)
    after = queries_of_a_render(url, django_assert_max_num_queries, NEWS_BUDGET[kind])

    assert after == before, f"{url}: {before} queries, {after} with 20 more of each"


def test_the_home_page_with_its_latest_news_keeps_its_budget(guide, django_assert_max_num_queries):
    add_articles_and_events(0, 5)
    # The latest news: one query more than the home page without it.
    queries_of_a_render("/", django_assert_max_num_queries, BUDGET["home"] + 1)


def test_an_articles_image_costs_one_query_with_its_renditions(
    guide, django_assert_max_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    add_articles_and_events(0, 1)
    image = Image.objects.create(title="Walkers", file=get_test_image_file(size=(1600, 900)))
    new_article(
        news_index_of(english_home()),
        "Pictured",
        date=datetime.date(2026, 1, 1),
        tags=["walk", "t1"],
        image=image,
        image_alt="People walking in a park",
    )
    without = queries_of_a_render(
        "/news/article-0/", django_assert_max_num_queries, NEWS_BUDGET["article"]
    )

    # The picture's renditions and the one for search engines come with the image.
    pictured = queries_of_a_render(
        "/news/pictured/", django_assert_max_num_queries, NEWS_BUDGET["article"] + 1
    )

    assert pictured <= without + 1
    page = Client().get("/news/pictured/").content.decode()
    assert 'alt="People walking in a park"' in page and "width-1200" in page
