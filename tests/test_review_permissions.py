"""Who may do what to a treatment page, through the real admin views.

Each role tries create / edit / submit / approve / reject / publish / unpublish; the test
checks the answer (done, or refused with 403 / a redirect and message) and the live page.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from glossary.models import GlossaryTerm
from medical_review.permissions import EDITORS
from medical_review.views import PUBLISH_REFUSED
from tests.review_support import (
    ATTESTED,
    edit,
    edit_snippet,
    live_title,
    make_user,
    new_treatment,
    publish_unreviewed,
    role_accounts,
    snippet_url,
    submit_snippet,
    treatment_form_data,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

ROLES = ["editor", "advisor", "moderator", "superuser"]


@pytest.fixture
def users(guide):
    accounts = role_accounts()
    accounts["author"] = make_user("author", EDITORS, name="Arthur Author")
    return accounts


@pytest.fixture
def treatment(guide):
    return new_treatment(guide)


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


def refused(response):
    """403, or Wagtail's redirect with an explanation."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and bool(messages_of(response))


def submitted_by_author(client, users, page):
    client.force_login(users["author"])
    assert edit(client, page, "action-submit", title="Reviewamide (revised)").status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_create_a_draft_treatment(client, users, treatment, role):
    client.force_login(users[role])
    category = treatment.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["treatments", "treatmentpage", category.pk])
    data = treatment_form_data(treatment, title=f"Draftamide {role}", slug=f"draftamide-{role}")

    response = client.post(url, data)

    assert response.status_code == 302, messages_of(response)
    created = TreatmentPage.objects.get(slug=f"draftamide-{role}")
    assert not created.live


@pytest.mark.parametrize("role", ROLES)
def test_nobody_can_create_and_publish_a_treatment_at_once(client, users, treatment, role):
    client.force_login(users[role])
    category = treatment.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["treatments", "treatmentpage", category.pk])
    data = treatment_form_data(treatment, title="Liveamide", slug="liveamide")
    data["action-publish"] = "1"

    response = client.post(url, data)

    assert refused(response)
    assert any(PUBLISH_REFUSED in m for m in messages_of(response))
    assert not TreatmentPage.objects.filter(slug="liveamide").exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_save_a_draft_without_changing_the_live_page(client, users, treatment, role):
    client.force_login(users[role])

    response = edit(client, treatment, title="Reviewamide (draft)")

    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.has_unpublished_changes
    assert live_title(treatment) == "Reviewamide"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_submit_for_medical_review(client, users, treatment, role):
    client.force_login(users[role])

    response = edit(client, treatment, "action-submit", title="Reviewamide (submitted)")

    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.current_workflow_state.workflow.name == "Medical review"
    assert live_title(treatment) == "Reviewamide"


@pytest.mark.parametrize(
    "role,allowed",
    [("editor", False), ("advisor", True), ("moderator", False), ("superuser", False)],
)
def test_only_advisors_can_approve(client, users, treatment, role, allowed):
    submitted_by_author(client, users, treatment)
    client.force_login(users[role])

    response = workflow_action(client, treatment, "approve", ATTESTED)

    if allowed:
        assert response.status_code == 302
        assert live_title(treatment) == "Reviewamide (revised)"
    else:
        assert refused(response)
        assert live_title(treatment) == "Reviewamide"
        treatment.refresh_from_db()
        assert treatment.workflow_in_progress


@pytest.mark.parametrize(
    "role,allowed",
    [("editor", False), ("advisor", True), ("moderator", False), ("superuser", False)],
)
def test_only_advisors_can_request_changes(client, users, treatment, role, allowed):
    submitted_by_author(client, users, treatment)
    client.force_login(users[role])

    response = workflow_action(client, treatment, "reject", {"comment": "Source?"})

    treatment.refresh_from_db()
    if allowed:
        assert treatment.current_workflow_state.status == "needs_changes"
    else:
        assert refused(response)
        assert treatment.current_workflow_state.status == "in_progress"
    assert live_title(treatment) == "Reviewamide"


@pytest.mark.parametrize("role", ROLES)
def test_nobody_is_offered_publish_in_the_editor(client, users, treatment, role):
    client.force_login(users[role])

    response = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


@pytest.mark.parametrize("role", ROLES)
def test_nobody_can_publish_a_treatment_directly(client, users, treatment, role):
    client.force_login(users[role])

    response = edit(client, treatment, "action-publish", title="Reviewamide (unreviewed)")

    assert refused(response)
    assert any(PUBLISH_REFUSED in m for m in messages_of(response))
    assert live_title(treatment) == "Reviewamide"
    assert not Page.objects.get(pk=treatment.pk).has_unpublished_changes


@pytest.mark.parametrize("role", ROLES)
def test_nobody_can_bulk_publish_a_draft(client, users, treatment, role):
    treatment.title = "Reviewamide (unreviewed)"
    treatment.save_revision(user=users["author"])
    client.force_login(users[role])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    client.post(f"{url}?id={treatment.pk}", {"include_descendants": ""})

    assert live_title(treatment) == "Reviewamide"


@pytest.mark.parametrize(
    "role,allowed",
    [("editor", False), ("advisor", False), ("moderator", True), ("superuser", True)],
)
def test_only_moderators_and_superusers_can_unpublish_at_once(
    client, users, treatment, role, allowed
):
    client.force_login(users[role])

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[treatment.pk]))

    treatment.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert not treatment.live
    else:
        assert refused(response)
        assert treatment.live


def test_moderators_publish_no_page_directly_and_take_guide_pages_down(client, users, guide):
    home = guide.get_parent().specific
    home.title = "SPS Treatment Guide (new welcome)"
    home.save_revision(user=users["moderator"])
    client.force_login(users["moderator"])

    # The home page goes live through the editorial review, the guide through the medical one.
    assert not home.permissions_for_user(users["moderator"]).can_publish()
    assert not guide.permissions_for_user(users["moderator"]).can_publish()
    assert guide.permissions_for_user(users["moderator"]).can_unpublish()


def test_editors_and_advisors_write_pages_under_the_home_page_but_not_its_own_fields(users, guide):
    home = guide.get_parent().specific
    for role in ("editor", "advisor"):
        perms = home.permissions_for_user(users[role])
        assert not perms.can_edit(), role
        assert perms.can_add_subpage(), role  # the foundation's content pages


def test_moderator_can_cancel_a_review_they_cannot_approve(client, users, treatment):
    submitted_by_author(client, users, treatment)
    client.force_login(users["moderator"])

    page_html = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk])).content
    assert b"Cancel medical review" in page_html
    response = edit(client, treatment, "action-cancel-workflow", title="Reviewamide (revised)")

    assert response.status_code == 302
    treatment.refresh_from_db()
    assert not treatment.workflow_in_progress
    assert live_title(treatment) == "Reviewamide"


def test_editor_cannot_cancel_someone_elses_review(client, users, treatment):
    submitted_by_author(client, users, treatment)
    client.force_login(users["editor"])

    edit(client, treatment, "action-cancel-workflow", title="Reviewamide (revised)")

    treatment.refresh_from_db()
    assert treatment.workflow_in_progress


@pytest.mark.parametrize("role", ["advisor", "author"])
def test_the_writer_and_advisors_are_neither_offered_nor_allowed_to_cancel_a_review(
    client, users, treatment, role
):
    submitted_by_author(client, users, treatment)
    client.force_login(users[role])

    page_html = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk])).content
    assert b'name="action-cancel-workflow"' not in page_html
    response = edit(client, treatment, "action-cancel-workflow", title="Reviewamide (revised)")

    assert refused(response)
    treatment.refresh_from_db()
    assert treatment.workflow_in_progress


@pytest.mark.parametrize("role", ["advisor", "editor"])
def test_advisors_and_editors_cannot_cancel_the_review_of_a_glossary_term(client, users, role):
    fields = ("term", "expansion", "other_forms", "definition", "slug")
    term = GlossaryTerm.objects.create(term="Testword", definition="A made-up word.", slug="t")
    publish_unreviewed(term)
    submit_snippet(client, users["author"], term, fields, definition="A made-up word, changed.")
    client.force_login(users[role])

    form = client.get(snippet_url(GlossaryTerm, "edit", term.pk)).content
    assert b'name="action-cancel-workflow"' not in form
    response = edit_snippet(client, term, fields, "action-cancel-workflow")

    assert refused(response)
    assert GlossaryTerm.objects.get(pk=term.pk).workflow_in_progress


def test_a_moderator_cancels_the_review_of_a_glossary_term(client, users):
    fields = ("term", "expansion", "other_forms", "definition", "slug")
    term = GlossaryTerm.objects.create(term="Testword", definition="A made-up word.", slug="t")
    publish_unreviewed(term)
    submit_snippet(client, users["author"], term, fields, definition="A made-up word, changed.")
    client.force_login(users["moderator"])

    form = client.get(snippet_url(GlossaryTerm, "edit", term.pk)).content
    assert b"Cancel medical review" in form
    assert edit_snippet(client, term, fields, "action-cancel-workflow").status_code == 302
    assert not GlossaryTerm.objects.get(pk=term.pk).workflow_in_progress
