"""`manage.py audit_reviews` checks the promise over every live reviewed page and snippet: a
live row written past the review, or a revision put live without an approval, is named; what
goes live through the admin's review keeps the audit passing. Advisors see the last audit's
result on their dashboard."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from glossary.loading import load_glossary
from glossary.models import GlossaryTerm
from medical_review.audit import AuditRun
from medical_review.models import MedicalReview
from tests.page_text import visible_text
from tests.review_support import (
    ATTESTED,
    edit,
    new_treatment,
    publish_unreviewed,
    workflow_action,
)
from treatments.models import Person, TreatmentPage

pytestmark = pytest.mark.django_db


def audit():
    """Runs the command as cron does: (its output, its errors, the CommandError or None)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_reviews", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def live(model, pk):
    return model.objects.get(pk=pk)


@pytest.fixture
def treatment(guide):
    return new_treatment(guide)


def test_the_loaded_guide_passes_and_the_command_says_how_many_objects_it_checked(guide):
    out, err, error = audit()

    assert error is None, err
    checked = AuditRun.objects.get().checked
    assert checked >= TreatmentPage.objects.live().count() > 0
    assert f"All {checked} live reviewed objects keep the promise." in out
    assert err == ""


def test_a_live_row_written_past_the_review_is_named(treatment):
    TreatmentPage.objects.filter(pk=treatment.pk).update(title="Take twice the dose")

    _out, err, error = audit()

    assert error is not None
    assert "1 violation" in str(error)
    assert (
        f"treatments.TreatmentPage {treatment.pk} “Take twice the dose” (en): "
        "its live row differs from its live revision in title"
    ) in err
    assert not AuditRun.objects.get().passed


def test_a_revision_put_live_without_an_approval_is_named(users, treatment):
    draft = live(TreatmentPage, treatment.pk).save_revision(user=users["editor"])
    Page.objects.filter(pk=treatment.pk).update(live_revision=draft)

    _out, err, error = audit()

    assert error is not None
    assert (
        f"treatments.TreatmentPage {treatment.pk} “Reviewamide” (en): "
        "its live revision was never approved in a review"
    ) in err
    assert "differs" not in err  # the row holds exactly that revision's content


def test_a_revision_marked_approved_by_its_own_author_is_named(users, treatment):
    editor = users["editor"]
    client = Client()
    client.force_login(editor)
    edit(client, treatment, "action-submit", title="Reviewamide (revised)")
    client.force_login(users["advisor"])
    workflow_action(client, treatment, "approve", ATTESTED)
    page = live(TreatmentPage, treatment.pk)
    # The approval is rewritten to the author's name, past the workflow's own checks.
    page.live_revision.task_states.update(finished_by=editor)

    _out, err, error = audit()

    assert error is not None
    assert "its live revision was approved by someone who wrote some of it" in err


def test_an_advisors_approval_in_the_admin_keeps_the_audit_passing(client, users, treatment):
    client.force_login(users["editor"])
    edit(client, treatment, "action-submit", title="Reviewamide (revised)")
    client.force_login(users["advisor"])
    assert workflow_action(client, treatment, "approve", ATTESTED).status_code == 302

    _out, err, error = audit()

    assert error is None, err
    page = live(TreatmentPage, treatment.pk)
    review = MedicalReview.objects.get(revision=page.live_revision)
    assert page.title == "Reviewamide (revised)"
    assert page.last_reviewed == review.reviewed_on == timezone.localdate()
    line = f"Medically reviewed by Ada Advisor, MD (Neurologist) on {review.reviewed_on:%-d %B %Y}"
    assert line in visible_text(Client().get(page.url))


def test_a_moderators_editorial_approval_does_not_publish_a_medical_page(users, treatment):
    """A medical page counts only a medical approval: an approved editorial review of its
    revision, on record as if a superuser had rewired the workflows, publishes nothing."""
    from django.core.exceptions import PermissionDenied
    from wagtail.models import TaskState, Workflow, WorkflowState

    from editorial_review.models import EditorialReviewTask

    page = live(TreatmentPage, treatment.pk)
    page.title = "Take twice the dose"
    revision = page.save_revision(user=users["editor"])
    state = WorkflowState.objects.create(
        workflow=Workflow.objects.get(name="Editorial review"),
        content_type_id=page.content_type_id,
        base_content_type_id=revision.base_content_type_id,
        object_id=str(page.pk),
        status=WorkflowState.STATUS_APPROVED,
        requested_by=users["editor"],
    )
    TaskState.objects.create(
        workflow_state=state,
        revision=revision,
        task=EditorialReviewTask.objects.get(),
        status=TaskState.STATUS_APPROVED,
        finished_by=users["moderator"],
        finished_at=timezone.now(),
    )

    with pytest.raises(PermissionDenied):
        Revision.objects.get(pk=revision.pk).publish()

    assert live(TreatmentPage, treatment.pk).title == "Reviewamide"
    _out, err, error = audit()
    assert error is None, err


def test_a_person_written_past_the_review_is_named(guide):
    person = Person.objects.create(name="Pat Example", credentials="RN", role="test contributor")
    publish_unreviewed(person)
    Person.objects.filter(pk=person.pk).update(credentials="MD")

    _out, err, error = audit()

    assert error is not None
    assert (
        f"treatments.Person {person.pk} “Pat Example, MD” (en): "
        "its live row differs from its live revision in credentials"
    ) in err


def test_a_glossary_term_written_past_the_review_is_named(guide):
    load_glossary()
    term = GlossaryTerm.objects.get(slug="b-cells")
    assert audit()[2] is None
    GlossaryTerm.objects.filter(pk=term.pk).update(term="Made-up word")

    _out, err, error = audit()

    assert error is not None
    assert f"glossary.GlossaryTerm {term.pk} “Made-up word” (en)" in err
    assert "its live row differs from its live revision in term" in err


def test_every_violation_is_listed_and_counted(users, treatment):
    person = Person.objects.create(name="Pat Example", credentials="RN")
    publish_unreviewed(person)
    TreatmentPage.objects.filter(pk=treatment.pk).update(title="Take twice the dose")
    Person.objects.filter(pk=person.pk).update(credentials="MD")

    _out, err, error = audit()

    assert "2 violation(s)" in str(error)
    assert len(err.strip().splitlines()) == 2
    assert Revision.objects.for_instance(treatment).count() == 1  # nothing repaired


# -- the advisors' dashboard ---------------------------------------------------------------------

AUDIT_TIME = datetime.datetime(2026, 12, 1, 4, 30, tzinfo=datetime.UTC)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return visible_text(response)


def test_the_dashboard_says_when_no_audit_has_run(client, users):
    assert "No audit has run yet." in dashboard(client, users["advisor"])


def test_the_dashboard_shows_the_last_audit_that_passed(client, users):
    with time_machine.travel(AUDIT_TIME, tick=False):
        assert audit()[2] is None
    checked = AuditRun.objects.get().checked

    text = dashboard(client, users["advisor"])

    assert (
        f"Last review audit: 1 December 2026, 04:30: all {checked} live pages and snippets "
        "keep the review."
    ) in text
    assert "No audit has run yet." not in text


def test_the_dashboard_lists_the_first_violations_of_the_last_audit(client, users, guide):
    pages = list(TreatmentPage.objects.live().order_by("path")[:7])
    for n, page in enumerate(pages):
        TreatmentPage.objects.filter(pk=page.pk).update(title=f"Changed past the review {n}")
    with time_machine.travel(AUDIT_TIME, tick=False):
        assert audit()[2] is not None

    text = dashboard(client, users["advisor"])

    assert "Last review audit: 1 December 2026, 04:30: 7 violations of the review" in text
    shown = [n for n in range(7) if f"“Changed past the review {n}” (en)" in text]
    assert len(shown) == 5
    assert "… and 2 more: run manage.py audit_reviews for the full list." in text


def test_the_dashboard_shows_only_the_latest_audit(client, users, treatment):
    TreatmentPage.objects.filter(pk=treatment.pk).update(title="Take twice the dose")
    assert audit()[2] is not None
    TreatmentPage.objects.filter(pk=treatment.pk).update(title="Reviewamide")
    assert audit()[2] is None

    text = dashboard(client, users["advisor"])

    assert "keep the review." in text
    assert "Take twice the dose" not in text


def test_editors_do_not_see_the_audit(client, users):
    assert "Last review audit" not in dashboard(client, users["editor"])
    assert "No audit has run yet." not in dashboard(client, users["editor"])
