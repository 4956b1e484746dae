"""Editors and advisors translate guide pages in the admin with Wagtail's simple_translation: a
translation is a draft edited in the page editor, and only an approved medical review
publishes it. The Spanish text here is made up by the tests."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Page

from glossary.models import GlossaryTerm
from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from tests.review_support import (
    ATTESTED,
    edit,
    publish_unreviewed,
    spanish_pages_above,
    workflow_action,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Reviewamida (traducción de prueba)"
NOTE = "Esta página aún no está disponible en español"


def refused(response):
    """Wagtail's admin answers a refused request with 403, or (a plain form post) by
    sending the user to the dashboard with "Sorry, you do not have permission…"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def submit_url(page):
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def spanish_address(page):
    return "/es" + page.url


@pytest.mark.parametrize("role", ["editor", "advisor"])
def test_editors_and_advisors_are_offered_translate(client, users, english, spanish, role):
    spanish_pages_above(english, spanish)
    client.force_login(users[role])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert submit_url(english) in editor.content.decode()
    form = client.get(submit_url(english))
    assert form.status_code == 200
    assert "Español" in form.content.decode()


def test_a_moderator_cannot_translate(client, users, english, spanish):
    client.force_login(users["moderator"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert submit_url(english) not in editor.content.decode()
    assert refused(client.get(submit_url(english)))
    assert refused(client.post(submit_url(english), {"locales": [spanish.pk]}))
    assert not english.has_translation(spanish)


def test_translate_makes_a_draft_and_the_spanish_address_keeps_the_note(
    client, users, english, translated
):
    assert not translated.live
    assert Page.objects.get(pk=translated.pk).live_revision is None
    assert translated.alias_of_id is None
    client.logout()
    note = client.get(spanish_address(english))
    assert note.status_code == 404
    assert NOTE in note.content.decode()

    client.force_login(users["editor"])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    content = form.content.decode()
    assert form.status_code == 200
    # Wagtail's own editor, with the review's submit and no publish.
    assert 'name="action-submit"' in content
    assert 'name="action-publish"' not in content

    assert edit(client, translated, title=SPANISH_TITLE).status_code == 302
    page = TreatmentPage.objects.get(pk=translated.pk)
    assert page.get_latest_revision_as_object().title == SPANISH_TITLE
    assert not page.live


def test_the_editor_submits_the_translation_and_cannot_publish_it(client, users, translated):
    client.force_login(users["editor"])
    assert edit(client, translated, "action-submit", title=SPANISH_TITLE).status_code == 302
    page = TreatmentPage.objects.get(pk=translated.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_task.specific.__class__.__name__ == "MedicalReviewTask"

    edit(client, page, "action-publish", title=SPANISH_TITLE)
    assert not TreatmentPage.objects.get(pk=translated.pk).live


def test_a_spanish_reviewing_advisor_approves_the_editors_translation_live(
    client, users, english, translated, spanish_advisor
):
    client.force_login(users["editor"])
    edit(client, translated, "action-submit", title=SPANISH_TITLE)
    page = TreatmentPage.objects.get(pk=translated.pk)

    client.force_login(users["advisor"])  # reviews English only
    workflow_action(client, page, "approve", ATTESTED)
    assert not TreatmentPage.objects.get(pk=translated.pk).live
    client.force_login(spanish_advisor)
    assert workflow_action(client, page, "approve", ATTESTED).status_code in (200, 302)
    page = TreatmentPage.objects.get(pk=translated.pk)
    assert page.live and page.title == SPANISH_TITLE
    client.logout()
    with override("es"):
        public = client.get(page.get_url())
    assert public.status_code == 200 and SPANISH_TITLE in public.content.decode()


def test_a_page_is_translated_only_below_a_translated_parent(client, users, english, spanish):
    client.force_login(users["editor"])
    form = client.get(submit_url(english)).content.decode()
    assert "Translate the parent page" in form

    response = client.post(submit_url(english), {"locales": [spanish.pk]})
    assert response.status_code == 400
    assert not english.has_translation(spanish)


def test_a_live_spanish_alias_is_not_converted_into_a_page_of_its_own(
    client, users, english, spanish
):
    """An alias (as Wagtail makes above a translation copied with its parents) shows English
    text; converting it would keep it live as the Spanish page."""
    alias = english.copy_for_translation(spanish, copy_parents=True, alias=True)
    convert = reverse("wagtailadmin_pages:convert_alias", args=[alias.pk])
    for role in ("editor", "superuser"):
        client.force_login(users[role])
        assert refused(client.post(convert))
    page = Page.objects.get(pk=alias.pk)
    assert page.alias_of_id == english.pk
    client.logout()
    assert NOTE in client.get(spanish_address(english)).content.decode()


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_a_translated_glossary_term_is_a_draft(client, users, spanish, role):
    term = GlossaryTerm.objects.create(term="Testword", definition="A made-up word.", slug="t")
    publish_unreviewed(term)
    client.force_login(users[role])
    submit = reverse(
        "simple_translation:submit_snippet_translation", args=["glossary", "glossaryterm", term.pk]
    )
    assert client.post(submit, {"locales": [spanish.pk]}).status_code == 302
    translated = term.get_translation(spanish)
    assert not translated.live and translated.live_revision is None

    client.force_login(users["moderator"])
    other = GlossaryTerm.objects.create(term="Otherword", definition="Made up.", slug="o")
    submit = reverse(
        "simple_translation:submit_snippet_translation",
        args=["glossary", "glossaryterm", other.pk],
    )
    assert refused(client.post(submit, {"locales": [spanish.pk]}))
    assert not other.has_translation(spanish)


def test_editors_and_advisors_translate_moderators_do_not(users):
    assert users["editor"].has_perm("simple_translation.submit_translation")
    assert users["advisor"].has_perm("simple_translation.submit_translation")
    assert not users["moderator"].has_perm("simple_translation.submit_translation")
    assert users["superuser"].has_perm("simple_translation.submit_translation")


def test_the_migration_moves_translators_from_wagtail_localize_to_simple_translation(users):
    """A database that had wagtail-localize: its permission leaves every group."""
    localize, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    old = Permission.objects.create(
        content_type=localize, codename="submit_translation", name="Can submit translations"
    )
    Group.objects.get(name=EDITORS).permissions.add(old)
    Group.objects.get(name=MEDICAL_ADVISORS).permissions.clear()

    migration = importlib.import_module(
        "medical_review.migrations.0007_translators_use_simple_translation"
    )
    migration.forwards(django_apps, None)

    assert not Permission.objects.filter(content_type__app_label="wagtail_localize").exists()
    for name, translates in ((EDITORS, True), (MEDICAL_ADVISORS, True), (MODERATORS, False)):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert ("submit_translation" in codenames) is translates, name
