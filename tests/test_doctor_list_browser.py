"""The table and the list for the doctor in a real Chromium: axe finds nothing, the table fits
a laptop screen and stacks on a phone, every target is 44 px, five treatments print on two
sheets or fewer with the list's address and its QR code, and a reader on a phone prints the
list and goes back to the table with the ticks kept."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from treatments.models import TreatmentPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE = "/treatments/at-a-glance/"
LIST = "/treatments/for-your-doctor/"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
# A larger phone, held upright, as a reader holds it in a doctor's waiting room.
TALL_PHONE = {"width": 390, "height": 844}
# What a reader can click or tap on the table's page and on the list's.
TARGETS = "main a:not(.skip-link), main button, main select, main label.glance__tick"


def violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)"
        for violation in results.response["violations"]
    ]


def wordiest_treatments(how_many):
    """The treatments with the most text in their facts: the hardest list to fit on paper."""

    def words(page):
        fields = (page.administration, page.targets, page.regimen, page.cautions, page.title)
        return sum(len(text) for text in fields) + len(page.body.raw_data) * 200

    return sorted(TreatmentPage.objects.live(), key=words, reverse=True)[:how_many]


def list_url(pages):
    return LIST + "?" + "&".join(f"t={page.pk}" for page in pages)


def pdf_pages(pdf):
    """The number of pages of a PDF: its page objects (not the /Pages tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def small_targets(page):
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(element => !element.closest('.breadcrumbs'))
            .filter(element => element.getClientRects().length > 0)
            .map(element => [element.textContent.trim().slice(0, 40),
                             element.getBoundingClientRect()])
            .filter(([, box]) => box.width < 44 || box.height < 44)
            .map(([name, box]) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`)""",
        TARGETS,
    )


def test_axe_finds_nothing_on_the_table_and_the_list_at_laptop_and_phone_widths(
    live_site, browser_page
):
    five = list_url(wordiest_treatments(5))
    found = {}
    for size in (LAPTOP, PHONE):
        browser_page.set_viewport_size(size)
        for name, path in {"table": TABLE, "list": five, "bad list": LIST + "?t=x"}.items():
            browser_page.goto(live_site.url + path)
            problems = violations(browser_page)
            if problems:
                found[f"{name} at {size['width']}"] = problems
    assert found == {}


def test_the_table_fits_a_laptop_screen_without_clipping_or_scrolling(live_site, browser_page):
    browser_page.set_viewport_size(LAPTOP)
    browser_page.goto(live_site.url + TABLE)
    widths = browser_page.evaluate(
        """() => {
            const region = document.querySelector('.table-scroll');
            const table = document.querySelector('table.glance');
            return {region: region.clientWidth, table: table.scrollWidth,
                    page: document.documentElement.scrollWidth};
        }"""
    )
    assert widths["table"] <= widths["region"], widths
    assert widths["page"] <= LAPTOP["width"], widths
    # A real table there: one row per treatment, facts side by side.
    assert browser_page.locator("thead th").first.is_visible()
    display = browser_page.locator("tbody tr").first.evaluate(
        "row => getComputedStyle(row).display"
    )
    assert display == "table-row"


def test_on_a_phone_each_treatment_is_a_card_with_labelled_facts(live_site, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(live_site.url + TABLE)
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = browser_page.locator("tbody tr").filter(has_text="Baclofen")
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    text = row.inner_text()
    # Baclofen's categories state no line of therapy: its card has no such label.
    for label in ("Brand names:", "Category:", "How it is given:"):
        assert label in text
    assert "Lioresal" in text
    # No sideways scrolling inside the table either.
    region = browser_page.locator(".table-scroll")
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")
    # The sort links stay, as buttons above the cards.
    sort = browser_page.locator("thead").get_by_role("link", name=re.compile("^Category"))
    assert sort.is_visible()


def test_every_link_and_control_is_at_least_44_pixels(live_site, browser_page):
    five = list_url(wordiest_treatments(5))
    for size in (LAPTOP, PHONE):
        browser_page.set_viewport_size(size)
        for path in (TABLE, TABLE + "?route=intravenous", five, LIST):
            browser_page.goto(live_site.url + path)
            assert small_targets(browser_page) == [], (size["width"], path)


def test_the_table_and_the_list_reflow_at_320_pixels(live_site, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for path in (TABLE, list_url(wordiest_treatments(5))):
        browser_page.goto(live_site.url + path)
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_a_reader_ticks_treatments_and_gets_the_list_without_javascript(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_site.url + TABLE)
        for name in ("Baclofen", "Rituximab"):
            page.get_by_label(f"Add {name} to the list for your doctor").check()
        # The whole 44 px box around a checkbox ticks it, not only the box itself.
        tick = page.locator("label.glance__tick").filter(
            has=page.get_by_label("Add Gabapentin to the list for your doctor")
        )
        tick.scroll_into_view_if_needed()
        box = tick.bounding_box()
        page.mouse.click(box["x"] + 2, box["y"] + 2)
        assert page.get_by_label("Add Gabapentin to the list for your doctor").is_checked()
        page.get_by_role("button", name="Make a list for your doctor").click()
        assert "/for-your-doctor/?" in page.url and page.url.count("t=") == 3
        titles = page.locator("article h2").all_inner_texts()
        assert titles == ["Baclofen", "Gabapentin", "Rituximab"]
        assert page.locator(".disclaimer").is_visible()
        # No button that could do nothing: the browser's own Print command is explained.
        assert page.locator(".doctor-list__print").is_hidden()
        assert page.get_by_text("To print this list, use your browser's Print command").is_visible()
    finally:
        context.close()


def test_five_treatments_print_on_two_pages_or_fewer(live_site, browser_page):
    five = wordiest_treatments(5)
    browser_page.goto(live_site.url + list_url(five))
    browser_page.emulate_media(media="print")
    assert not browser_page.get_by_text("To print this list").is_visible()
    assert browser_page.locator(".disclaimer").is_visible()
    assert browser_page.locator(".review-status").count() == 5
    for paper in ("A4", "Letter"):
        pdf = browser_page.pdf(format=paper)
        assert 1 <= pdf_pages(pdf) <= 2, (paper, pdf_pages(pdf))


def test_the_page_counter_counts_pages(live_site, browser_page):
    # Twenty treatments cannot fit on two sheets: the counter sees more.
    browser_page.goto(live_site.url + list_url(wordiest_treatments(20)))
    assert pdf_pages(browser_page.pdf(format="A4")) > 2


def ticked_on_the_table(page):
    return sorted(
        page.locator("input[name=t]:checked").evaluate_all(
            "boxes => boxes.map(box => box.closest('tr').querySelector('th').innerText)"
        )
    )


def test_on_a_phone_a_reader_prints_the_list_and_goes_back_with_the_ticks_kept(live_site, chromium):
    context = chromium.new_context(viewport=TALL_PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_site.url + TABLE)
        for name in ("Baclofen", "Rituximab"):
            page.get_by_label(f"Add {name} to the list for your doctor").check()
        page.get_by_role("button", name="Make a list for your doctor").click()
        assert page.locator("article h2").all_inner_texts() == ["Baclofen", "Rituximab"]
        assert violations(page) == []

        # The button opens the browser's print dialog: Chromium says so with "beforeprint".
        page.evaluate("() => addEventListener('beforeprint', () => { window.printAsked = true; })")
        page.get_by_role("button", name="Print this list").click()
        page.wait_for_function("() => window.printAsked === true")

        page.get_by_role("link", name="Back to the table").click()
        assert "/at-a-glance/?" in page.url
        assert ticked_on_the_table(page) == ["Baclofen", "Rituximab"]
        # The browser's Back, from the list to the table the reader ticked, keeps them too.
        page.go_back()
        page.go_back()
        assert page.url == live_site.url + TABLE
        assert ticked_on_the_table(page) == ["Baclofen", "Rituximab"]
    finally:
        context.close()


def test_the_printed_list_shows_its_address_and_a_qr_code_of_it(live_site, browser_page):
    chosen = [TreatmentPage.objects.get(slug=slug) for slug in ("baclofen", "rituximab")]
    browser_page.set_viewport_size(TALL_PHONE)
    browser_page.goto(live_site.url + list_url(chosen))
    qr_code = browser_page.get_by_role("img", name="QR code of this list’s address")
    assert qr_code.is_hidden()  # on screen the address is a link

    browser_page.emulate_media(media="print")
    address = browser_page.locator(".doctor-list__list-address")
    assert address.is_visible()
    text = address.inner_text()
    assert text.startswith("The address of this list: http")
    assert text.endswith(f"/treatments/for-your-doctor/?t={chosen[0].pk}&t={chosen[1].pk}")
    assert qr_code.is_visible()
    box = qr_code.bounding_box()
    # About 24 mm square (96 px to the inch): large enough for a phone's camera.
    assert 80 <= box["width"] <= 100 and abs(box["width"] - box["height"]) < 1
    # Beside the title, not over the first treatment.
    first = browser_page.locator("article").first.bounding_box()
    assert box["y"] + box["height"] <= first["y"]
    assert not browser_page.get_by_role("button", name="Print this list").is_visible()
    assert not browser_page.locator(".print-source").is_visible()
