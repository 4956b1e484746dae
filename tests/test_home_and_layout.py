"""The home page presents the guide, and every page's frame suits a phone and a shaky hand:
the guide's key statements (quoted from its reviewed introduction), the categories with their
treatments, search, the table and the disclaimer on the home page; a title that names the site
once; a short phone header; breadcrumbs that wrap cleanly; 44 × 44 px targets (WCAG 2.5.5)."""

import datetime
import html as html_lib
import re
from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from medical_review.gate import seed_publication
from tests.factories import TreatmentPageFactory, record_review
from tests.review_support import publish_unreviewed
from tests.seed_text import paragraphs
from treatments.key_statements import KeyStatement, key_statements
from treatments.models import (
    Disclaimer,
    HomePage,
    TherapyCategoryPage,
    TreatmentPage,
)
from treatments.seo import document_title

KEY_STATEMENTS = [
    (
        "Treatment is Focused on Relief from Symptoms",
        "Treatment currently focuses on relief from difficult symptoms, usually muscle spasms "
        "and pain.",
    ),
    (
        "Effectiveness of Treatments Vary",
        "People with SPS have very different responses to treatments, so medications are "
        "carefully tried and evaluated by the patient and their physicians.",
    ),
    ("There is No Cure for SPS", "There is currently no cure for SPS."),
]


def main_of(response):
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def text_of(fragment):
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(html, heading_id):
    """The section labelled by `heading_id`, to its end (sections may nest)."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    depth, position = 1, start
    while depth:
        opening = html.find("<section", position)
        closing = html.index("</section>", position)
        if opening != -1 and opening < closing:
            depth, position = depth + 1, opening + 1
        else:
            depth, position = depth - 1, closing + 1
    return html[start:position]


def title_of(response):
    text = response.content.decode()
    return html_lib.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip())


def og_title_of(response):
    text = response.content.decode()
    return html_lib.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', text)[1])


@pytest.mark.django_db
def test_the_home_page_sums_up_the_guide_in_its_three_key_statements(client, guide):
    key_points = section(main_of(client.get("/")), "key-statements-heading")
    seed = paragraphs()

    for heading, sentence in KEY_STATEMENTS:
        assert heading in seed and any(sentence in p for p in seed)  # the seed's words
        assert f"<h3>{heading}</h3>" in key_points
        assert sentence in text_of(key_points)
    # The opening sentence only: a summary, with the rest a link away.
    assert "Additionally, immunotherapies" not in key_points
    assert f'href="{guide.url}"' in key_points
    assert "has not yet been medically reviewed" in key_points


def test_a_key_statement_is_a_heading_and_the_first_whole_sentence_of_its_first_paragraph():
    intro = (
        "<h2>Doses</h2><ul><li>A list is not a statement.</li></ul>"
        '<p>Take it as your doctor says, e.g. with food. Then <a linktype="page" id="3">'
        "read on</a>.</p><p>A second paragraph.</p>"
        "<h2>A heading with nothing under it</h2>"
        "<h3>Names</h3><p>Botox is a brand name.</p>"
    )
    assert key_statements(SimpleNamespace(intro=intro)) == [
        KeyStatement("Doses", "Take it as your doctor says, e.g. with food."),
        KeyStatement("Names", "Botox is a brand name."),
    ]
    assert key_statements(SimpleNamespace(intro="")) == []


def test_a_document_title_names_the_site_once_in_the_readers_language():
    with translation.override("en"):
        assert document_title("Baclofen") == "Baclofen | SPS Treatment Guide"
        assert document_title("SPS Treatment Guide") == "SPS Treatment Guide"
        assert document_title("") == "SPS Treatment Guide"
        assert document_title("Baclofen | SPS Treatment Guide") == "Baclofen | SPS Treatment Guide"
    with translation.override("es"):
        assert document_title("Baclofeno") == "Baclofeno | Guía de tratamientos del SPS"
        assert document_title("Guía de tratamientos del SPS") == "Guía de tratamientos del SPS"


@pytest.mark.django_db
def test_the_home_page_editor_offers_no_unreviewed_text_of_its_own(client, users, guide):
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(users["superuser"])

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))

    assert editor.status_code == 200
    assert 'name="title"' in editor.content.decode()
    assert 'name="intro"' not in editor.content.decode()


@pytest.mark.django_db
def test_the_key_statements_are_the_live_guides_not_a_draft(client, guide):
    guide.intro = guide.intro.replace(
        "There is No Cure for SPS", "There is Still No Cure for SPS (draft)"
    )
    guide.save_revision()  # a draft: not approved, not live

    html = main_of(client.get("/"))
    assert "<h3>There is No Cure for SPS</h3>" in html
    assert "draft" not in html

    with seed_publication():
        guide.get_latest_revision().publish()
    assert "<h3>There is Still No Cure for SPS (draft)</h3>" in main_of(client.get("/"))


@pytest.mark.django_db
def test_the_key_statements_say_when_the_guide_was_medically_reviewed(client, guide):
    record_review(
        guide,
        datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
        next_review_due=datetime.date(2027, 11, 2),
        reviewer_name="Ada Advisor",
        reviewer_credentials="MD",
    )
    key_points = text_of(section(main_of(client.get("/")), "key-statements-heading"))
    assert "medically reviewed by Ada Advisor, MD on 2 November 2026" in key_points


@pytest.mark.django_db
def test_the_home_page_lists_every_category_with_its_treatments(client, guide):
    categories = section(main_of(client.get("/")), "home-categories-heading")

    for page in [
        *TherapyCategoryPage.objects.live().descendant_of(guide),
        *TreatmentPage.objects.live().descendant_of(guide),
    ]:
        assert f'<a href="{page.url}">{html_lib.escape(page.title)}</a>' in categories, page
    assert "(Lioresal)" in categories  # with their brand names


@pytest.mark.django_db
def test_the_home_page_offers_search_the_table_and_the_disclaimer(client, guide):
    response = client.get("/")
    html = response.content.decode()
    main = main_of(response)

    search = section(main, "home-search-heading")
    assert 'role="search"' in search and 'action="/search/"' in search and 'name="q"' in search
    assert 'href="/treatments/at-a-glance/"' in main
    disclaimer = Disclaimer.objects.get(locale__language_code="en", live=True).text
    assert disclaimer and html_lib.escape(disclaimer) in html


@pytest.mark.django_db
def test_the_title_names_the_site_once(client, guide):
    home = client.get("/")
    assert title_of(home) == "SPS Treatment Guide"
    assert og_title_of(home) == "SPS Treatment Guide"
    guide_page = client.get(guide.url)
    assert title_of(guide_page) == "Treatments for SPS | SPS Treatment Guide"
    assert og_title_of(guide_page) == "Treatments for SPS"

    # An editor who gives a page the site's name, or ends a title with it, gets it once.
    guide.seo_title = "Treatments | SPS Treatment Guide"
    publish_unreviewed(guide)
    assert title_of(client.get(guide.url)) == "Treatments | SPS Treatment Guide"
    home = HomePage.objects.get()
    home.seo_title = "sps treatment guide"
    publish_unreviewed(home)
    assert title_of(client.get("/")) == "SPS Treatment Guide"


@pytest.mark.django_db
def test_breadcrumb_separators_are_drawn_by_css_not_written_in_the_page(client, guide):
    treatment = TreatmentPage.objects.get(slug="baclofen")
    html = client.get(treatment.url).content.decode()
    start = html.index('aria-label="Breadcrumb"')
    trail = html[start : html.index("</nav>", start)]
    assert "›" not in trail and "&rsaquo;" not in trail
    assert trail.count("<li>") == 5  # Home, the guide, two categories, the page


# In the browser -------------------------------------------------------------------------

PHONE = {"width": 375, "height": 667}
PAGES = {
    "home": "/",
    "guide": "/treatments/",
    "category": "/treatments/symptomatic-relief/muscle-relaxants/",
    "treatment": "/treatments/symptomatic-relief/muscle-relaxants/baclofen/",
    "search": "/search/?q=baclofen",
    "search, paginated": "/search/?q=Extra",
}

# Links and controls the reader aims at: everything in the site's header, every navigation
# (main, breadcrumbs, pagination), the footer, the search forms, the links that lead the items
# of a list, and category headings. Links inside running text are exempt (WCAG 2.5.5 "inline").
SMALL_TARGETS = """() => {
    const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    const regions = `.site-header, nav, .site-footer, .search-form, .pagination`;
    const found = new Set([
        ...document.querySelectorAll(`:is(${regions}) :is(${controls})`),
        ...document.querySelectorAll('.category > :is(h2, h3, h4, h5, h6) > a'),
    ]);
    for (const link of document.querySelectorAll('li a[href]')) {
        const item = link.closest('li');
        const before = document.createRange();
        before.setStart(item, 0);
        before.setEndBefore(link);
        if (before.toString().trim() === '') found.add(link);
    }
    const small = [];
    for (const element of found) {
        if (!element.checkVisibility({visibilityProperty: true})) continue;
        if (element.closest('.visually-hidden')) continue;
        const box = element.getBoundingClientRect();
        if (box.width < 44 || box.height < 44) {
            small.push(`${element.tagName} "${(element.innerText || element.name || '').trim()}"`
                + ` ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
    }
    return small;
}"""

# Each crumb's "›" is its list item's ::before, centred in a gutter; the glyph's box is
# worked out from the pseudo-element's computed width and font.
CRUMBS = """() => {
    const trail = document.querySelector('.breadcrumbs');
    const clip = trail.getBoundingClientRect();
    const lineStart = trail.querySelector('ol').getBoundingClientRect().left;
    const canvas = document.createElement('canvas').getContext('2d');
    return [...trail.querySelectorAll('li')].map((item) => {
        const crumb = item.querySelector('a, [aria-current]').getBoundingClientRect();
        const separator = getComputedStyle(item, '::before');
        canvas.font = separator.font;
        const glyph = canvas.measureText(separator.content.slice(1, 2)).width;
        const gutter = item.getBoundingClientRect();
        const left = gutter.left + (parseFloat(separator.width) - glyph) / 2;
        return {
            text: item.innerText.trim(),
            startsLine: gutter.left < lineStart + 1,
            separatorShown: left + glyph > clip.left && left < clip.right,
            separatorBeforeCrumb: left + glyph <= crumb.left,
            crumbShown: crumb.left >= clip.left && crumb.right <= clip.right,
        };
    });
}"""


@pytest.fixture
def paginated_search(live_site):
    """Twelve made-up treatments (not medical content) that one search finds: two pages."""
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    for n in range(12):
        TreatmentPageFactory(parent=category, title=f"Extra testamide {n}")
    return live_site


def visit(browser_page, live_site, path):
    response = browser_page.goto(live_site.url + path)
    assert response.status == 200, path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_phone_header_takes_at_most_a_fifth_of_the_first_screen(live_site, browser_page):
    browser_page.set_viewport_size(PHONE)
    for name, path in PAGES.items():
        if name == "search, paginated":
            continue
        visit(browser_page, live_site, path)
        header = browser_page.locator(".site-header").bounding_box()
        assert header["height"] <= PHONE["height"] / 5, (name, header["height"])
        # Everything the header offers is still there: the guide, the table, search.
        nav = browser_page.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="Treatments for SPS").is_visible()
        assert nav.get_by_role("link", name="At a glance").is_visible()
        browser_page.locator(".site-header").get_by_role("link", name="Search").click()
        browser_page.wait_for_url("**/search/")
        assert browser_page.get_by_role("search", name="Search results").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_link_and_control_in_the_frame_and_the_lists_is_44_pixels_square(
    paginated_search, browser_page
):
    found = {}
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        browser_page.set_viewport_size(viewport)
        for name, path in PAGES.items():
            visit(browser_page, paginated_search, path)
            small = browser_page.evaluate(SMALL_TARGETS)
            if small:
                found[f"{name} at {viewport['width']} px"] = small
        assert browser_page.locator(".pagination a").count() >= 1  # the check saw one
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_breadcrumbs_wrap_at_320_pixels_without_a_stray_separator(live_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    visit(browser_page, live_site, "/treatments/symptomatic-relief/muscle-relaxants/baclofen/")
    crumbs = browser_page.evaluate(CRUMBS)

    assert [crumb["text"] for crumb in crumbs] == [
        "Home",
        "Treatments for SPS",
        "Symptomatic Relief for Muscle Spasms and Pain",
        "Muscle Relaxants",
        "Baclofen",
    ]
    assert sum(crumb["startsLine"] for crumb in crumbs) >= 2, "the trail wraps at 320 px"
    for crumb in crumbs:
        assert crumb["crumbShown"], crumb
        # A separator shows only between two crumbs on one line: never at a line's start,
        # and never at its end (each comes before its own crumb).
        assert crumb["separatorShown"] == (not crumb["startsLine"]), crumb
        assert crumb["separatorBeforeCrumb"], crumb


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_at_320_pixels(live_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for name, path in PAGES.items():
        if name == "search, paginated":
            continue
        visit(browser_page, live_site, path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (name, width)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_nothing_on_the_home_page_on_a_phone_and_a_desktop(live_site, browser_page):
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        browser_page.set_viewport_size(viewport)
        visit(browser_page, live_site, "/")
        results = Axe().run(browser_page)
        problems = [
            f"{violation['id']}: {violation['help']}"
            for violation in results.response["violations"]
        ]
        assert problems == [], viewport
