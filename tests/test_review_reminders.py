"""send_review_reminders: advisors hear about due and overdue reviews, once a day."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from medical_review.models import ReviewReminder
from tests.factories import record_review
from tests.review_support import ATTESTED, a_treatment, role_accounts, workflow_action
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

REVIEW_DAY = datetime.datetime(2025, 6, 10, 9, tzinfo=datetime.UTC)


def review_the_rest_of_the_guide(guide, but):
    """Every other guide page reviewed, and current until 2030: only `but` can fall due."""
    for page in Page.objects.descendant_of(guide, inclusive=True).exclude(pk=but.pk).specific():
        record_review(
            page,
            datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
            datetime.date(2030, 1, 1),
        )


@pytest.fixture
def reviewed(client, guide):
    """A treatment approved on 10 June 2025 (next review due 10 June 2026); the rest of the
    guide reviewed and current.
    """
    users = role_accounts()
    treatment = a_treatment(guide)
    review_the_rest_of_the_guide(guide, but=treatment)
    with time_machine.travel(REVIEW_DAY, tick=False):
        treatment.save_revision(user=users["editor"])
        treatment.get_workflow().start(treatment, users["editor"])
        client.force_login(users["advisor"])
        workflow_action(client, treatment, "approve", ATTESTED)
    mail.outbox.clear()
    return TreatmentPage.objects.get(pk=treatment.pk)


def reminders():
    return [m for m in mail.outbox if "medical review" in m.body]


def test_no_email_while_reviews_are_current(reviewed):
    with time_machine.travel(datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")
    assert reminders() == []


def test_review_due_within_30_days_is_reminded(reviewed):
    with time_machine.travel(datetime.datetime(2026, 5, 20, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")

    sent = reminders()
    assert sorted(m.to[0] for m in sent) == ["advisor2@example.org", "advisor@example.org"]
    assert "Due for medical review within 30 days" in sent[0].body
    assert f"{reviewed.title} (due 10 June 2026)" in sent[0].body
    assert f"/admin/pages/{reviewed.pk}/edit/" in sent[0].body


def test_days_option_widens_the_window(reviewed):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders", days=30)
        assert reminders() == []
        call_command("send_review_reminders", days=90)
    assert len(reminders()) == 2


def test_overdue_review_is_reminded_as_overdue(reviewed):
    with time_machine.travel(datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")

    body = reminders()[0].body
    assert "Overdue for medical review" in body
    assert "1 reviews overdue" in reminders()[0].subject


def test_running_twice_the_same_day_emails_once(reviewed):
    with time_machine.travel(datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")
        call_command("send_review_reminders")
    assert len(reminders()) == 2
    assert ReviewReminder.objects.count() == 2

    with time_machine.travel(datetime.datetime(2026, 7, 2, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")
    assert len(reminders()) == 4


def test_negative_days_is_a_clear_error(reviewed):
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("send_review_reminders", days=-1)


def test_pages_never_reviewed_are_reminded_as_due_now(guide):
    role_accounts()
    treatment = a_treatment(guide)
    review_the_rest_of_the_guide(guide, but=treatment)

    with time_machine.travel(datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)):
        call_command("send_review_reminders")

    [first, _second] = reminders()
    assert "Never had a medical review (due now):" in first.body
    assert f"- {treatment.title} (never reviewed): http://testserver/admin/pages/" in first.body
    assert "1 never reviewed" in first.subject
