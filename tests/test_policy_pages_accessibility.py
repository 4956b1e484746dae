"""The Contact, How made and Privacy pages in a real Chromium: axe finds nothing on a phone or
a desktop, they reflow at 320 px, the contact form's controls are 44 px targets, and a reader
sends a message with the keyboard alone."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from tests.policy_support import MESSAGE, site_pages
from tests.review_support import role_accounts
from tests.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def paths(live_site):
    role_accounts("advisor", "advisor2")  # advisors to list on "How this guide is made"
    return {name: page.url for name, page in site_pages().items()}


def test_axe_finds_nothing_on_the_three_pages(live_site, paths, browser_page):
    found = {}
    for viewport in (PHONE, DESKTOP, {"width": 320, "height": 640}):
        browser_page.set_viewport_size(viewport)
        for name, path in paths.items():
            response = browser_page.goto(live_site.url + path)
            assert response.status == 200, (name, response.status)
            width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (name, width)
            problems = violations(browser_page)
            if problems:
                found[f"{name} at {viewport['width']} px"] = problems
    assert found == {}


def test_the_contact_forms_controls_are_44_pixel_targets(live_site, paths, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(live_site.url + paths["contact"])
    form = browser_page.locator("form.contact-form")
    targets = [*form.locator("input:visible, textarea, button").all()]
    targets += browser_page.locator(".contact-form__privacy a").all()
    assert len(targets) == 5
    for target in targets:
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, target.evaluate("e => e.outerHTML")


def test_a_reader_sends_a_message_with_the_keyboard(live_site, paths, browser_page):
    browser_page.goto(live_site.url + paths["contact"])
    browser_page.get_by_label("Your e-mail address").fill("rosa@example.org")
    browser_page.get_by_label("Your message").fill(MESSAGE)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        browser_page.get_by_role("button", name="Send your message").focus()
        browser_page.keyboard.press("Enter")
        browser_page.wait_for_url("**/contact-form/**")
    assert browser_page.locator("h1").inner_text() == "Your message was sent"
    assert violations(browser_page) == []
    assert FormSubmission.objects.get().get_data()["message"] == MESSAGE
