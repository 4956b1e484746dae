"""The Spanish home page and a Spanish treatment page in a real browser: axe-core finds nothing,
they reflow at 320 px, and the language switch in the header offers two 44 px targets."""

import pytest

from tests.test_accessibility import violations
from tests.test_spanish_reader_links import reviewed_baclofen_below_aliases
from tests.test_spanish_site import baclofen, translate_with_ancestors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def spanish_pages():
    """The Spanish home with no Spanish guide, and a reviewed Spanish treatment whose parents
    are aliases (its links lead to English pages, marked as English)."""
    below_aliases = reviewed_baclofen_below_aliases()
    return {
        "home": "/es/",
        "treatment below aliases": below_aliases.url,
    }


def test_axe_finds_no_violations_and_pages_reflow_at_320_pixels(live_site, browser_page):
    pages = spanish_pages()
    found = {}
    for width in (1280, 320):
        browser_page.set_viewport_size({"width": width, "height": 800})
        for name, path in pages.items():
            response = browser_page.goto(live_site.url + path)
            assert response.status == 200, (name, response.status)
            assert browser_page.locator("html").get_attribute("lang") == "es"
            scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, (name, width, scroll_width)
            problems = violations(browser_page)
            if problems:
                found[(name, width)] = problems
    assert found == {}


def test_the_language_switch_offers_two_44_pixel_targets_in_the_header(live_site, browser_page):
    """Wide, both languages with the current one filled; on a phone, the other language only
    (the page's own language needs no button)."""
    spanish_baclofen = translate_with_ancestors(baclofen())
    for width, shown in ((1280, 2), (320, 1)):
        browser_page.set_viewport_size({"width": width, "height": 800})
        browser_page.goto(live_site.url + spanish_baclofen.url)
        switch = browser_page.locator("header .language-switch a:visible")
        assert switch.count() == shown
        for index in range(shown):
            box = switch.nth(index).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, (width, box)
        current = browser_page.locator('header .language-switch a[aria-current="true"]')
        assert current.inner_text() == "Español"
        assert current.is_visible() == (width == 1280)
        english = browser_page.get_by_role("link", name="Read this page in English")
        english.click()
        assert browser_page.locator("html").get_attribute("lang") == "en"
        assert browser_page.locator("h1").inner_text() == "Baclofen"
    assert violations(browser_page) == []
