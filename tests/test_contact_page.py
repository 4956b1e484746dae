"""Readers write to the foundation's staff with the contact form: the message is stored and
e-mailed; spam, floods and bad input are refused with a clear reason and the reader's text
kept; only moderators and superusers read the messages (they may hold health details)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from policy_pages.contact import CONTACT_RATE_LIMIT
from policy_pages.retention import RETENTION_DAYS
from tests.page_text import visible_text
from tests.policy_support import MESSAGE, contact_form, send_message, site_pages
from tests.review_support import publish_unreviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(guide, settings):
    settings.CONTACT_MESSAGES_TO = ["staff@sps-foundation.example"]
    return site_pages()["contact"]


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def kept_text(response):
    return response.content.decode()


def test_the_contact_page_stays_cacheable_with_its_form(contact):
    response = Client().get(contact.url)

    assert response.status_code == 200
    assert {"public", "s-maxage=600"} <= directives(response)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    text = visible_text(response)
    for label in ("Your name (optional)", "Your e-mail address", "Your message"):
        assert label in text
    assert "We keep your message for 6 months" in text
    assert "How we handle your details" in text


def test_a_message_is_stored_emailed_to_the_staff_and_answered_privately(contact):
    response = send_message(Client(), contact)

    assert response.status_code == 200
    assert "Your message was sent" in visible_text(response)
    assert {"private", "no-cache"} <= directives(response)
    stored = FormSubmission.objects.get(page=contact)
    assert stored.get_data()["message"] == MESSAGE
    assert stored.get_data()["email"] == "rosa@example.org"
    (email,) = mail.outbox
    assert email.to == ["staff@sps-foundation.example"]
    assert email.reply_to == ["rosa@example.org"]
    assert MESSAGE in email.body
    assert reverse("wagtailforms:list_submissions", args=[contact.pk]) in email.body


def test_the_pages_own_address_wins_over_the_setting(contact):
    contact.to_address = "help@sps-foundation.example"
    publish_unreviewed(contact)  # as an approved review leaves it

    send_message(Client(), contact)

    assert mail.outbox[0].to == ["help@sps-foundation.example"]


def refused_with(response, status, reason):
    assert response.status_code == status
    text = visible_text(response)
    assert reason in text, text[:600]
    assert MESSAGE in kept_text(response)  # the reader's text is still in the form
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_filled_honeypot_is_refused_and_the_text_kept(contact):
    response = send_message(Client(), contact, leave_empty="http://spam.example")
    refused_with(response, 400, "a field meant to stay empty was filled in")


def test_a_message_sent_at_once_is_refused_and_the_text_kept(contact):
    response = send_message(Client(), contact, seconds_later=0)
    refused_with(response, 400, "quicker than a person writes")
    # The form came back with its render time: sent again a little later, it goes through.
    reader = Client()
    action = reverse("contact_send", args=[contact.pk])
    _, hidden = contact_form(response)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        again = reader.post(
            action, {**hidden, "email": "rosa@example.org", "message": MESSAGE, "leave_empty": ""}
        )
    assert again.status_code == 200
    assert FormSubmission.objects.count() == 1


def test_a_flood_from_one_address_is_refused_and_the_text_kept(contact):
    reader = Client()
    for _ in range(CONTACT_RATE_LIMIT):
        assert send_message(reader, contact, message="Another one.").status_code == 200
    FormSubmission.objects.all().delete()
    mail.outbox.clear()

    refused_with(send_message(reader, contact), 429, "several messages in the last hour")


def test_a_bad_email_address_is_a_form_error_and_the_text_kept(contact):
    response = send_message(Client(), contact, email="rosa at example")

    refused_with(response, 400, "Enter a valid email address")
    assert "please correct what is marked below" in visible_text(response)


def test_a_missing_message_is_a_form_error(contact):
    response = send_message(Client(), contact, message="")
    assert response.status_code == 400
    assert "This field is required" in visible_text(response)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rendered": "forged"},
        {"rendered": ["a", "b"], "message": ["x", "y"]},
        {"message": "x" * 100_000, "email": "a@b.c"},
        {"email": "\x00", "message": "\ud800".encode("utf-8", "surrogatepass")},
        {"name": "<script>alert(1)</script>", "leave_empty": ""},
    ],
)
def test_garbage_posts_get_a_clear_4xx_never_a_500(contact, data):
    response = Client().post(reverse("contact_send", args=[contact.pk]), data)
    assert 400 <= response.status_code < 500
    assert FormSubmission.objects.count() == 0
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_post_to_no_contact_page_is_not_found(contact, guide):
    assert Client().post(reverse("contact_send", args=[guide.pk]), {}).status_code == 404
    assert Client().post("/contact-form/99999999999999999999/", {}).status_code == 404
    assert Client().get(reverse("contact_send", args=[contact.pk])).status_code == 405


def test_a_moderator_exports_the_messages_as_csv_through_the_admin(contact, users):
    send_message(Client(), contact)
    moderator = Client()
    moderator.force_login(users["moderator"])

    forms = moderator.get(reverse("wagtailforms:index"))
    assert contact.title in forms.content.decode()
    url = reverse("wagtailforms:list_submissions", args=[contact.pk])
    listing = moderator.get(url)
    assert listing.status_code == 200 and MESSAGE in listing.content.decode()
    export = moderator.get(url, {"export": "csv"})

    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    csv = b"".join(export.streaming_content).decode()
    assert MESSAGE in csv and "rosa@example.org" in csv


@pytest.mark.parametrize("role", ["editor", "advisor"])
def test_editors_and_advisors_cannot_read_the_messages(contact, users, role):
    send_message(Client(), contact)
    client = Client()
    client.force_login(users[role])

    assert contact.title not in client.get(reverse("wagtailforms:index")).content.decode()
    for url in (
        reverse("wagtailforms:list_submissions", args=[contact.pk]),
        reverse("wagtailforms:list_submissions", args=[contact.pk]) + "?export=csv",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert MESSAGE not in response.content.decode()
    # Nor delete them.
    client.post(reverse("wagtailforms:delete_submissions", args=[contact.pk]))
    assert FormSubmission.objects.count() == 1


def test_old_messages_are_deleted_as_the_privacy_page_says(contact):
    send_message(Client(), contact)
    later = timezone.now() + datetime.timedelta(days=RETENTION_DAYS + 1)
    with time_machine.travel(later):
        call_command("purge_old_contact_messages", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FormSubmission.objects.count() == 0


def test_the_spanish_pages_are_translations_with_a_spanish_form(contact, spanish):
    from treatments.models import HomePage

    home = HomePage.objects.filter(locale=spanish).first()
    if home is None:
        home = HomePage.objects.get(locale__language_code="en").copy_for_translation(spanish)
        publish_unreviewed(home)
    pages = site_pages(home)
    page = pages["contact"]

    assert page.translation_key == contact.translation_key
    assert page.url.startswith("/es/")
    response = Client().get(page.url)
    text = visible_text(response)
    assert "Su dirección de correo electrónico" in text and "Enviar su mensaje" in text
    assert f'{contact.url}" hreflang="en"' in response.content.decode()  # language switch
    sent = send_message(Client(), page, message="Hola")
    assert sent.status_code == 200
    assert "Su mensaje se envió" in visible_text(sent)
    assert FormSubmission.objects.get(page=page).get_data()["message"] == "Hola"
    assert "Privacidad" in Client().get(pages["privacy"].url).content.decode()
