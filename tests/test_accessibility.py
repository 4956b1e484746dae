"""Reading the guide in a real browser: axe-core finds nothing on any public page type, pages
reflow at 320 px, focus is visible, and a treatment page prints without the navigation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = {
    "home": "/",
    "guide": "/treatments/",
    "category": "/treatments/immunotherapies/",
    "treatment": "/treatments/symptomatic-relief/muscle-relaxants/baclofen/",
    "procedure": "/treatments/immunotherapies/first-line/plasma-exchange/",
    "search with results": "/search/?q=intravenous",
    "search, empty query": "/search/",
    "search, no results": "/search/?q=zzqxv",
    "search, bad input": "/search/?q=valium&page=abc",
    "at a glance": "/treatments/at-a-glance/",
    "at a glance, filtered and sorted": (
        "/treatments/at-a-glance/?route=intravenous&sort=line&dir=desc"
    ),
    "page not found": "/no-such-page/",
}


def violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements: "
        f"{', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]


def test_axe_finds_no_violations_on_any_public_page_type(live_site, browser_page):
    found = {}
    for name, path in PUBLIC_PAGES.items():
        response = browser_page.goto(live_site.url + path)
        assert response.status in (200, 400, 404), (name, response.status)
        problems = violations(browser_page)
        if problems:
            found[name] = problems
    assert found == {}


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(live_site, browser_page):
    # 320 CSS px is WCAG's reflow width (1280 px at 400% zoom).
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for name, path in PUBLIC_PAGES.items():
        browser_page.goto(live_site.url + path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (name, width)
        assert violations(browser_page) == [], name


def test_the_table_scrolls_inside_its_own_region_on_a_narrow_screen(live_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(live_site.url + "/treatments/at-a-glance/")
    region = browser_page.locator(".table-scroll")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"  # reachable by keyboard to scroll


def test_the_skip_link_and_focus_are_visible(live_site, browser_page):
    browser_page.goto(live_site.url + "/treatments/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] >= 24
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_search_from_the_header_with_the_keyboard(live_site, browser_page):
    browser_page.goto(live_site.url + "/")
    browser_page.get_by_role("search", name="Site").get_by_label("Search the guide").fill("Valium")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/search/?q=Valium")
    first = browser_page.locator(".search-result h3 a").first
    assert first.inner_text() == "Diazepam"
    first.click()
    assert browser_page.locator("h1").inner_text() == "Diazepam"


def test_the_table_filters_and_sorts_without_javascript(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/treatments/at-a-glance/")
        page.get_by_label("How it is given").select_option(label="Oral")
        page.get_by_role("button", name="Show treatments").click()
        assert "route=oral" in page.url
        names = page.locator("tbody th").all_inner_texts()
        assert "Baclofen" in names and "Rituximab" not in names
        page.locator("thead th[aria-sort]").get_by_role("link").click()  # the sorted column
        assert "route=oral" in page.url
        assert page.locator("thead th[aria-sort]").get_attribute("aria-sort") == "descending"
        descending = page.locator("tbody th").all_inner_texts()
        assert descending == sorted(names, key=str.casefold, reverse=True)
    finally:
        context.close()


def test_a_treatment_page_prints_without_navigation_but_with_url_review_and_disclaimer(
    live_site, browser_page
):
    url = live_site.url + "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"
    browser_page.goto(url)
    assert not browser_page.locator(".print-source").is_visible()  # screen only shows it in print
    browser_page.emulate_media(media="print")
    for hidden in (".site-nav", ".search-form", ".breadcrumbs", ".skip-link"):
        assert not browser_page.locator(hidden).first.is_visible(), hidden
    source = browser_page.locator(".print-source")
    assert source.is_visible()
    assert url in source.inner_text()
    assert browser_page.locator(".review-status").is_visible()
    assert browser_page.locator(".disclaimer").is_visible()
    assert browser_page.locator("h1").inner_text() == "Baclofen"
    for paper in ("A4", "Letter"):
        pdf = browser_page.pdf(format=paper)
        assert pdf.startswith(b"%PDF")
