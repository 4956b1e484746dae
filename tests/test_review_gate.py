"""The one gate: whatever the path, a reviewed object's live text changes only when a revision
that a review approved goes live; the audit finds any row written past the gate."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from medical_review.gate import ReviewRequired
from medical_review.invariant import audit
from tests.review_support import (
    ATTESTED,
    edit,
    messages_of,
    new_treatment,
    treatment_form_data,
    workflow_action,
)
from treatments.models import Person, TreatmentGuidePage, TreatmentPage

UNREVIEWED = "NOT REVIEWED: take twice the dose."


@pytest.fixture
def treatment(guide):
    return new_treatment(guide)


def public_text(client, page):
    return client.get(page.url).content.decode()


def test_a_save_of_the_live_row_from_the_shell_is_kept_as_a_draft(client, users, treatment):
    page = TreatmentPage.objects.get(pk=treatment.pk)
    page.regimen = UNREVIEWED
    page.save()

    assert TreatmentPage.objects.get(pk=treatment.pk).regimen != UNREVIEWED
    assert UNREVIEWED not in public_text(client, treatment)
    latest = TreatmentPage.objects.get(pk=treatment.pk).get_latest_revision_as_object()
    assert latest.regimen == UNREVIEWED  # nothing is lost: the text waits as a draft
    assert audit()[1] == []


def test_publishing_an_unapproved_revision_from_the_shell_is_refused(client, users, treatment):
    page = TreatmentPage.objects.get(pk=treatment.pk)
    page.regimen = UNREVIEWED
    revision = page.save_revision(user=users["editor"])

    with pytest.raises(ReviewRequired):
        revision.publish(skip_permission_checks=True)

    assert UNREVIEWED not in public_text(client, treatment)
    assert audit()[1] == []


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_a_publish_posted_from_the_editor_changes_nothing_readers_see(
    client, users, treatment, role
):
    client.force_login(users[role])

    response = edit(client, treatment, "action-publish", regimen=UNREVIEWED)

    assert response.status_code < 500
    assert UNREVIEWED not in public_text(client, treatment)
    assert audit()[1] == []


def test_an_advisor_cannot_approve_their_own_text_restored_by_an_editor(client, users, treatment):
    # The advisor drafts a change; an editor replaces it and a second advisor approves that.
    client.force_login(users["advisor"])
    edit(client, treatment, regimen="Advisor's own words.")
    advisor_revision = TreatmentPage.objects.get(pk=treatment.pk).latest_revision
    client.force_login(users["editor"])
    edit(client, treatment, "action-submit", regimen="Editor's words.")
    client.force_login(users["advisor2"])
    workflow_action(client, treatment, "approve", ATTESTED)
    assert "Editor's words." in public_text(client, treatment)

    # The editor restores the advisor's revision and submits it.
    client.force_login(users["editor"])
    revert = reverse(
        "wagtailadmin_pages:revisions_revert", args=[treatment.pk, advisor_revision.pk]
    )
    page = TreatmentPage.objects.get(pk=treatment.pk)
    data = treatment_form_data(page, regimen="Advisor's own words.")
    data["action-submit"] = "1"
    response = client.post(revert, data)
    assert response.status_code == 302

    # The advisor is offered no approval, and one posted directly is refused.
    client.force_login(users["advisor"])
    response = workflow_action(client, treatment, "approve", ATTESTED)
    assert response.status_code in (302, 403)
    assert "Advisor's own words." not in public_text(client, treatment)
    assert "Editor's words." in public_text(client, treatment)
    assert audit()[1] == []


@pytest.fixture
def spanish_alias_of_guide(guide, spanish):
    """The Spanish guide as Wagtail makes it above a first translation: an alias, live, with
    the English text."""
    treatment = TreatmentPage.objects.filter(locale=Locale.get_default()).live().first()
    treatment.copy_for_translation(spanish, copy_parents=True)
    return TreatmentGuidePage.objects.get(locale=spanish)


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_converting_an_alias_makes_a_draft_not_a_live_page(
    client, users, spanish_alias_of_guide, role
):
    alias = spanish_alias_of_guide
    assert alias.alias_of_id is not None and alias.live
    client.force_login(users[role])

    response = client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))

    assert response.status_code < 500
    converted = Page.objects.get(pk=alias.pk)
    if converted.alias_of_id is None:
        assert not converted.live
    assert client.get("/es/treatments/").status_code != 200 or converted.alias_of_id is not None
    assert audit()[1] == []


def test_a_new_live_page_made_in_the_shell_is_kept_as_a_draft(guide):
    category = guide.get_children().first()
    page = TreatmentPage(title="Shellamide", generic_name="Shellamide", kind="medication")

    category.add_child(instance=page)

    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_a_snippet_saved_live_from_the_shell_is_kept_as_a_draft(guide):
    person = Person.objects.filter(live=True).first()
    name = person.name
    person.name = "Dr Nobody"
    person.save()

    assert Person.objects.get(pk=person.pk).name == name
    assert Person.objects.get(pk=person.pk).get_latest_revision_as_object().name == "Dr Nobody"
    assert audit()[1] == []


def test_the_person_who_was_held_back_is_told_why(client, users, treatment):
    client.force_login(users["superuser"])

    response = edit(client, treatment, "action-publish", regimen=UNREVIEWED)

    assert response.status_code < 500
    told = " ".join(messages_of(response))
    assert "review" in told.lower()
