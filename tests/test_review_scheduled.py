"""Scheduled publishing: the public review line describes the revision that is live."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.management import call_command

from tests.review_support import (
    ATTESTED,
    edit,
    messages_of,
    new_treatment,
    role_accounts,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

FIRST_REVIEW = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)
SCHEDULED_APPROVAL = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
AFTER_GO_LIVE = datetime.datetime(2027, 1, 6, 8, tzinfo=datetime.UTC)
OLD_LINE = (
    "Medically reviewed by Otto Other, MD on "
    '<time datetime="2026-06-01">1 June 2026</time> · Next review due '
    '<time datetime="2027-06-01">1 June 2027</time>'
)
NEW_LINE = (
    "Medically reviewed by Ada Advisor, MD (Neurologist) on "
    '<time datetime="2026-12-01">1 December 2026</time> · Next review due '
    '<time datetime="2027-12-01">1 December 2027</time>'
)


def json_ld(html):
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(data)


@pytest.fixture
def scheduled(client, guide):
    """A treatment reviewed on 1 June 2026 by advisor2; a change to it, set to go live on
    5 January 2027, approved by advisor on 1 December 2026.
    """
    users = role_accounts()
    page = new_treatment(guide)
    with time_machine.travel(FIRST_REVIEW, tick=False):
        client.force_login(users["editor"])
        edit(client, page, "action-submit", title="Reviewamide")
        client.force_login(users["advisor2"])
        workflow_action(client, page, "approve", ATTESTED)
    with time_machine.travel(SCHEDULED_APPROVAL, tick=False):
        client.force_login(users["editor"])
        response = edit(
            client,
            TreatmentPage.objects.get(pk=page.pk),
            "action-submit",
            title="Reviewamide (scheduled)",
            go_live_at="2027-01-05 09:00",
        )
        assert response.status_code == 302
        client.force_login(users["advisor"])
        response = workflow_action(client, page, "approve", ATTESTED)
    client.logout()
    return page, response


def test_a_scheduled_approval_leaves_the_live_page_and_its_review_line_alone(client, scheduled):
    page, _ = scheduled

    html = client.get(TreatmentPage.objects.get(pk=page.pk).url).content.decode()

    assert "Reviewamide (scheduled)" not in html
    assert OLD_LINE in html
    assert "Ada Advisor" not in html
    assert json_ld(html)["lastReviewed"] == "2026-06-01"
    assert json_ld(html)["reviewedBy"]["name"] == "Otto Other"


def test_the_advisor_is_told_when_the_approved_change_will_be_published(scheduled):
    _, response = scheduled

    assert any(
        "was approved; it will be published on 5 January 2027" in message
        for message in messages_of(response)
    ), messages_of(response)


def test_the_new_review_line_shows_when_publish_scheduled_puts_the_revision_live(client, scheduled):
    page, _ = scheduled

    with time_machine.travel(AFTER_GO_LIVE, tick=False):
        call_command("publish_scheduled")
        live = TreatmentPage.objects.get(pk=page.pk)
        html = client.get(live.url).content.decode()

    assert live.title == "Reviewamide (scheduled)"
    assert NEW_LINE in html
    assert json_ld(html)["lastReviewed"] == "2026-12-01"
    assert json_ld(html)["reviewedBy"]["name"] == "Ada Advisor"
    assert (live.last_reviewed, live.next_review_due) == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 12, 1),
    )
