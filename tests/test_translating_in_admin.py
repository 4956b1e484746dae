"""Editors translate guide pages in the admin; only an approved medical review publishes one."""

import html

import pytest
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from glossary.models import GlossaryTerm
from tests.review_support import ATTESTED, edit, publish_unreviewed, workflow_action
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Reviewamida (traducción de prueba)"


def refused(response):
    """Wagtail's admin answers a refused request with 403, or (a plain form post) by
    sending the user to the dashboard with "Sorry, you do not have permission…"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_an_editor_is_offered_translate_this_page(client, users, english):
    client.force_login(users["editor"])
    submit = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert submit in editor.content.decode()
    assert client.get(submit).status_code == 200


def test_translate_this_page_makes_a_draft_the_editor_edits(client, users, translated):
    assert not translated.live
    assert Page.objects.get(pk=translated.pk).live_revision is None
    client.logout()
    with override("es"):
        assert client.get(translated.get_url()).status_code == 404

    client.force_login(users["editor"])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    content = form.content.decode()
    assert form.status_code == 200
    # Wagtail's own editor, with the review's submit and no publish.
    assert 'name="action-submit"' in content
    assert 'name="action-publish"' not in content

    saved = edit(client, translated, title=SPANISH_TITLE)
    assert saved.status_code == 302
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


def test_the_synced_translation_editor_does_not_publish(
    client, users, translated, django_capture_on_commit_callbacks
):
    """wagtail-localize's own editor, if a translator starts it, offers and accepts no publish."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    client.force_login(users["editor"])
    client.post(edit_url, {"localize-restart-translation": "1"})
    assert Translation.objects.get(target_locale=translated.locale, enabled=True)
    synced = html.unescape(client.get(edit_url).content.decode())
    assert '"canPublish": false' in synced

    for user in (users["editor"], users["moderator"], users["superuser"]):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit_url, {"action": "publish"})
        assert refused(response)
        assert not Page.objects.get(pk=translated.pk).live


def test_sync_translated_pages_does_not_publish(
    client, users, english, translated, django_capture_on_commit_callbacks
):
    Translation.objects.filter(target_locale=translated.locale).update(enabled=True)
    source = TranslationSource.objects.get(object_id=english.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    for user in (users["editor"], users["moderator"], users["superuser"]):
        client.force_login(user)
        form = client.get(url)
        assert form.status_code == 200
        assert "Publish immediately" not in form.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"publish_translations": "on"})
        assert refused(response)
        assert not Page.objects.get(pk=translated.pk).live

    client.force_login(users["editor"])
    synced = client.post(url, {})  # syncing itself still works
    assert synced.status_code == 302 and not refused(synced)
    assert not Page.objects.get(pk=translated.pk).live


def test_converting_a_translation_to_an_alias_is_refused(client, users, translated):
    url = reverse("wagtail_localize:convert_to_alias", args=[translated.pk])
    for user in (users["editor"], users["superuser"]):
        client.force_login(user)
        assert refused(client.post(url))
    page = Page.objects.get(pk=translated.pk)
    assert page.alias_of_id is None and not page.live


def test_a_spanish_reviewing_advisor_approves_the_editors_translation_live(
    client, users, translated, spanish_advisor
):
    client.force_login(users["editor"])
    edit(client, translated, "action-submit", title=SPANISH_TITLE)
    page = TreatmentPage.objects.get(pk=translated.pk)

    client.force_login(users["advisor"])  # reviews English only
    assert refused(workflow_action(client, page, "approve", ATTESTED))
    client.force_login(spanish_advisor)
    assert workflow_action(client, page, "approve", ATTESTED).status_code in (200, 302)
    page = TreatmentPage.objects.get(pk=translated.pk)
    assert page.live and page.title == SPANISH_TITLE
    client.logout()
    with override("es"):
        public = client.get(page.get_url())
    assert public.status_code == 200 and SPANISH_TITLE in public.content.decode()


def test_the_synced_editor_does_not_publish_a_glossary_term(
    client, users, spanish, django_capture_on_commit_callbacks
):
    term = GlossaryTerm.objects.create(term="Testword", definition="A made-up word.", slug="t")
    publish_unreviewed(term)
    client.force_login(users["superuser"])
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["glossary", "glossaryterm", term.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [spanish.pk]}).status_code == 302
    translated = term.get_translation(spanish)
    assert not translated.live
    edit_url = reverse("wagtailsnippets_glossary_glossaryterm:edit", args=[translated.pk])
    client.post(edit_url, {"localize-restart-translation": "1"})
    assert Translation.objects.filter(target_locale=spanish, enabled=True).exists()

    for user in (users["moderator"], users["superuser"]):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit_url, {"action": "publish"})
        assert refused(response)
        assert not GlossaryTerm.objects.get(pk=translated.pk).live
