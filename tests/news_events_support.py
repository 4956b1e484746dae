"""Pages of the foundation's news and events for tests: the indexes as `ensure_site_pages`
makes them, and made-up articles and events published as test set-up (no review)."""

import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventIndexPage, EventPage
from news.models import NewsArticlePage, NewsIndexPage
from tests.review_support import publish_unreviewed
from treatments.models import HomePage


def english_home():
    return HomePage.objects.get(locale__language_code="en")


def news_index_of(home):
    apps.get_app_config("news").ensure_site_pages(home)
    return NewsIndexPage.objects.child_of(home).get()


def event_index_of(home):
    apps.get_app_config("events").ensure_site_pages(home)
    return EventIndexPage.objects.child_of(home).get()


def new_article(index, title, date=None, tags=(), **fields):
    """A live made-up article below `index`."""
    article = NewsArticlePage(
        title=title,
        date=date or datetime.date(2026, 11, 1),
        summary=fields.pop("summary", f"What happened: {title}."),
        body=fields.pop("body", "<p>Made-up news for a test.</p>"),
        live=False,
        **fields,
    )
    index.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    publish_unreviewed(article)
    return NewsArticlePage.objects.get(pk=article.pk)


def new_event(index, title, starts_in=datetime.timedelta(days=10), hours=2, **fields):
    """A live made-up event below `index`, starting `starts_in` from now (negative: past)."""
    start = (timezone.now() + starts_in).replace(microsecond=0)
    event = EventPage(
        title=title,
        start=fields.pop("start", start),
        end=fields.pop("end", start + datetime.timedelta(hours=hours)),
        summary=fields.pop("summary", f"About {title}."),
        online_url=fields.pop("online_url", "https://meet.example.org/sps"),
        live=False,
        **fields,
    )
    index.add_child(instance=event)
    publish_unreviewed(event)
    return EventPage.objects.get(pk=event.pk)


def article_form(**fields):
    """What the page editor posts for a news article."""
    values = {
        "title": "Our walk for SPS raised funds",
        "slug": "walk-for-sps",
        "date": "2026-11-20",
        "author": "Ana Example",
        "summary": "Two hundred people walked with us.",
        "image": "",
        "image_alt": "",
        "body": rich_text("<p>Thank you to everyone who walked.</p>"),
        "tags": "fundraising, walk",
        "seo_title": "",
        "search_description": "",
        **fields,
    }
    return nested_form_data({**values, "comments": inline_formset([])})


def event_form(**fields):
    """What the page editor posts for an event."""
    values = {
        "title": "Members’ meeting",
        "slug": "members-meeting",
        "time_zone": "UTC",
        "start": "2027-03-12 18:00",
        "end": "2027-03-12 19:30",
        "online_url": "https://meet.example.org/members",
        "venue_name": "",
        "venue_address": "",
        "registration_url": "",
        "summary": "The yearly meeting of the foundation’s members.",
        "body": rich_text("<p>All members are welcome.</p>"),
        "seo_title": "",
        "search_description": "",
        **fields,
    }
    return nested_form_data({**values, "comments": inline_formset([])})


def article_data(page, **changes):
    """What the page editor posts for a news article without an image or tags."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "date": str(page.date),
        "author": page.author,
        "summary": page.summary,
        "body": rich_text(page.body),
        "tags": "",
        **changes,
    }
    return article_form(**values)
