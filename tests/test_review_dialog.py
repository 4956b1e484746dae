"""The advisor's approve dialog shows what changed; what the approval and the e-mails say."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.review_support import (
    ATTESTED,
    edit,
    messages_of,
    new_treatment,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def approve_dialog(client, page):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", page.current_workflow_task_state.pk],
    )
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    return response.json()["html"]


def test_the_approve_dialog_shows_the_changes_as_a_diff(client, users, in_review):
    client.force_login(users["advisor"])

    html = approve_dialog(client, in_review)

    assert "Changes from the live page" in html
    assert 'Reviewamide<span class="addition"> (revised)</span>' in html
    assert '<span class="addition">Twice daily.</span>' in html
    assert 'name="summary"' in html and 'name="attestation"' in html


def test_the_approve_dialog_compares_with_the_last_approved_version(client, users, in_review):
    client.force_login(users["advisor"])
    workflow_action(client, in_review, "approve", ATTESTED)
    client.force_login(users["editor"])
    edit(
        client,
        TreatmentPage.objects.get(pk=in_review.pk),
        "action-submit",
        title="Reviewamide (third)",
        regimen="Twice daily.",
    )
    client.force_login(users["advisor2"])

    html = approve_dialog(client, TreatmentPage.objects.get(pk=in_review.pk))

    assert "Changes since the version approved on" in html
    assert (
        'Reviewamide (<span class="deletion">revised)</span><span class="addition">third)</span>'
        in html
    )
    assert "Regimen notes" not in html  # unchanged since the approval


def test_the_advisor_is_told_the_page_was_approved_and_published(client, users, in_review):
    client.force_login(users["advisor"])

    response = workflow_action(client, in_review, "approve", ATTESTED)

    assert any(
        "“Reviewamide (revised)” was approved and published." in m for m in messages_of(response)
    )


def test_emails_say_changes_requested_and_who_asked(client, users, in_review):
    mail.outbox.clear()
    client.force_login(users["advisor"])

    workflow_action(client, in_review, "reject", {"comment": "Cite the dose."})

    [to_editor] = [m for m in mail.outbox if "editor@example.org" in m.to]
    text = f"{to_editor.subject}\n{to_editor.body}"
    assert "needs changes" in to_editor.subject
    assert "Ada Advisor requested changes" in to_editor.body
    assert "Cite the dose." in to_editor.body
    assert "http://testserver/admin/pages/" in to_editor.body
    assert "reject" not in text.lower() and "moderation" not in text.lower()


def test_the_submission_email_speaks_of_medical_review(client, users, guide):
    page = new_treatment(guide)
    mail.outbox.clear()
    client.force_login(users["editor"])

    edit(client, page, "action-submit", title="Reviewamide (revised)")

    [to_advisor] = [m for m in mail.outbox if "advisor@example.org" in m.to]
    assert "submitted for medical review" in to_advisor.subject
    assert "moderation" not in f"{to_advisor.subject}\n{to_advisor.body}".lower()
    assert "http://testserver/admin/pages/" in to_advisor.body


def test_the_workflow_dialog_names_the_advisor_who_requested_changes(client, users, in_review):
    client.force_login(users["advisor"])
    workflow_action(client, in_review, "reject", {"comment": "Cite the dose."})
    client.force_login(users["editor"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[in_review.pk])).content.decode()

    assert re.search(r"Changes requested [^<]* by Ada Advisor", html)
    assert not re.search(r"Changes requested [^<]* by Eve Editor", html)
