"""The editor's preview panel shows the draft: previews may be framed by the admin only."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.review_support import new_treatment, role_accounts, treatment_form_data

DRAFT = "Preview draft wording 5b7"


def policy(response, directive):
    found = re.search(rf"(?:^|;)\s*{directive} ([^;]*)", response["Content-Security-Policy"])
    return found.group(1).split() if found else None


@pytest.fixture
def editor_client(guide):
    client = Client()
    client.force_login(role_accounts()["editor"])
    return client


def preview(client, url, data):
    """Posts the editor's form to the preview URL, then loads it as the panel's frame does."""
    posted = client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": "", "in_preview_panel": "true"})


def assert_framable_by_the_admin_only(response):
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response, "frame-ancestors") == ["'self'"]
    # Nothing else is weakened: the framed page keeps the public site's strict rules.
    assert policy(response, "script-src") == ["'self'"]
    assert policy(response, "style-src") == ["'self'"]


def test_preview_of_an_edited_page_shows_the_draft_and_may_be_framed_by_the_admin(
    editor_client, guide
):
    treatment = new_treatment(guide)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[treatment.pk])

    response = preview(editor_client, url, treatment_form_data(treatment, targets=DRAFT))

    assert response.status_code == 200
    assert DRAFT in response.content.decode()
    assert_framable_by_the_admin_only(response)


def test_preview_of_a_new_page_may_be_framed_by_the_admin(editor_client, guide):
    category = new_treatment(guide).get_parent()
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["treatments", "treatmentpage", category.pk]
    )
    draft = treatment_form_data(
        new_treatment(guide, title="Unsaved"), slug="previewamide", targets=DRAFT
    )

    response = preview(editor_client, url, {**draft, "title": "Previewamide"})

    assert response.status_code == 200
    assert "Previewamide" in response.content.decode()
    assert_framable_by_the_admin_only(response)


def test_public_pages_may_still_not_be_framed_at_all(guide):
    treatment = new_treatment(guide)
    for url in ("/", treatment.url, "/search/?q=baclofen", "/no-such-page/"):
        response = Client().get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert policy(response, "frame-ancestors") == ["'none'"], url


@pytest.mark.browser
def test_editor_sees_the_draft_in_the_preview_panel(live_site, browser_page):
    from playwright.sync_api import expect

    from treatments.models import TreatmentGuidePage

    accounts = role_accounts()
    accounts["editor"].set_password("preview-panel-pw")
    accounts["editor"].save()
    treatment = new_treatment(TreatmentGuidePage.objects.get())
    base = live_site.url
    blocked = []
    browser_page.on(
        "console",
        lambda message: blocked.append(message.text) if "frame" in message.text else None,
    )

    browser_page.goto(base + "/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", "preview-panel-pw")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(base + "/admin/")
    browser_page.goto(base + f"/admin/pages/{treatment.pk}/edit/")
    browser_page.fill("#id_targets", DRAFT)
    browser_page.get_by_role("button", name="Toggle preview").click()

    frame = browser_page.frame_locator("iframe#w-preview-iframe")
    expect(frame.get_by_text(DRAFT)).to_be_visible()
    assert blocked == [], blocked
