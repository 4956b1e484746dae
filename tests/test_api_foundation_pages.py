"""The API serves the foundation's public pages beside the guide: news, events, content pages,
contact, how the guide is made and privacy, each with its public fields and never a draft or
the staff's e-mail addresses."""

import datetime

import pytest
from wagtail.rich_text import RichText

from content_pages.models import ContentPage
from tests.news_events_support import (
    english_home,
    event_index_of,
    new_article,
    new_event,
    news_index_of,
)
from tests.policy_support import site_pages
from tests.review_support import publish_unreviewed

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def only_item(client, page_type, fields):
    response = client.get(PAGES, {"type": page_type, "fields": fields})
    assert response.status_code == 200
    [item] = response.json()["items"]
    return item


@pytest.fixture
def home(guide):
    return english_home()


def test_an_article_has_its_date_author_summary_body_and_tags(client, home):
    article = new_article(
        news_index_of(home),
        "Our autumn walk",
        date=datetime.date(2026, 10, 4),
        tags=["walk"],
        author="Ana Example",
        summary="Two hundred members walked.",
        body="<p>Thank you to everyone who walked.</p>",
    )

    item = only_item(client, "news.NewsArticlePage", "date,author,summary,body,tags")

    assert item["id"] == article.pk and item["title"] == "Our autumn walk"
    assert item["date"] == "2026-10-04"
    assert item["author"] == "Ana Example"
    assert item["summary"] == "Two hundred members walked."
    assert "Thank you to everyone who walked." in item["body"]
    assert item["tags"] == ["walk"]
    index = only_item(client, "news.NewsIndexPage", "intro")
    assert "News from the foundation" in index["intro"]


def test_an_event_has_when_where_and_how_to_register(client, home):
    event = new_event(
        event_index_of(home),
        "Members’ meeting",
        venue_name="Town hall",
        registration_url="https://example.org/register",
    )

    item = only_item(
        client,
        "events.EventPage",
        "start,end,online_url,venue_name,venue_address,registration_url,summary,body",
    )

    assert item["id"] == event.pk
    assert datetime.datetime.fromisoformat(item["start"]) == event.start
    assert datetime.datetime.fromisoformat(item["end"]) == event.end
    assert item["online_url"] == "https://meet.example.org/sps"
    assert item["venue_name"] == "Town hall"
    assert item["registration_url"] == "https://example.org/register"
    assert item["summary"] == "About Members’ meeting."
    assert only_item(client, "events.EventIndexPage", "intro")["title"] == "Events"


def test_a_content_page_has_its_intro_and_body(client, home):
    page = ContentPage(
        title="Volunteering",
        slug="volunteering",
        intro="How to help the foundation.",
        body=[("text", RichText("<p>Our volunteers knit scarves.</p>"))],
        live=False,
    )
    home.add_child(instance=page)
    publish_unreviewed(page)

    item = only_item(client, "content_pages.ContentPage", "intro,body")

    assert item["intro"] == "How to help the foundation."
    assert item["body"][0]["type"] == "text"


def test_the_pages_about_the_guide_have_their_text_but_not_the_staffs_addresses(client, home):
    pages = site_pages(home)
    contact = pages["contact"]
    contact.to_address = "staff@example.org"
    publish_unreviewed(contact)

    assert (
        "Write to the foundation" in only_item(client, "policy_pages.ContactPage", "intro")["intro"]
    )
    assert (
        "How the guide is written"
        in only_item(client, "policy_pages.HowThisGuideIsMadePage", "intro")["intro"]
    )
    assert "What we store" in only_item(client, "policy_pages.PrivacyPage", "body")["body"]

    detail = client.get(f"{PAGES}{contact.pk}/")
    assert detail.status_code == 200
    assert "staff@example.org" not in detail.content.decode()
    refused = client.get(PAGES, {"type": "policy_pages.ContactPage", "fields": "to_address"})
    assert refused.status_code == 400


def test_a_draft_article_is_not_in_the_api(client, home):
    article = new_article(news_index_of(home), "Our autumn walk")
    article.unpublish()

    response = client.get(PAGES, {"type": "news.NewsArticlePage"})

    assert response.json()["items"] == []
    assert client.get(f"{PAGES}{article.pk}/").status_code == 404
