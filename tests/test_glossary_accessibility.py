"""The glossary in a real browser: axe-core finds nothing on the glossary page or on a guide
page whose terms link to it, the page reflows at 320 px, and a term's link lands on its entry."""

import pytest

from glossary.loading import load_glossary
from tests.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GLOSSARY = "/treatments/glossary/"
LINKED_PAGES = {
    "glossary": GLOSSARY,
    "treatment with terms": "/treatments/immunotherapies/second-line/rituximab/",
    "category with abbreviations": "/treatments/anxiety-and-depression/",
}


@pytest.fixture
def glossary_site(live_site):
    load_glossary()
    return live_site


def test_axe_finds_no_violations_on_the_glossary_and_pages_that_link_it(
    glossary_site, browser_page
):
    found = {}
    for name, path in LINKED_PAGES.items():
        response = browser_page.goto(glossary_site.url + path)
        assert response.status == 200, (name, response.status)
        problems = violations(browser_page)
        if problems:
            found[name] = problems
    assert found == {}


def test_glossary_reflows_at_320_pixels_without_sideways_scrolling(glossary_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(glossary_site.url + GLOSSARY)
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert violations(browser_page) == []


def test_a_term_link_lands_on_its_entry_in_the_glossary(glossary_site, browser_page):
    browser_page.goto(glossary_site.url + LINKED_PAGES["treatment with terms"])
    browser_page.get_by_role("link", name="B cells").first.click()
    browser_page.wait_for_url("**/treatments/glossary/#b-cells")
    entry = browser_page.locator("dfn#b-cells")
    assert entry.is_visible()
    assert (
        "B cells make antibodies."
        in browser_page.locator(".glossary__entry", has=entry).inner_text()
    )
