"""What goes live is what the approving advisor was shown: a change saved during a review
restarts it, and its author cannot approve it.
"""

import pytest

from medical_review.models import CHANGED_DURING_REVIEW, MedicalReview
from tests.review_support import (
    ATTESTED,
    edit,
    live_title,
    messages_of,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def test_an_advisors_save_during_a_review_restarts_it_and_the_opened_approval_is_refused(
    client, users, in_review
):
    opened = in_review.current_workflow_task_state  # what advisor2 was shown
    client.force_login(users["advisor"])
    edit(client, in_review, title="Reviewamide (advisor's)")

    client.force_login(users["advisor2"])
    response = workflow_action(client, in_review, "approve", ATTESTED, task_state=opened)

    assert response.status_code == 302
    assert any(CHANGED_DURING_REVIEW in m for m in messages_of(response))
    assert live_title(in_review) == "Reviewamide"
    assert not MedicalReview.objects.filter(page=in_review).exists()
    in_review.refresh_from_db()
    restarted = in_review.current_workflow_task_state
    assert restarted.pk != opened.pk
    assert restarted.revision == in_review.get_latest_revision()
    assert restarted.revision.user == users["advisor"]


def test_the_author_of_the_change_made_during_review_cannot_approve_it(client, users, in_review):
    client.force_login(users["advisor"])
    edit(client, in_review, title="Reviewamide (advisor's)")

    response = workflow_action(client, in_review, "approve", ATTESTED)

    assert response.status_code in (302, 403)
    assert live_title(in_review) == "Reviewamide"
    assert not MedicalReview.objects.filter(page=in_review).exists()


def test_another_advisor_approves_exactly_the_new_revision_under_their_name(
    client, users, in_review
):
    client.force_login(users["advisor"])
    edit(client, in_review, title="Reviewamide (advisor's)")
    in_review.refresh_from_db()
    shown = in_review.current_workflow_task_state.revision

    client.force_login(users["advisor2"])
    response = workflow_action(client, in_review, "approve", ATTESTED)

    assert response.status_code == 302
    page = TreatmentPage.objects.get(pk=in_review.pk)
    review = MedicalReview.objects.get(page=page)
    assert page.title == "Reviewamide (advisor's)"
    assert review.revision == shown == page.live_revision
    assert review.reviewer == users["advisor2"]


def test_an_approval_publishes_the_revision_it_was_shown_not_a_later_one(client, users, in_review):
    task_state = in_review.current_workflow_task_state
    client.force_login(users["advisor"])

    workflow_action(client, in_review, "approve", ATTESTED)

    page = TreatmentPage.objects.get(pk=in_review.pk)
    review = MedicalReview.objects.get(page=page)
    assert review.revision_id == task_state.revision_id == page.live_revision_id
    assert page.title == "Reviewamide (revised)"
