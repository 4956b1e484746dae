"""The glossary, the treatment pages with their cautions and the list for the doctor in a real
Chromium: axe (WCAG 2.2 AA and best practice) finds nothing on a phone or a desktop, they
reflow at 320 px, and they print with their address, cautions and disclaimer but no
navigation."""

import pytest

from glossary.loading import load_glossary
from glossary.models import GlossaryPage
from tests.test_accessibility import violations
from treatments.models import TreatmentPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GLOSSARY = "/treatments/glossary/"
ANTI_SEIZURE = "/treatments/symptomatic-relief/anti-seizure-medication/gabapentin/"
ANXIETY = "/treatments/anxiety-and-depression/"
PAGES = {"glossary": GLOSSARY, "anti-seizure treatment": ANTI_SEIZURE, "anxiety": ANXIETY}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NAVIGATION = (".site-nav", ".search-form", ".breadcrumbs", ".skip-link")


@pytest.fixture
def glossary_site(live_site):
    load_glossary()
    return live_site


def five_treatments_list():
    pages = TreatmentPage.objects.live().order_by("path")[:5]
    return "/treatments/for-your-doctor/?" + "&".join(f"t={page.pk}" for page in pages), pages


def test_axe_finds_nothing_on_the_glossary_and_the_pages_with_cautions(glossary_site, browser_page):
    found = {}
    for viewport in (PHONE, DESKTOP):
        browser_page.set_viewport_size(viewport)
        for name, path in PAGES.items():
            response = browser_page.goto(glossary_site.url + path)
            assert response.status == 200, (name, response.status)
            problems = violations(browser_page)
            if problems:
                found[f"{name} at {viewport['width']} px"] = problems
    assert found == {}


def test_the_cautions_axe_checked_are_on_the_page(glossary_site, browser_page):
    # The axe check above means something only if the new sections are there.
    for path, words in ((ANTI_SEIZURE, "These medications must be prescribed"), (ANXIETY, "SNRI")):
        browser_page.goto(glossary_site.url + path)
        cautions = browser_page.get_by_role("region", name="Important: read before use")
        assert cautions.is_visible(), path
        assert words in cautions.inner_text(), path


def test_the_glossary_and_the_pages_with_cautions_reflow_at_320_pixels(glossary_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for name, path in PAGES.items():
        browser_page.goto(glossary_site.url + path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (name, width)
        assert violations(browser_page) == [], name


def test_the_glossary_prints_every_term_with_its_review_and_no_navigation(
    glossary_site, browser_page
):
    url = glossary_site.url + GLOSSARY
    browser_page.goto(url)
    browser_page.emulate_media(media="print")
    for hidden in NAVIGATION:
        assert not browser_page.locator(hidden).first.is_visible(), hidden
    assert url in browser_page.locator(".print-source").inner_text()
    entries = browser_page.locator(".glossary__entry")
    assert entries.count() == len(GlossaryPage.objects.get(locale__language_code="en").entries) > 0
    for entry in entries.all():
        assert entry.locator("dfn").is_visible()
        assert entry.locator(".glossary__review").is_visible()
        # A term and its definition stay on one sheet.
        assert entry.evaluate("element => getComputedStyle(element).breakInside") == "avoid"
    assert browser_page.locator(".disclaimer").is_visible()
    for paper in ("A4", "Letter"):
        assert browser_page.pdf(format=paper).startswith(b"%PDF")


def test_a_treatment_page_prints_its_cautions(live_site, browser_page):
    url = live_site.url + ANTI_SEIZURE
    browser_page.goto(url)
    browser_page.emulate_media(media="print")
    for hidden in NAVIGATION:
        assert not browser_page.locator(hidden).first.is_visible(), hidden
    assert browser_page.get_by_role("region", name="Key facts").is_visible()
    assert browser_page.get_by_role("region", name="Important: read before use").is_visible()
    assert url in browser_page.locator(".print-source").inner_text()
    assert browser_page.locator(".disclaimer").is_visible()


def test_each_treatment_on_the_list_for_the_doctor_has_key_facts_of_its_own_name(
    live_site, browser_page
):
    path, pages = five_treatments_list()
    browser_page.goto(live_site.url + path)
    for page in pages:
        facts = browser_page.get_by_role("region", name=f"Key facts {page.title}", exact=True)
        assert facts.is_visible(), page.title
        assert facts.get_by_role("heading", level=3, name="Key facts").is_visible()
    # One heading per id: a screen reader's list of regions names each treatment.
    duplicates = browser_page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll('[id]')].map(element => element.id);
            return ids.filter((id, index) => ids.indexOf(id) !== index);
        }"""
    )
    assert duplicates == []
    assert violations(browser_page) == []
