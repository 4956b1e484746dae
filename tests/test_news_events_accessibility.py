"""A news article, the news list, an event and the events list in a real Chromium: axe finds
nothing on a phone or a desktop, they reflow at 320 px, and every link is a 44 px target."""

import datetime

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.news_events_support import (
    english_home,
    event_index_of,
    new_article,
    new_event,
    news_index_of,
)
from tests.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "news list": "/news/",
    "article": "/news/our-walk-for-sps/",
    "events list": "/events/",
    "event": "/events/members-meeting/",
    "past events": "/events/archive/",
    "home with news": "/",
}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Links and buttons of the page itself (the header, footer and forms are checked elsewhere),
# but a link inside a sentence of the text (WCAG's inline exception).
TARGETS_IN_MAIN = "main a:not(p a), main button"


@pytest.fixture
def news_and_events(live_site):
    home = english_home()
    news = news_index_of(home)
    image = Image.objects.create(title="Walkers", file=get_test_image_file(size=(640, 480)))
    new_article(
        news,
        "Our walk for SPS",
        date=datetime.date(2026, 11, 20),
        author="Ana Example",
        image=image,
        image_alt="People walking together in a park",
        tags=["fundraising", "walk"],
        body="<p>Thank you to everyone who walked, and to <a href='https://example.org'>our "
        "hosts</a>.</p>",
    )
    events = event_index_of(home)
    new_event(
        events,
        "Members’ meeting",
        venue_name="Town hall",
        venue_address="1 Main Street\nSpringfield",
        registration_url="https://example.org/register",
        body="<p>All members are welcome.</p>",
    )
    new_event(events, "Last year’s walk", starts_in=datetime.timedelta(days=-300))
    return live_site


def small_targets(page):
    """Links and buttons in <main> smaller than 44 by 44 CSS pixels, by their text."""
    small = []
    for target in page.locator(TARGETS_IN_MAIN).all():
        box = target.bounding_box()
        if box is not None and (box["height"] < 44 or box["width"] < 44):
            small.append((target.inner_text()[:40], round(box["width"]), round(box["height"])))
    return small


def test_axe_finds_nothing_on_news_and_events_pages(news_and_events, browser_page):
    found = {}
    for viewport in (PHONE, DESKTOP):
        browser_page.set_viewport_size(viewport)
        for name, path in PAGES.items():
            response = browser_page.goto(news_and_events.url + path)
            assert response.status == 200, (name, response.status)
            problems = violations(browser_page)
            if problems:
                found[f"{name} at {viewport['width']} px"] = problems
    assert found == {}


def test_news_and_events_pages_reflow_at_320_pixels_with_44_pixel_targets(
    news_and_events, browser_page
):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    problems = {}
    for name, path in PAGES.items():
        browser_page.goto(news_and_events.url + path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        small = small_targets(browser_page)
        if width > 320 or small:
            problems[name] = (width, small)
    assert problems == {}


def test_the_article_shows_its_image_lazily_in_webp_with_its_size(news_and_events, browser_page):
    browser_page.goto(news_and_events.url + PAGES["article"])
    image = browser_page.get_by_role("img", name="People walking together in a park")
    assert image.get_attribute("loading") == "lazy"
    assert image.get_attribute("width") and image.get_attribute("height")
    assert ".webp" in (image.get_attribute("srcset") or image.get_attribute("src"))
