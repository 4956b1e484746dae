"""The search box suggests treatment names in a real browser, as an ARIA combobox."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_suggestions(browser_page, url, typed="clon"):
    problems = []
    browser_page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    browser_page.goto(url)
    box = browser_page.locator("#search-page-q")
    box.click()
    box.press_sequentially(typed, delay=30)
    browser_page.get_by_role("option", name=re.compile("Clonazepam")).wait_for()
    return box, problems


def test_typing_suggests_a_treatment_and_arrow_down_enter_opens_it(live_site, browser_page):
    box, problems = open_suggestions(browser_page, live_site.url + "/search/")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    listbox = browser_page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    option = browser_page.get_by_role("option", name=re.compile("Clonazepam"))
    assert "Klonopin" in option.inner_text()
    assert option.bounding_box()["height"] >= 44
    status = browser_page.locator("main form[role=search] [role=status]")
    assert "1 treatment suggested" in status.inner_text()

    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    browser_page.wait_for_url("**/muscle-relaxants/clonazepam/")
    assert browser_page.locator("h1").inner_text().startswith("Clonazepam")
    assert problems == []  # no script error, no CSP violation


def test_an_answer_that_arrives_late_keeps_the_name_the_reader_arrowed_to(live_site, browser_page):
    held = []
    last_answer = re.compile(r"/search/suggest/\?q=clon$")
    browser_page.route(last_answer, lambda route: held.append(route))
    box, _ = open_suggestions(browser_page, live_site.url + "/search/", typed="clo")
    with browser_page.expect_request(last_answer):
        box.press("n")
    box.press("ArrowDown")
    chosen = box.get_attribute("aria-activedescendant")
    assert "Clonazepam" in browser_page.locator("#" + chosen).inner_text()

    browser_page.wait_for_function("() => true")  # lets the held route reach its handler
    with browser_page.expect_response(last_answer):
        held[0].fulfill(response=held[0].fetch())
    browser_page.wait_for_function(
        "() => document.querySelector('#search-page-q').value === 'clon'"
    )
    assert box.get_attribute("aria-activedescendant") == chosen
    assert "Clonazepam" in browser_page.locator("#" + chosen).inner_text()
    assert browser_page.locator("#" + chosen).get_attribute("aria-selected") == "true"


def test_typing_again_moves_the_reader_back_to_the_box(live_site, browser_page):
    box, _ = open_suggestions(browser_page, live_site.url + "/search/")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")
    box.press("Backspace")
    assert box.get_attribute("aria-activedescendant") is None
    assert browser_page.locator("[role=option][aria-selected=true]").count() == 0


def test_escape_closes_the_suggestions_and_enter_then_searches(live_site, browser_page):
    box, _ = open_suggestions(browser_page, live_site.url + "/search/")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not browser_page.get_by_role("listbox").is_visible()
    box.press("Enter")
    browser_page.wait_for_url(re.compile(r"/search/\?q=clon"))
    assert "Clonazepam" in browser_page.locator("main ol").inner_text()


def test_the_header_search_box_suggests_too(live_site, browser_page):
    browser_page.goto(live_site.url + "/treatments/")
    box = browser_page.locator("#site-search-q")
    box.click()
    box.press_sequentially("baclo", delay=30)
    option = browser_page.get_by_role("option", name=re.compile("Baclofen"))
    option.wait_for()
    option.click()
    browser_page.wait_for_url("**/muscle-relaxants/baclofen/")


def test_axe_finds_no_violations_with_the_suggestions_open(live_site, browser_page):
    open_suggestions(browser_page, live_site.url + "/search/")
    results = Axe().run(browser_page)
    assert [violation["id"] for violation in results.response["violations"]] == []


def test_without_javascript_the_search_box_is_a_plain_form(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/search/")
        box = page.locator("#search-page-q")
        assert box.get_attribute("role") is None
        box.fill("valum")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=valum"))
        assert "Did you mean" in page.locator("main").inner_text()
        assert "Diazepam" in page.locator("main ol").inner_text()
    finally:
        context.close()
