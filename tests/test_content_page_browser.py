"""A content page with every block in a real Chromium: axe finds nothing, targets are 44 px,
and a video loads nothing from its host until the reader presses play."""

from urllib.parse import urlsplit

import pytest

from tests.content_page_support import TRANSCRIPT, live_content_page
from tests.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PLAY = "Play video: A tour of the office"


@pytest.fixture
def content_url(live_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return live_site.url + live_content_page().url


def count_third_party_requests(browser_page, own_host):
    """Aborts every request to another host than the site's and lists them."""
    third_party = []

    def handle(route):
        if urlsplit(route.request.url).hostname == own_host:
            route.continue_()
        else:
            third_party.append(route.request.url)
            route.abort()

    browser_page.route("**/*", handle)
    return third_party


def test_a_video_loads_nothing_from_its_host_until_the_reader_presses_play(
    content_url, browser_page
):
    third_party = count_third_party_requests(browser_page, urlsplit(content_url).hostname)
    browser_page.goto(content_url)
    play = browser_page.get_by_role("button", name=PLAY)
    play.wait_for()
    browser_page.wait_for_load_state("networkidle")

    assert browser_page.locator("iframe").count() == 0
    assert third_party == []

    play.click()

    player = browser_page.locator("iframe.video-facade__player")
    assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert player.get_attribute("title") == "A tour of the office"
    browser_page.wait_for_timeout(500)
    assert third_party and all("youtube-nocookie.com" in url for url in third_party)


def test_the_transcript_opens_under_the_video(content_url, browser_page):
    browser_page.goto(content_url)
    transcript = browser_page.locator(".video-facade__transcript")
    assert not transcript.get_by_text(TRANSCRIPT).is_visible()

    transcript.get_by_text("Transcript").click()

    assert transcript.get_by_text(TRANSCRIPT).is_visible()


def test_without_javascript_the_video_is_a_link_to_it(content_url, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(content_url)
        link = page.get_by_role("link", name=PLAY)
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
        assert page.locator("iframe").count() == 0
    finally:
        context.close()


def test_axe_finds_nothing_on_a_content_page_with_every_block(content_url, browser_page):
    found = {}
    for viewport in (PHONE, DESKTOP):
        browser_page.set_viewport_size(viewport)
        browser_page.goto(content_url)
        browser_page.get_by_role("button", name=PLAY).wait_for()
        problems = violations(browser_page)
        if problems:
            found[viewport["width"]] = problems
    assert found == {}


def test_the_content_page_reflows_at_320_pixels(content_url, browser_page):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(content_url)

    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_play_button_the_transcript_and_the_document_are_44_pixel_targets(
    content_url, browser_page
):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(content_url)
    targets = {
        "play": browser_page.get_by_role("button", name=PLAY),
        "transcript": browser_page.locator(".video-facade__transcript summary"),
        "document": browser_page.locator(".document-link a"),
    }
    for name, target in targets.items():
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
