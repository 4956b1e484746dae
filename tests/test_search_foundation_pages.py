"""Site search finds the foundation's own pages beside the guide: news articles, events,
content pages and the pages about the guide, each with what kind of page it is and its
summary, in the reader's language only."""

import pytest
from bs4 import BeautifulSoup
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


def results(client, query, prefix=""):
    """{title: (type, description)} of each result, as a reader sees them."""
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    found = {}
    for item in BeautifulSoup(response.content, "html.parser").select("li.search-result"):
        facts = {
            dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in item.select("dt")
        }
        description = item.select_one(".search-result__description")
        found[item.h3.get_text(strip=True)] = (
            facts.get("Type") or facts.get("Tipo"),
            description.get_text(strip=True) if description else "",
        )
    return found


@pytest.fixture
def home(guide):
    return english_home()


@pytest.fixture
def spanish_home(home, spanish):
    edition = home.copy_for_translation(spanish)
    publish_unreviewed(edition)
    return edition


def test_an_article_is_found_by_words_of_its_text(client, home):
    new_article(
        news_index_of(home),
        "Our autumn walk",
        summary="Two hundred members walked along the river.",
        body="<p>The route passed the old lighthouse at Penmon.</p>",
    )

    assert results(client, "lighthouse Penmon") == {
        "Our autumn walk": ("News", "Two hundred members walked along the river.")
    }


def test_an_event_is_found_by_words_of_its_text(client, home):
    new_event(
        event_index_of(home),
        "Members’ meeting",
        summary="The yearly meeting of the foundation’s members.",
        body="<p>Tea and biscuits in the Rotherhithe community hall.</p>",
    )

    assert results(client, "Rotherhithe biscuits") == {
        "Members’ meeting": ("Event", "The yearly meeting of the foundation’s members.")
    }


def test_a_content_page_is_found_by_words_of_its_text(client, home):
    page = ContentPage(
        title="Volunteering",
        slug="volunteering",
        intro="How to help the foundation.",
        body=[("text", RichText("<p>Our volunteers knit scarves in Aberystwyth.</p>"))],
        live=False,
    )
    home.add_child(instance=page)
    publish_unreviewed(page)

    assert results(client, "knit Aberystwyth") == {
        "Volunteering": ("Page", "How to help the foundation.")
    }


def test_the_pages_about_the_guide_are_found_with_their_summary(client, home):
    site_pages(home)

    how_made = results(client, "how this guide is made")["How this guide is made"]
    assert how_made == (
        "Page",
        "How the guide is written and checked, who checks it, and how much of it has been checked.",
    )
    kind, description = results(client, "tracking cookie")["Privacy"]
    assert kind == "Page" and description.startswith("What we store.")
    assert results(client, "contact")["Contact us"][0] == "Page"


def test_the_news_and_events_lists_are_found_too(client, home):
    news_index_of(home)
    event_index_of(home)

    assert results(client, "news")["News"][0] == "News"
    assert results(client, "events")["Events"][0] == "Events"


def test_a_search_finds_pages_in_the_readers_language_only(client, home, spanish_home):
    new_article(news_index_of(home), "Our walk in Snowdonia", summary="A walk in Snowdonia.")
    new_article(
        news_index_of(spanish_home),
        "Nuestra caminata en Salamanca",
        summary="Caminamos juntos por Salamanca.",
    )

    assert list(results(client, "Snowdonia")) == ["Our walk in Snowdonia"]
    assert results(client, "Salamanca") == {}
    assert results(client, "Snowdonia", prefix="/es") == {}
    assert results(client, "Salamanca", prefix="/es") == {
        "Nuestra caminata en Salamanca": ("Noticias", "Caminamos juntos por Salamanca.")
    }
