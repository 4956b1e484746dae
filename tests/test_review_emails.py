"""Wagtail's workflow e-mails speak of the medical review, for pages and reviewed snippets:
"submitted for medical review", "needs changes: ADVISOR requested changes"."""

import pytest
from django.core import mail

from tests.review_support import snippet_action, submit_snippet
from treatments.models import Person

pytestmark = pytest.mark.django_db

PERSON_FIELDS = ("name", "credentials", "role")


@pytest.fixture
def pat(guide):
    person = Person.objects.create(name="Pat Example", credentials="RN", role="test contributor")
    person.save_revision().publish()
    return Person.objects.get(pk=person.pk)


def texts_to(address):
    return [f"{m.subject}\n{m.body}\n{m.alternatives}" for m in mail.outbox if address in m.to]


def test_a_person_submitted_for_review_is_announced_to_advisors_as_medical_review(
    client, users, pat
):
    mail.outbox.clear()

    submit_snippet(client, users["editor"], pat, PERSON_FIELDS, credentials="RN, PhD")

    [to_advisor] = texts_to("advisor@example.org")
    assert 'The person "Pat Example, RN, PhD" has been submitted for medical review in "' in (
        to_advisor
    )
    assert "moderation" not in to_advisor.lower()


def test_the_editor_reads_that_a_person_needs_changes_and_who_asked(client, users, pat):
    submit_snippet(client, users["editor"], pat, PERSON_FIELDS, credentials="RN, PhD")
    mail.outbox.clear()
    client.force_login(users["advisor"])

    snippet_action(client, pat, "reject", {"comment": "Which PhD?"})

    [to_editor] = texts_to("editor@example.org")
    assert 'The person "Pat Example, RN, PhD" needs changes: changes requested in "' in to_editor
    assert 'needs changes: Ada Advisor requested changes in "' in to_editor
    assert "Which PhD?" in to_editor
    assert "reject" not in to_editor.lower() and "moderation" not in to_editor.lower()
