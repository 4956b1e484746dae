"""The foundation's pages print as guide pages do: no navigation, search or footer menus; the
page's own text, its printed address, and a video as its link and transcript."""

import pytest

from tests.content_page_support import live_content_page
from tests.news_events_support import (
    english_home,
    event_index_of,
    new_article,
    new_event,
    news_index_of,
)
from tests.policy_support import site_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_IN_PRINT = (".site-nav", ".site-header .search-form", ".language-switch", ".skip-link")


@pytest.fixture
def foundation_pages(live_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = english_home()
    content = live_content_page()
    article = new_article(news_index_of(home), "Our walk for SPS", body="<p>Thank you all.</p>")
    event = new_event(event_index_of(home), "Members’ meeting", online_url="https://example.org/m")
    pages = {"content page": content, "article": article, "event": event, **site_pages(home)}
    return live_site, {name: page.url for name, page in pages.items()}


def test_every_foundation_page_prints_its_text_and_address_without_the_frame(
    foundation_pages, browser_page
):
    site, paths = foundation_pages
    problems = {}
    for name, path in paths.items():
        url = site.url + path
        browser_page.goto(url)
        browser_page.emulate_media(media="print")
        shown = [
            hidden for hidden in HIDDEN_IN_PRINT if browser_page.locator(hidden).first.is_visible()
        ]
        source = browser_page.locator(".print-source")
        if shown or not browser_page.locator("h1").is_visible():
            problems[name] = shown
        elif source.count() and url not in source.inner_text():
            problems[name] = "printed address missing"
        browser_page.emulate_media(media="screen")
    assert problems == {}
    assert browser_page.pdf(format="A4").startswith(b"%PDF")


def test_a_printed_video_is_its_link_and_transcript(foundation_pages, browser_page):
    site, paths = foundation_pages
    browser_page.goto(site.url + paths["content page"])
    browser_page.emulate_media(media="print")
    assert browser_page.locator("iframe").count() == 0
    assert browser_page.locator(".video-facade").first.is_visible()
    assert browser_page.locator(".video-facade").first.locator("details").count() == 1
