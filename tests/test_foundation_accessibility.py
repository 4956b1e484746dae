"""The header and footer with the foundation's identity in a real Chromium: axe (WCAG 2.2 AA
and best practice) finds nothing on a phone or a desktop, and every link of the identity is a
44 × 44 px target."""

import pytest

from tests.foundation_support import load_site, set_identity
from tests.test_accessibility import violations
from treatments.models import TreatmentGuidePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
IDENTITY_LINKS = ".site-nav a, .site-header__brand, .site-footer__links a, .foundation a"


@pytest.fixture
def identity_site(live_site):
    guide = TreatmentGuidePage.objects.get()
    set_identity(
        load_site(),
        charity_number="123456",
        postal_address="1 Example Street\nExample Town",
        main_menu=[("external", {"url": "https://example.org/news", "label": "News"})],
        footer_links=[("page", {"page": guide, "label": "How this guide is made"})],
        social_links=[("link", {"label": "Mastodon", "url": "https://social.example/@sps"})],
        funding_statement="<p>The foundation is funded by its members; the site has no ads.</p>",
    )
    return live_site


def test_axe_finds_nothing_in_the_header_and_footer_and_targets_are_44_pixels(
    identity_site, browser_page
):
    found, small = {}, []
    for viewport in (PHONE, DESKTOP):
        browser_page.set_viewport_size(viewport)
        assert browser_page.goto(identity_site.url + "/").status == 200
        assert browser_page.locator(".foundation").is_visible()
        problems = violations(browser_page)
        if problems:
            found[viewport["width"]] = problems
        for link in browser_page.locator(IDENTITY_LINKS).all():
            box = link.bounding_box()
            if box and (box["height"] < 44 or box["width"] < 44):
                small.append((viewport["width"], link.inner_text(), box))
    assert found == {}
    assert small == []
