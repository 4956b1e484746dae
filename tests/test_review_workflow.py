"""The medical review workflow through the real admin views: submit, approve, reject."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from medical_review.models import MedicalReview, MedicalReviewTask
from tests.review_support import (
    ATTESTED,
    edit,
    live_title,
    new_treatment,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(guide):
    return new_treatment(guide)


def submit_change(client, user, page, title="Reviewamide (revised)"):
    client.force_login(user)
    response = edit(client, page, "action-submit", title=title)
    assert response.status_code == 302, response.content[:500]
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page


def test_editor_submission_goes_to_medical_review_not_live(client, users, treatment):
    submit_change(client, users["editor"], treatment)

    assert live_title(treatment) == "Reviewamide"
    assert isinstance(treatment.current_workflow_task, MedicalReviewTask)


def test_advisor_approval_publishes_and_records_review(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])

    response = workflow_action(client, treatment, "approve", {**ATTESTED, "comment": "Checked."})

    assert response.status_code == 302
    page = TreatmentPage.objects.get(pk=treatment.pk)
    assert page.live and page.title == "Reviewamide (revised)"
    review = MedicalReview.objects.get(page=page)
    assert review.reviewer == users["advisor"]
    assert (review.reviewer_name, review.reviewer_credentials) == ("Ada Advisor", "MD")
    assert review.comment == "Checked."
    assert review.revision == page.live_revision
    assert page.last_reviewed == review.reviewed_on
    assert page.next_review_due == review.next_review_due
    assert (page.next_review_due - page.last_reviewed).days in range(365, 367)
    assert page.live_medical_review == review


def test_review_interval_comes_from_site_setting(client, users, treatment, site):
    from treatments.models import GuideSettings

    settings = GuideSettings.for_site(site)
    settings.review_interval_months = 6
    settings.save()
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)

    page = TreatmentPage.objects.get(pk=treatment.pk)
    assert (page.next_review_due - page.last_reviewed).days in range(180, 185)


def test_approval_without_attestation_is_refused(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])

    response = workflow_action(client, treatment, "approve", {"comment": "fine"}, ajax=True)

    assert response.status_code == 200
    assert "current clinical evidence" in response.json()["html"]
    treatment.refresh_from_db()
    assert treatment.workflow_in_progress
    assert live_title(treatment) == "Reviewamide"
    assert not MedicalReview.objects.exists()


def test_approval_without_attestation_outside_dialog_says_why(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])

    response = workflow_action(client, treatment, "approve", {"comment": "fine"})

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("current clinical evidence" in m for m in messages)
    assert live_title(treatment) == "Reviewamide"


def test_request_changes_requires_a_comment(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])

    response = workflow_action(client, treatment, "reject", {"comment": "  "}, ajax=True)

    assert response.status_code == 200
    assert "Say what needs to change" in response.json()["html"]
    treatment.refresh_from_db()
    assert treatment.current_workflow_state.status == "in_progress"


def test_request_changes_with_comment_sends_page_back_to_editor(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    mail.outbox.clear()

    workflow_action(client, treatment, "reject", {"comment": "Cite the dose source."})

    treatment.refresh_from_db()
    assert treatment.current_workflow_state.status == "needs_changes"
    assert live_title(treatment) == "Reviewamide"
    to_editor = [m for m in mail.outbox if "editor@example.org" in m.to]
    assert to_editor and "Reviewamide (revised)" in to_editor[0].body
    assert "Cite the dose source." in to_editor[0].body


def test_four_eyes_submitter_advisor_gets_no_approve(client, users, treatment):
    advisor = users["advisor"]
    submit_change(client, advisor, treatment)
    task = treatment.current_workflow_task

    actions = [name for name, _label, _modal in task.get_actions(treatment, advisor)]
    assert "approve" not in actions
    assert "approve" in [a for a, _l, _m in task.get_actions(treatment, users["advisor2"])]


def test_four_eyes_approve_view_refuses_submitter_with_message(client, users, treatment):
    advisor = users["advisor"]
    submit_change(client, advisor, treatment)

    response = workflow_action(client, treatment, "approve", ATTESTED)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("another medical advisor must approve" in m for m in messages)
    treatment.refresh_from_db()
    assert treatment.workflow_in_progress
    assert live_title(treatment) == "Reviewamide"


def test_four_eyes_advisor_who_last_edited_cannot_approve(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    # The second advisor changes the text while it is in review: now they are its author.
    client.force_login(users["advisor2"])
    response = edit(client, treatment, title="Reviewamide (advisor wording)")
    assert response.status_code == 302

    task = treatment.current_workflow_task
    treatment.refresh_from_db()
    assert "approve" not in [a for a, _l, _m in task.get_actions(treatment, users["advisor2"])]
    response = workflow_action(client, treatment, "approve", ATTESTED)
    assert any("edited this version" in str(m) for m in response.wsgi_request._messages)

    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)
    assert live_title(treatment) == "Reviewamide (advisor wording)"


def test_four_eyes_advisor_cannot_approve_own_draft_submitted_by_someone_else(
    client, users, treatment
):
    # The advisor drafts the clinical text; an editor then submits it (a revision of their own).
    client.force_login(users["advisor"])
    assert edit(client, treatment, title="Reviewamide (advisor draft)").status_code == 302
    submit_change(client, users["editor"], treatment, title="Reviewamide (advisor draft)")

    task = treatment.current_workflow_task
    assert "approve" not in [a for a, _l, _m in task.get_actions(treatment, users["advisor"])]
    client.force_login(users["advisor"])
    response = workflow_action(client, treatment, "approve", ATTESTED)
    assert any("wrote some of the changes" in str(m) for m in response.wsgi_request._messages)
    assert live_title(treatment) == "Reviewamide"

    client.force_login(users["advisor2"])
    workflow_action(client, treatment, "approve", ATTESTED)
    assert live_title(treatment) == "Reviewamide (advisor draft)"


def test_non_advisors_are_offered_no_review_actions(users, treatment, client):
    submit_change(client, users["editor"], treatment)
    task = treatment.current_workflow_task
    for role in ("editor", "moderator", "superuser"):
        assert task.get_actions(treatment, users[role]) == [], role


def test_advisors_are_emailed_when_a_page_is_submitted(client, users, treatment):
    mail.outbox.clear()
    submit_change(client, users["editor"], treatment)

    to_advisors = [m for m in mail.outbox if set(m.to) & {"advisor@example.org"}]
    assert to_advisors, [m.to for m in mail.outbox]
    body = to_advisors[0].body
    assert "Reviewamide (revised)" in to_advisors[0].subject + body
    assert f"http://testserver/admin/pages/{treatment.pk}/edit/" in body
    assert not [m for m in mail.outbox if "editor@example.org" in m.to]


def test_submitter_is_emailed_when_review_is_approved(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    mail.outbox.clear()

    workflow_action(client, treatment, "approve", ATTESTED)

    to_editor = [m for m in mail.outbox if "editor@example.org" in m.to]
    assert to_editor and "Reviewamide (revised)" in to_editor[0].subject + to_editor[0].body


def test_medical_review_survives_deletion_of_its_revisions(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)

    Revision.page_revisions.filter(object_id=str(treatment.pk)).delete()

    review = MedicalReview.objects.get(page=treatment)
    assert review.revision is None
    assert review.reviewer_name == "Ada Advisor"
    assert TreatmentPage.objects.get(pk=treatment.pk).live_medical_review == review


def test_page_history_lists_every_step_and_the_medical_review(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)

    actions = set(PageLogEntry.objects.filter(page=treatment).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions
    assert "medical_review.approve" in actions
    response = client.get(reverse("wagtailadmin_pages:history", args=[treatment.pk]))
    assert "Medically reviewed by Ada Advisor, MD" in response.content.decode()


def test_later_draft_does_not_roll_back_review_dates(client, users, treatment):
    submit_change(client, users["editor"], treatment)
    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)
    reviewed = TreatmentPage.objects.get(pk=treatment.pk)

    submit_change(client, users["editor"], reviewed, title="Reviewamide (third)")
    client.force_login(users["advisor2"])
    workflow_action(client, reviewed, "approve", ATTESTED)

    page = TreatmentPage.objects.get(pk=treatment.pk)
    assert page.title == "Reviewamide (third)"
    assert page.last_reviewed == reviewed.last_reviewed
    assert MedicalReview.objects.filter(page=page).count() == 2
    assert page.live_medical_review.reviewer == users["advisor2"]
