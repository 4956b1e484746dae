"""Readers tell us whether a guide page helped, or report a mistake: plain forms that work
without JavaScript, on pages that stay cacheable, guarded against spam and floods."""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.guards import RATE_LIMIT
from feedback.models import COMMENT_MAX_LENGTH, Feedback
from glossary.models import GlossaryPage
from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import a_treatment
from tests.test_spanish_site import baclofen, spanish, translate_with_ancestors
from treatments.models import TherapyCategoryPage

pytestmark = pytest.mark.django_db

COMMENT = "I could not find how long it takes to work."


@pytest.fixture
def treatment(guide):
    return a_treatment(guide)


def feedback_forms(response):
    """The page's feedback forms as a reader's browser would send them: action and fields."""
    soup = BeautifulSoup(response.content, "html.parser")
    forms = soup.select("#feedback form")
    return [
        (
            form["action"],
            {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")},
        )
        for form in forms
    ]


def send(client, page, answer, comment="", seconds_later=10, changes=None):
    """A reader reads `page`, waits `seconds_later`, then sends the form for `answer` (with
    `changes` to what the browser sends)."""
    helpful, mistake = feedback_forms(client.get(page.url))
    action, fields = mistake if answer == "mistake" else helpful
    data = {**fields, "answer": answer, "comment": comment, "leave_empty": "", **(changes or {})}
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds_later)):
        return client.post(action, data)


def test_a_reader_without_javascript_says_a_page_did_not_help_and_why(treatment):
    reader = Client()

    response = send(reader, treatment, "no", COMMENT)

    assert response.status_code == 303
    thanks = reader.get(response["Location"])
    assert "Thank you for your feedback" in visible_text(thanks)
    assert f"Back to {treatment.title}" in visible_text(thanks)
    stored = Feedback.objects.get()
    assert (stored.page_id, stored.kind, stored.comment) == (treatment.pk, "no", COMMENT)


def test_every_guide_page_type_asks_for_feedback_and_offers_to_report_a_mistake(guide, treatment):
    pages = [guide, TherapyCategoryPage.objects.live().first(), treatment]
    pages += list(GlossaryPage.objects.live()[:1])
    for page in pages:
        response = Client().get(page.url)
        text = visible_text(response)
        assert "Was this page helpful?" in text, page
        assert "Report a mistake" in text, page
        assert "We keep the page, your answer, your comment and the date, for 12 months" in text
        assert "name or e-mail" in text


def test_the_page_with_the_form_stays_public_and_sets_no_cookie(treatment):
    response = Client().get(treatment.url)

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "s-maxage=600"} <= directives
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert len(feedback_forms(response)) == 2


def test_a_reported_mistake_tops_reviews_due_and_emails_the_advisors(
    treatment, users, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(Client(), treatment, "mistake", "The dose on this page looks wrong.")

    assert response.status_code == 303
    assert "A medical advisor will check the page" in visible_text(
        Client().get(response["Location"])
    )
    recipients = {address for message in mail.outbox for address in message.to}
    assert {users["advisor"].email, users["advisor2"].email} <= recipients
    assert users["editor"].email not in recipients
    message = next(m for m in mail.outbox if m.to == [users["advisor"].email])
    assert treatment.title in message.subject
    assert "The dose on this page looks wrong." in message.body
    assert reverse("wagtailadmin_pages:edit", args=[treatment.pk]) in message.body

    client.force_login(users["advisor"])
    report = client.get(reverse("medical_review_reviews_due"))
    assert report.context["object_list"][0].pk == treatment.pk
    assert "Mistake reported" in report.content.decode()


def test_a_review_after_the_report_takes_the_page_off_the_top(treatment, users, client):
    send(Client(), treatment, "mistake", "The dose looks wrong.")
    now = timezone.now() + datetime.timedelta(minutes=1)
    record_review(treatment, now, (now + datetime.timedelta(days=365)).date())

    client.force_login(users["advisor"])
    report = client.get(reverse("medical_review_reviews_due"))

    assert "Mistake reported" not in report.content.decode()


def test_a_mistake_report_needs_a_comment(treatment):
    response = send(Client(), treatment, "mistake", "")

    assert response.status_code == 400
    assert "Please tell us what is wrong on the page." in visible_text(response)
    assert not Feedback.objects.exists()


def test_the_honeypot_refuses_a_form_a_script_filled_in(treatment):
    response = send(
        Client(), treatment, "no", COMMENT, changes={"leave_empty": "http://spam.example"}
    )

    assert response.status_code == 400
    assert "a field meant to stay empty was filled in" in visible_text(response)
    assert COMMENT in response.content.decode()  # kept in the form shown again
    assert not Feedback.objects.exists()


def test_a_form_sent_at_once_after_the_page_was_read_is_refused(treatment):
    response = send(Client(), treatment, "no", COMMENT, seconds_later=0)

    assert response.status_code == 400
    assert "quicker than a person reads" in visible_text(response)
    assert COMMENT in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_form_shown_again_can_be_sent_a_moment_later(treatment):
    reader = Client()
    refused = send(reader, treatment, "no", COMMENT, seconds_later=0)
    action, fields = feedback_forms(refused)[0]

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        response = reader.post(action, {**fields, "answer": "no", "comment": COMMENT})

    assert response.status_code == 303
    assert Feedback.objects.get().comment == COMMENT


def test_a_flood_from_one_address_is_refused_after_the_limit(treatment):
    reader = Client()
    for _ in range(RATE_LIMIT):
        assert send(reader, treatment, "yes").status_code == 303

    response = send(reader, treatment, "no", COMMENT)

    assert response.status_code == 429
    assert "You have sent a lot of feedback in the last hour" in visible_text(response)
    assert COMMENT in response.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT
    other_reader = Client(REMOTE_ADDR="192.0.2.7")
    assert send(other_reader, treatment, "no", COMMENT).status_code == 303


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"comment": "x" * (COMMENT_MAX_LENGTH + 1)}, "Your comment is too long"),
        ({"page": "999999"}, "We could not find the page you were reading"),
        ({"page": "abc"}, "We could not tell which page you were reading"),
        ({"page": "9" * 40}, "We could not tell which page you were reading"),
        ({"answer": "maybe"}, "Please choose Yes or No"),
        ({"rendered": "forged"}, "We could not tell where this form came from"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(treatment, change, message):
    response = send(Client(), treatment, "no", COMMENT, changes=change)

    assert response.status_code == 400
    assert message in visible_text(response)
    assert not Feedback.objects.exists()


def test_a_form_left_open_for_weeks_is_refused_and_offered_again(treatment):
    response = send(Client(), treatment, "no", COMMENT, seconds_later=30 * 24 * 3600)

    assert response.status_code == 400
    assert "The page was open for a long time" in visible_text(response)
    assert COMMENT in response.content.decode()


def test_the_feedback_address_only_takes_a_post(treatment):
    assert Client().get(reverse("feedback_submit")).status_code == 405


def test_moderators_and_advisors_read_feedback_in_the_admin_and_editors_do_not(
    treatment, users, client
):
    send(Client(), treatment, "no", COMMENT)
    url = reverse("feedback_report")

    for role in ("moderator", "advisor", "superuser"):
        client.force_login(users[role])
        response = client.get(url, {"kind": "no"})
        assert response.status_code == 200, role
        assert COMMENT in response.content.decode(), role
        assert url in client.get(reverse("wagtailadmin_home")).content.decode(), role

    client.force_login(users["editor"])
    assert client.get(url).status_code in (302, 403)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_report_filters_by_answer(treatment, users, client):
    send(Client(), treatment, "no", COMMENT)
    send(Client(REMOTE_ADDR="192.0.2.8"), treatment, "mistake", "A wrong dose.")
    client.force_login(users["moderator"])

    html = client.get(reverse("feedback_report"), {"kind": "mistake"}).content.decode()

    assert "A wrong dose." in html
    assert COMMENT not in html


def test_feedback_older_than_twelve_months_is_purged(treatment):
    old = Feedback.objects.create(
        page=treatment, kind="yes", created_at=timezone.now() - datetime.timedelta(days=400)
    )
    recent = Feedback.objects.create(page=treatment, kind="no", comment=COMMENT)

    output = io.StringIO()
    call_command("purge_old_feedback", stdout=output)

    assert "Deleted 1 reader feedback entries" in output.getvalue()
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert Feedback.objects.filter(pk=recent.pk).exists()


def test_a_spanish_reader_is_answered_in_spanish_and_only_spanish_advisors_hear_of_it(
    guide, users, spanish_advisor, django_capture_on_commit_callbacks
):
    translate_with_ancestors(baclofen())
    spanish_page = baclofen().get_translation(spanish()).specific
    reader = Client()
    page_html = reader.get(spanish_page.url)
    assert "¿Le resultó útil esta página?" in visible_text(page_html)
    assert feedback_forms(page_html)[0][0] == "/es/feedback/"

    with django_capture_on_commit_callbacks(execute=True):
        response = send(reader, spanish_page, "mistake", "La dosis parece incorrecta.")

    assert "Gracias por su comentario" in visible_text(reader.get(response["Location"]))
    assert [message.to for message in mail.outbox] == [[spanish_advisor.email]]
