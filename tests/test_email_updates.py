"""A reader follows a reviewed page by e-mail: they subscribe (double opt-in), hear once when a
newly reviewed revision goes live, with what the advisor checked, and unsubscribe from any
message. The messages wait in a queue that a cron command sends, each once."""

import datetime
import io
import re
import socket

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from subscriptions.models import Subscription, UpdateMessage
from subscriptions.views import RATE_LIMIT
from tests.page_text import visible_text
from tests.review_support import ATTESTED, a_treatment, edit, workflow_action

pytestmark = pytest.mark.django_db

READER = "reader@example.org"


@pytest.fixture
def treatment(guide):
    return a_treatment(guide)


def subscribe_form(client, page):
    """From the page, the link to its e-mail updates, and the form's fields."""
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    link = soup.find("a", string=re.compile("Get e-mail updates when this page is reviewed"))
    address = link["href"]
    form = BeautifulSoup(client.get(address).content, "html.parser").select_one("main form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return address, fields


def subscribe(client, page, email=READER, seconds_later=10, **changes):
    address, fields = subscribe_form(client, page)
    data = {**fields, "email": email, "consent": "on", "website": "", **changes}
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds_later)):
        return client.post(address, {k: v for k, v in data.items() if v is not None})


def inbox(address=READER):
    """What reached `address` (the workflow's e-mails to staff go to the same outbox)."""
    return [message for message in mail.outbox if address in message.to]


def confirm_from_inbox(client):
    url = re.search(r"https?://\S+/updates/confirm/\S+/", inbox()[-1].body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert "Confirm your e-mail updates" in visible_text(page)
    return client.post("/" + path)


def review_again(users, page, title):
    editor, advisor = Client(), Client()
    editor.force_login(users["editor"])
    edit(editor, page, "action-submit", title=title)
    advisor.force_login(users["advisor"])
    assert workflow_action(advisor, page, "approve", ATTESTED).status_code == 302


def closed_port():
    """A local port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def send_updates():
    out = io.StringIO()
    call_command("send_review_updates", stdout=out)
    return out.getvalue()


def test_a_reader_subscribes_confirms_and_hears_once_what_the_advisor_checked(users, treatment):
    reader = Client()
    response = subscribe(reader, treatment)
    assert response.status_code == 303
    assert "Check your e-mail" in visible_text(reader.get(response["Location"]))
    assert len(inbox()) == 1
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None and subscription.consented_at is not None

    assert "Your e-mail updates are confirmed" in visible_text(confirm_from_inbox(reader))
    mail.outbox.clear()

    review_again(users, treatment, "Reviewamide (revised)")
    assert "Sent 1 update(s)" in send_updates()

    (message,) = inbox()
    assert "Checked against current evidence" in message.body
    assert "Ada Advisor, MD" in message.body
    assert treatment.specific.full_url in message.body
    unsubscribe = re.search(r"https?://\S+/updates/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert "Sent 0 update(s)" in send_updates()
    assert len(inbox()) == 1


def test_an_unconfirmed_address_hears_nothing_and_is_deleted_after_a_week(users, treatment):
    subscribe(Client(), treatment)
    review_again(users, treatment, "Reviewamide (revised)")
    assert not UpdateMessage.objects.exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert "deleted 1 unconfirmed subscription(s)" in send_updates()
    assert not Subscription.objects.exists()


def test_following_the_guide_and_a_treatment_brings_one_message(users, guide, treatment):
    reader = Client()
    for page in (guide, treatment):
        subscribe(reader, page)
        confirm_from_inbox(reader)
    mail.outbox.clear()

    review_again(users, treatment, "Reviewamide (revised)")
    send_updates()

    assert len(inbox()) == 1


def test_a_failed_send_stays_queued_and_goes_next_time(users, treatment):
    reader = Client()
    subscribe(reader, treatment)
    confirm_from_inbox(reader)
    review_again(users, treatment, "Reviewamide (revised)")
    mail.outbox.clear()

    unreachable = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    with override_settings(**unreachable, EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port()):
        assert "1 left queued after an error" in send_updates()
    message = UpdateMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and message.last_error

    assert "Sent 1 update(s)" in send_updates()
    assert len(inbox()) == 1


def test_unsubscribing_from_the_message_deletes_the_address(users, treatment):
    reader = Client()
    subscribe(reader, treatment)
    confirm_from_inbox(reader)
    review_again(users, treatment, "Reviewamide (revised)")
    send_updates()
    url = re.search(r"https?://\S+/updates/unsubscribe/\S+/", inbox()[-1].body).group(0)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]

    assert "Stop the e-mail updates" in visible_text(reader.get(path))
    assert Subscription.objects.exists()  # a link followed by a mail scanner changes nothing
    assert "You are unsubscribed" in visible_text(reader.post(path))
    assert not Subscription.objects.exists() and not UpdateMessage.objects.exists()


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"website": "https://spam.example"}, 400, "A field meant to stay empty was filled in"),
        ({"email": "not-an-address"}, 400, "Enter a valid email address"),
        ({"consent": None}, 400, "Please tick the box to agree"),
        ({"rendered": "forged"}, 400, "The form was open for too long"),
    ],
)
def test_bad_input_is_refused_clearly_and_keeps_the_address(treatment, changes, status, message):
    response = subscribe(Client(), treatment, **{"email": "kept@example.org", **changes})
    assert response.status_code == status
    assert message in visible_text(response)
    if "email" not in changes:
        assert 'value="kept@example.org"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_form_sent_at_once_and_a_flood_are_refused(treatment):
    reader = Client()
    response = subscribe(reader, treatment, seconds_later=0)
    assert response.status_code == 400
    assert "quicker than a person reads" in visible_text(response)
    for n in range(RATE_LIMIT):
        subscribe(reader, treatment, email=f"reader{n}@example.org")
    response = subscribe(reader, treatment, email="late@example.org")
    assert response.status_code == 429
    assert "Please try again later" in visible_text(response)


@pytest.mark.parametrize("page_id", ["999999", "abc", "9" * 40])
def test_an_unknown_page_is_not_found(guide, page_id):
    assert Client().get(f"/updates/subscribe/{page_id}/").status_code == 404


def test_the_guide_page_stays_public_and_the_form_page_private(treatment):
    reader = Client()
    page = reader.get(treatment.url)
    assert "public" in page["Cache-Control"] and not page.cookies
    address, _fields = subscribe_form(reader, treatment)
    assert "private" in reader.get(address)["Cache-Control"]
