"""Translations through the medical review: the workflow, advisors' languages, out-of-date flag."""

import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date

from medical_review.emails import admin_url
from medical_review.models import MedicalReview, MedicalReviewTask, ReviewerProfile
from medical_review.reminders import send_review_reminders
from tests.review_support import (
    ATTESTED,
    edit,
    messages_of,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Reviewamida (traducción de prueba)"
OUT_OF_DATE = "this translation is being reviewed"
# The same note on the public Spanish page, in the reader's language.
OUT_OF_DATE_ES = "esta traducción se está revisando"


def login(client, user):
    """Signs `user` in afresh: no messages left over from whoever used the client before."""
    client.cookies.clear()
    client.force_login(user)


def translate(page, locale, client, author):
    """The translation of `page` in `locale`, written by `author` in the admin, as a draft."""
    translation_page = page.copy_for_translation(locale, copy_parents=True)
    translation_page = TreatmentPage.objects.get(pk=translation_page.pk)
    login(client, author)
    response = edit(client, translation_page, title=SPANISH_TITLE)
    assert response.status_code == 302, response.content[:500]
    return TreatmentPage.objects.get(pk=translation_page.pk)


def submit(client, author, page, **changes):
    login(client, author)
    response = edit(client, page, "action-submit", **{"title": SPANISH_TITLE, **changes})
    assert response.status_code == 302, response.content[:500]
    page.refresh_from_db()
    return page


@pytest.fixture
def in_review(client, users, english, spanish):
    """A Spanish translation that the editor wrote and submitted."""
    page = translate(english, spanish, client, users["editor"])
    return submit(client, users["editor"], page)


def approve(client, advisor, page):
    login(client, advisor)
    return workflow_action(client, page, "approve", ATTESTED)


def public_spanish(client, page):
    """The public page of `page` in Spanish, as an anonymous reader gets it."""
    client.logout()
    cache.clear()
    with translation.override("es"):
        url = page.get_url()
        return client.get(url)


def test_a_translation_is_submitted_to_the_medical_review_and_stays_offline(
    client, users, in_review
):
    assert in_review.workflow_in_progress
    assert isinstance(in_review.current_workflow_task, MedicalReviewTask)
    assert not in_review.live
    assert in_review.get_parent().specific.get_workflow().name == "Medical review"


def test_an_english_only_advisor_neither_sees_nor_can_act_on_a_spanish_review(
    client, users, in_review
):
    advisor = users["advisor"]
    login(client, advisor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[in_review.pk])
    task_state = in_review.current_workflow_task_state
    modal_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[in_review.pk, "approve", task_state.pk]
    )

    dashboard = client.get(reverse("wagtailadmin_home"))
    awaiting = client.get(reverse("wagtailadmin_reports:workflow") + "?reviewable=true")
    reviews_due = client.get(reverse("medical_review_reviews_due"))
    modal = client.get(modal_url, headers={"x-requested-with": "XMLHttpRequest"})
    approved = workflow_action(client, in_review, "approve", ATTESTED)
    approved_ajax = workflow_action(client, in_review, "approve", ATTESTED, ajax=True)
    rejected = workflow_action(client, in_review, "reject", {"comment": "No"}, ajax=True)
    via_editor = edit(
        client,
        in_review,
        "action-workflow-action",
        title=SPANISH_TITLE,
        **{
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({**ATTESTED, "attestation": True}),
        },
    )

    assert dashboard.status_code == 200
    assert edit_url not in dashboard.content.decode()
    assert edit_url not in awaiting.content.decode()
    assert reviews_due.status_code == 200
    assert edit_url not in reviews_due.content.decode()
    # Wagtail refuses a permission error with 403 to the dialog's requests, and with its
    # "no permission" message and a redirect to the dashboard to a plain form post.
    assert (modal.status_code, approved_ajax.status_code, rejected.status_code) == (403,) * 3
    assert approved.status_code == 302
    assert any("do not have permission" in m for m in messages_of(approved))
    assert via_editor.status_code in (200, 302)
    in_review.refresh_from_db()
    assert not in_review.live
    assert in_review.workflow_in_progress
    assert not MedicalReview.objects.filter(page=in_review).exists()
    task = in_review.current_workflow_task
    assert task.get_actions(in_review, advisor) == []
    assert task.locked_for_user(in_review, advisor)
    assert not task.user_can_access_editor(in_review, advisor)


def test_only_advisors_who_review_spanish_are_emailed_a_spanish_submission(
    client, users, english, spanish, spanish_advisor
):
    page = translate(english, spanish, client, users["editor"])
    mail.outbox.clear()

    submit(client, users["editor"], page)

    recipients = {address for message in mail.outbox for address in message.to}
    assert "advisor-es@example.org" in recipients
    assert not recipients & {"advisor@example.org", "advisor2@example.org"}
    assert "admin@example.org" in recipients  # superusers, as Wagtail sends them


def test_review_reminders_list_the_pages_in_the_languages_each_advisor_reviews(
    users, english, spanish, spanish_advisor
):
    # The Spanish guide and category above the translation arrive live, never reviewed.
    spanish_category = english.copy_for_translation(spanish, copy_parents=True).get_parent()
    mail.outbox.clear()

    send_review_reminders()

    body_to = {message.to[0]: message.body for message in mail.outbox}
    spanish_url = admin_url("wagtailadmin_pages:edit", spanish_category.pk)
    english_url = admin_url("wagtailadmin_pages:edit", english.pk)
    assert spanish_url in body_to["advisor-es@example.org"]
    assert english_url in body_to["advisor-es@example.org"]
    assert english_url in body_to["advisor@example.org"]
    assert spanish_url not in body_to["advisor@example.org"]


def test_a_spanish_reviewing_advisor_sees_the_review_and_approves_it_live(
    client, users, spanish_advisor, in_review
):
    login(client, spanish_advisor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[in_review.pk])

    dashboard = client.get(reverse("wagtailadmin_home"))
    reviews_due = client.get(reverse("medical_review_reviews_due"))
    unattested = workflow_action(client, in_review, "approve", {"summary": "Checked"}, ajax=True)
    still_in_review = TreatmentPage.objects.get(pk=in_review.pk)
    approved = approve(client, spanish_advisor, in_review)

    assert edit_url in dashboard.content.decode()
    assert edit_url in reviews_due.content.decode()
    assert unattested.status_code == 200 and not still_in_review.live
    assert approved.status_code == 302
    page = TreatmentPage.objects.get(pk=in_review.pk)
    assert page.live and page.title == SPANISH_TITLE
    review = MedicalReview.objects.get(page=page)
    assert (review.reviewer, review.attested) == (spanish_advisor, True)
    assert review.revision_id == page.live_revision_id
    assert page.last_reviewed == review.reviewed_on
    assert SPANISH_TITLE in public_spanish(client, page).content.decode()


def test_the_translator_cannot_approve_their_own_translation(
    client, users, english, spanish, spanish_advisor
):
    page = translate(english, spanish, client, spanish_advisor)
    submit(client, users["editor"], page)

    response = approve(client, spanish_advisor, page)

    assert response.status_code == 302
    assert any("another medical advisor" in m for m in messages_of(response))
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress
    assert not MedicalReview.objects.exists()


def test_the_submitter_cannot_approve_the_translation_they_submitted(
    client, users, english, spanish, spanish_advisor
):
    page = translate(english, spanish, client, users["editor"])
    submit(client, spanish_advisor, page)

    response = approve(client, spanish_advisor, page)

    assert any("submitted this page" in m for m in messages_of(response))
    page.refresh_from_db()
    assert not page.live


@pytest.fixture
def live_translation(client, users, spanish_advisor, in_review):
    approve(client, spanish_advisor, in_review)
    return TreatmentPage.objects.get(pk=in_review.pk)


def publish_english_change(client, users, english):
    """The English page changes and its review publishes it (an English-only advisor)."""
    login(client, users["editor"])
    edit(client, english, "action-submit", title="Reviewamide (revised)")
    approve(client, users["advisor"], english)
    english = TreatmentPage.objects.get(pk=english.pk)
    assert english.title == "Reviewamide (revised)"
    return english


def test_publishing_the_english_page_flags_its_translation_out_of_date(
    client, users, english, live_translation
):
    assert TreatmentPage.objects.get(pk=live_translation.pk).translation_out_of_date is None

    english = publish_english_change(client, users, english)

    page = TreatmentPage.objects.get(pk=live_translation.pk)
    assert page.translation_out_of_date == english.last_published_at
    updated_on = format_date(timezone.localtime(english.last_published_at), "j F Y")
    login(client, users["editor"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert any(
        m.startswith("Translation out of date") and updated_on in m for m in messages_of(editor)
    )
    public = public_spanish(client, page).content.decode()
    assert "La página en inglés se actualizó el <time datetime=" in public
    with translation.override("es"):  # the date in the reader's language
        updated_on_es = format_date(timezone.localtime(english.last_published_at), "j F Y")
    assert f">{updated_on_es}</time>; {OUT_OF_DATE_ES}." in public
    assert f'href="{english.get_url()}" hreflang="en"' in public


def test_reviewing_the_translation_again_clears_the_out_of_date_flag(
    client, users, english, spanish_advisor, live_translation
):
    publish_english_change(client, users, english)
    page = submit(client, users["editor"], live_translation, title=f"{SPANISH_TITLE} (revisada)")

    approve(client, spanish_advisor, page)

    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.title == f"{SPANISH_TITLE} (revisada)"
    assert page.translation_out_of_date is None
    login(client, users["editor"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert not any(m.startswith("Translation out of date") for m in messages_of(editor))
    assert OUT_OF_DATE_ES not in public_spanish(client, page).content.decode()


def test_the_out_of_date_flag_costs_constant_queries(
    client, users, english, live_translation, django_assert_num_queries
):
    publish_english_change(client, users, english)
    translated = TreatmentPage.objects.get(pk=live_translation.pk)
    source = TreatmentPage.objects.get(pk=english.pk)

    # The reviews (shared with the review line) and the source with its locale; the page's
    # language comes from the Site's root paths, which Wagtail caches.
    with django_assert_num_queries(2):
        assert translated.translation_out_of_date is not None
        assert translated.translation_source.pk == source.pk
    # The English page: its reviews; no source to look for.
    with django_assert_num_queries(1):
        assert source.translation_out_of_date is None
    html = render_to_string(
        "medical_review/components/translation_out_of_date.html", {"page": translated}
    )
    assert OUT_OF_DATE in html


def test_english_pages_are_reviewed_by_advisors_as_before(client, users, english):
    login(client, users["editor"])
    edit(client, english, "action-submit", title="Reviewamide (revised)")

    response = approve(client, users["advisor"], english)

    assert response.status_code == 302
    assert TreatmentPage.objects.get(pk=english.pk).title == "Reviewamide (revised)"


def test_a_superuser_sets_the_languages_an_advisor_reviews(client, users, spanish):
    profile = ReviewerProfile.objects.get(user=users["advisor2"])
    assert profile.review_languages == ["en"]
    login(client, users["superuser"])
    url = reverse("reviewer_profiles:edit", args=[profile.pk])
    fields = {"user": users["advisor2"].pk, "name": "Otto Other", "credentials": "MD"}

    form = client.get(url)
    none = client.post(url, fields)
    unknown = client.post(url, {**fields, "review_languages": ["en", "xx"]})
    saved = client.post(url, {**fields, "review_languages": ["en", "es"]})
    listing = client.get(reverse("reviewer_profiles:index"))

    assert 'value="es"' in form.content.decode() and "Español" in form.content.decode()
    assert none.status_code == 200 and "Choose at least one language." in none.content.decode()
    assert unknown.status_code == 200 and "xx is not one of" in unknown.content.decode()
    assert saved.status_code == 302
    profile.refresh_from_db()
    assert profile.review_languages == ["en", "es"]
    assert "English, Español" in listing.content.decode()


@pytest.mark.parametrize("role", ["advisor", "moderator", "editor"])
def test_only_superusers_change_the_languages_an_advisor_reviews(client, users, spanish, role):
    profile = ReviewerProfile.objects.get(user=users["advisor"])
    login(client, users[role])

    response = client.post(
        reverse("reviewer_profiles:edit", args=[profile.pk]),
        {
            "user": users["advisor"].pk,
            "name": "Ada Advisor",
            "credentials": "MD",
            "review_languages": ["en", "es"],
        },
    )

    assert response.status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.review_languages == ["en"]
