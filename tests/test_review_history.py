"""The approval's one-line summary, and the review history every guide page shows."""

import datetime

import pytest
import time_machine

from medical_review.models import MedicalReview
from tests.review_support import (
    ATTESTED,
    edit,
    live_title,
    messages_of,
    new_treatment,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def submit(client, users, page, title):
    client.force_login(users["editor"])
    edit(client, TreatmentPage.objects.get(pk=page.pk), "action-submit", title=title)


@pytest.mark.parametrize("summary", ["", "   ", "x" * 201])
def test_an_approval_needs_a_one_line_summary(client, users, guide, summary):
    page = new_treatment(guide)
    submit(client, users, page, "Reviewamide (revised)")
    client.force_login(users["advisor"])

    response = workflow_action(client, page, "approve", {**ATTESTED, "summary": summary})

    assert response.status_code == 302
    assert messages_of(response)
    assert live_title(page) == "Reviewamide"
    assert not MedicalReview.objects.exists()


def test_each_page_lists_its_review_history_with_reviewers_and_summaries(client, users, guide):
    page = new_treatment(guide)
    with time_machine.travel(datetime.datetime(2026, 2, 3, 9, tzinfo=datetime.UTC), tick=False):
        submit(client, users, page, "Reviewamide (first)")
        client.force_login(users["advisor2"])
        workflow_action(client, page, "approve", {**ATTESTED, "summary": "First check"})
    with time_machine.travel(datetime.datetime(2026, 9, 8, 9, tzinfo=datetime.UTC), tick=False):
        submit(client, users, page, "Reviewamide (second)")
        client.force_login(users["advisor"])
        workflow_action(
            client, page, "approve", {**ATTESTED, "summary": "Updated dosing schedule wording"}
        )
    client.logout()

    html = client.get(TreatmentPage.objects.get(pk=page.pk).url).content.decode()

    assert "Review history" in html
    second = html.index(
        '<time datetime="2026-09-08">8 September 2026</time>: reviewed by '
        "Ada Advisor, MD (Neurologist). Updated dosing schedule wording"
    )
    first = html.index(
        '<time datetime="2026-02-03">3 February 2026</time>: reviewed by '
        "Otto Other, MD. First check"
    )
    assert second < first
    assert TreatmentPage.objects.get(pk=page.pk).review_history[0]["summary"] == (
        "Updated dosing schedule wording"
    )


def test_a_page_never_reviewed_shows_no_history(client, guide):
    page = new_treatment(guide)

    assert "Review history" not in client.get(page.url).content.decode()
