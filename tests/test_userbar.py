"""Wagtail's userbar (edit link, accessibility checker) for editors, never for visitors."""

import pytest
from django.test import Client

from treatments.models import TreatmentPage

USERBAR = "wagtail-userbar"
PAGES = ["/", "/treatments/", "/treatments/at-a-glance/", "/search/?q=baclofen"]


@pytest.fixture
def urls(guide):
    return [*PAGES, TreatmentPage.objects.live().first().url]


def test_a_logged_in_editor_gets_the_userbar_on_every_page(admin_client, urls):
    for url in urls:
        html = admin_client.get(url).content.decode()
        assert USERBAR in html, url


def test_a_visitor_never_gets_the_userbar_in_fresh_or_cached_pages(urls):
    for url in urls:
        for _ in range(2):  # a render, then the page cache's copy
            response = Client().get(url)
            assert response.status_code == 200
            assert USERBAR not in response.content.decode(), url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_opens_the_userbar_and_its_accessibility_checker_in_a_browser(
    live_site, browser_page
):
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    password = "a-long-editor-password"  # noqa: S105
    get_user_model().objects.create_superuser("editor", "editor@example.org", password)
    violations = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    base = live_site.url
    browser_page.goto(base + "/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", password)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(base + "/admin/")

    treatment = TreatmentPage.objects.live().order_by("path").first()
    browser_page.goto(base + treatment.url)
    browser_page.locator("#wagtail-userbar-trigger").click()
    expect(browser_page.get_by_role("menuitem", name="Edit this page")).to_be_visible()
    browser_page.locator("#checker-trigger").click()  # Wagtail's accessibility checker
    expect(browser_page.locator("#checker-results")).to_be_visible()
    assert violations == [], "\n".join(violations)
