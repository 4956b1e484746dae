"""The whole medical review journey in a real browser: editor → advisor → visitor."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.review_support import a_treatment, role_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(chromium, base_url, username):
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("form [type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return context, page


def test_editor_submits_advisor_approves_visitor_sees_reviewed_text(live_site, chromium, guide):
    role_accounts()
    treatment = a_treatment(guide)
    new_title = f"{treatment.title} (journey edit)"
    base = live_site.url

    # The editor edits a treatment and submits it; the live page does not change yet.
    context, editor = log_in(chromium, base, "editor")
    editor.goto(f"{base}/admin/pages/{treatment.pk}/edit/")
    assert editor.locator('button[name="action-publish"]').count() == 0
    editor.fill("#id_title", new_title)
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').evaluate("button => button.click()")
    context.close()

    visitor = chromium.new_context().new_page()
    visitor.goto(f"{base}{treatment.url}")
    assert new_title not in visitor.content()
    assert "not yet been medically reviewed" in visitor.content()

    # The advisor finds it on the dashboard and approves it: the attestation and a summary.
    context, advisor = log_in(chromium, base, "advisor")
    panel = advisor.locator("#medical-review-section, [id^=medical-review]").first
    assert new_title in panel.inner_text()
    row = advisor.locator("tr", has_text=new_title).first
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve").click()
    dialog = advisor.locator(".modal")
    dialog.get_by_label("I have checked this content against current clinical evidence").check()
    dialog.get_by_label("Summary of this review (shown on the page)").fill(
        "Checked against the seed source."
    )
    with advisor.expect_navigation():
        dialog.locator("form [type=submit]").click()
    context.close()

    # A visitor now sees the new text and who reviewed it.
    visitor.goto(f"{base}{treatment.url}")
    text = visitor.locator("main").inner_text()
    assert new_title in text
    assert "Medically reviewed by Ada Advisor, MD (Neurologist) on" in text
    assert "Next review due" in text
    assert "Checked against the seed source." in text  # the review history
    visitor.context.close()


def test_scheduled_change_previewed_approved_then_live_when_its_date_comes(
    live_site, chromium, guide
):
    """The editor sees the draft in the preview panel, schedules it and submits; the advisor
    approves; readers see the old text and review line until publish_scheduled puts it live.
    """
    role_accounts()
    treatment = a_treatment(guide)
    draft_title = f"{treatment.title} (scheduled journey)"
    base = live_site.url
    go_live = timezone.localtime() + datetime.timedelta(days=1)

    context, editor = log_in(chromium, base, "editor")
    editor.goto(f"{base}/admin/pages/{treatment.pk}/edit/")
    editor.fill("#id_title", draft_title)
    editor.get_by_role("button", name="Toggle preview").click()
    from playwright.sync_api import expect

    expect(
        editor.frame_locator("iframe#w-preview-iframe").get_by_text(draft_title).first
    ).to_be_visible()
    # The go-live field of the status panel's "Set schedule" dialog.
    editor.locator("#id_go_live_at").evaluate(
        "(input, value) => { input.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').evaluate("button => button.click()")
    context.close()

    context, advisor = log_in(chromium, base, "advisor")
    row = advisor.locator("tr", has_text=draft_title).first
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve").click()
    dialog = advisor.locator(".modal")
    dialog.get_by_label("I have checked this content against current clinical evidence").check()
    dialog.get_by_label("Summary of this review (shown on the page)").fill("Scheduled wording.")
    with advisor.expect_navigation():
        dialog.locator("form [type=submit]").click()
    assert "will be published on" in advisor.content()
    context.close()

    visitor = chromium.new_context().new_page()
    visitor.goto(f"{base}{treatment.url}")
    text = visitor.locator("main").inner_text()
    assert draft_title not in text
    assert "Ada Advisor" not in text

    # The go-live time arrives: cron's publish_scheduled puts the approved revision live.
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")

    visitor.goto(f"{base}{treatment.url}")
    text = visitor.locator("main").inner_text()
    assert draft_title in text
    assert "Medically reviewed by Ada Advisor, MD (Neurologist) on" in text
    assert "Scheduled wording." in text
    visitor.context.close()
