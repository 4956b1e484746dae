"""The disclaimer at the foot of every page says what the guide's medical text is for: nobody
changes it alone. A change goes live only when a medical advisor who did not write it approves
it, and a Spanish reader sees its reviewed Spanish translation, else the English one marked as
English. The Spanish text here is made up by the tests (marked "(ES)")."""

import html
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.models import Locale, Revision

from medical_review.invariant import violations_of
from medical_review.models import MedicalReview, MedicalReviewTask
from tests.review_support import (
    ATTESTED,
    edit_snippet,
    messages_of,
    role_accounts,
    snippet_action,
    snippet_url,
    submit_snippet,
)
from tests.test_spanish_site import BACLOFEN, baclofen, spanish, translate_with_ancestors
from tests.test_translating_in_admin import refused
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on
from treatments.models import Disclaimer

pytestmark = pytest.mark.django_db

NEW_TEXT = "Talk to your own doctor before you change any treatment (test wording)."
SPANISH_TEXT = "(ES) Hable con su médico antes de cambiar un tratamiento."
FIELDS = ("text",)


def english_disclaimer():
    return Disclaimer.objects.get(locale=Locale.get_default())


def footer_disclaimer(response):
    """The footer's disclaimer paragraph as (language, text), or None."""
    found = re.search(
        r'<section class="disclaimer"[^>]*>.*?<p lang="([a-z-]+)">(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    return (found.group(1), html.unescape(found.group(2))) if found else None


def submit_text(client, user, disclaimer, text=NEW_TEXT):
    return submit_snippet(client, user, disclaimer, FIELDS, text=text)


def live_text(disclaimer):
    return Disclaimer.objects.get(pk=disclaimer.pk).text


def test_the_disclaimer_is_under_the_medical_review_and_the_seeds_is_live(client, guide):
    workflow = Disclaimer.get_default_workflow()
    assert workflow.name == "Medical review"
    assert isinstance(workflow.tasks.get().specific, MedicalReviewTask)
    disclaimer = english_disclaimer()
    assert disclaimer.live and not violations_of(disclaimer)
    assert footer_disclaimer(client.get("/")) == ("en", disclaimer.text)
    assert footer_disclaimer(client.get(BACLOFEN)) == ("en", disclaimer.text)


def test_an_editors_change_is_public_only_once_an_advisor_who_did_not_write_it_approves_it(
    client, users, guide
):
    seed_text = english_disclaimer().text
    disclaimer = submit_text(client, users["editor"], english_disclaimer())
    client.logout()

    assert live_text(disclaimer) == seed_text
    for path in ("/", BACLOFEN):
        assert footer_disclaimer(client.get(path)) == ("en", seed_text), path

    client.force_login(users["advisor"])
    response = snippet_action(client, disclaimer, "approve", ATTESTED)

    assert response.status_code == 302
    assert any("“Disclaimer” was approved and published." in m for m in messages_of(response))
    disclaimer = Disclaimer.objects.get(pk=disclaimer.pk)
    assert disclaimer.text == NEW_TEXT and not disclaimer.workflow_in_progress
    review = MedicalReview.objects.get(revision=disclaimer.live_revision)
    assert review.reviewer == users["advisor"]
    assert not violations_of(disclaimer)
    client.logout()
    for path in ("/", BACLOFEN, "/treatments/at-a-glance/"):
        assert footer_disclaimer(client.get(path)) == ("en", NEW_TEXT), path


@pytest.mark.parametrize("role", ["editor", "advisor", "moderator", "superuser"])
def test_nobody_publishes_the_disclaimer_directly(client, users, guide, role):
    seed_text = english_disclaimer().text
    client.force_login(users[role])
    edit_url = snippet_url(Disclaimer, "edit", quote(english_disclaimer().pk))
    page = client.get(edit_url).content.decode()
    assert 'name="action-submit"' in page and 'name="action-publish"' not in page

    response = edit_snippet(client, english_disclaimer(), FIELDS, "action-publish", text=NEW_TEXT)

    assert response.status_code == 302
    assert any(
        "goes live only when a medical advisor approves it" in m for m in messages_of(response)
    )
    assert live_text(english_disclaimer()) == seed_text
    assert Revision.objects.for_instance(english_disclaimer()).count() == 1  # not even a draft
    client.logout()
    assert footer_disclaimer(client.get("/")) == ("en", seed_text)


def test_a_moderator_or_superuser_cannot_approve_a_submitted_disclaimer(client, users, guide):
    disclaimer = submit_text(client, users["editor"], english_disclaimer())

    for role in ("moderator", "superuser"):
        client.force_login(users[role])
        response = snippet_action(client, disclaimer, "approve", ATTESTED)
        assert response.status_code in (302, 403), role
        assert live_text(disclaimer) != NEW_TEXT, role
    assert not MedicalReview.objects.exists()


def test_the_author_cannot_approve_their_own_disclaimer(client, users, guide):
    disclaimer = submit_text(client, users["advisor"], english_disclaimer())

    response = snippet_action(client, disclaimer, "approve", ATTESTED)

    assert any("another medical advisor must approve it" in m for m in messages_of(response))
    assert live_text(disclaimer) != NEW_TEXT
    client.force_login(users["advisor2"])
    assert snippet_action(client, disclaimer, "approve", ATTESTED).status_code == 302
    assert live_text(disclaimer) == NEW_TEXT


def test_a_second_disclaimer_in_the_same_language_is_a_form_error(client, users, guide):
    client.force_login(users["editor"])

    response = client.post(
        snippet_url(Disclaimer, "add"), {"text": "Another disclaimer.", "action-submit": "1"}
    )

    assert response.status_code == 200
    assert "The site has a disclaimer in this language already: edit it." in (
        response.content.decode()
    )
    assert Disclaimer.objects.count() == 1


def test_the_guide_settings_no_longer_hold_a_disclaimer(client, users, site):
    client.force_login(users["superuser"])
    url = reverse("wagtailsettings:edit", args=["treatments", "guidesettings", site.pk])
    form = client.get(url).content.decode()
    assert 'name="review_interval_months"' in form
    assert 'name="disclaimer"' not in form and 'name="spanish_disclaimer"' not in form


# -- Spanish -------------------------------------------------------------------------------------


@pytest.fixture
def spanish_baclofen(guide):
    return translate_with_ancestors(baclofen())


@pytest.fixture
def spanish_draft(client, users, guide, django_capture_on_commit_callbacks):
    """The editor's "Translate" of the disclaimer in the snippet admin, edited and submitted."""
    client.force_login(users["editor"])
    submit = reverse(
        "simple_translation:submit_snippet_translation",
        args=["treatments", "disclaimer", english_disclaimer().pk],
    )
    assert submit in client.get(snippet_url(Disclaimer, "list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [spanish().pk]}).status_code == 302
    translation = english_disclaimer().get_translation(spanish())
    assert not translation.live
    return submit_text(client, users["editor"], translation, SPANISH_TEXT)


def test_spanish_pages_show_the_english_disclaimer_marked_english_until_a_translation_is_approved(
    client, users, spanish_baclofen, spanish_draft, spanish_advisor
):
    english_text = english_disclaimer().text
    client.logout()
    for path in ("/es/", spanish_baclofen.url):
        assert footer_disclaimer(client.get(path)) == ("en", english_text), path

    client.force_login(users["advisor"])  # reviews English only
    assert refused(snippet_action(client, spanish_draft, "approve", ATTESTED))
    assert not Disclaimer.objects.get(pk=spanish_draft.pk).live
    client.force_login(spanish_advisor)
    assert snippet_action(client, spanish_draft, "approve", ATTESTED).status_code == 302
    client.logout()

    for path in ("/es/", spanish_baclofen.url):
        assert footer_disclaimer(client.get(path)) == ("es", SPANISH_TEXT), path
    assert footer_disclaimer(client.get("/")) == ("en", english_text)
    assert not violations_of(Disclaimer.objects.get(pk=spanish_draft.pk))


# -- Varnish -------------------------------------------------------------------------------------


varnish = varnish_on(27700)


@needs_varnish
@pytest.mark.django_db(transaction=True)
def test_an_approved_disclaimer_reaches_readers_of_every_page_through_varnish_at_once(
    varnish, live_site, settings, client
):
    purged_by_wagtail(varnish, settings)
    spanish_baclofen = translate_with_ancestors(baclofen())
    paths = ("/", "/treatments/", BACLOFEN, "/treatments/at-a-glance/", spanish_baclofen.url)
    cached(varnish, *paths)
    users = role_accounts()

    disclaimer = submit_text(client, users["editor"], english_disclaimer())
    client.force_login(users["advisor"])
    assert snippet_action(client, disclaimer, "approve", ATTESTED).status_code == 302

    for path in paths:
        fresh = read(varnish, path)
        assert fresh.headers["X-Cache"] == "miss", path
        assert html.escape(NEW_TEXT) in fresh.text, path


# -- Upgrading -----------------------------------------------------------------------------------


def manage(database, *args):
    """`manage.py` with the test settings on a database of its own (migrations run there)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env["DJANGO_SETTINGS_MODULE"] = "sps_foundation.settings.test"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_the_guide_settings_disclaimers_become_live_disclaimers_that_keep_the_promise(tmp_path):
    database = tmp_path / "upgraded.sqlite3"
    manage(database, "migrate", "-v0", "treatments", "0016_seed_exact_cautions_and_lines")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO treatments_guidesettings "
            "(site_id, disclaimer, spanish_disclaimer, review_interval_months) "
            "SELECT id, 'Ask your doctor.', '(ES) Pregunte.', 12 FROM wagtailcore_site"
        )

    manage(database, "migrate", "-v0")

    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT l.language_code, d.text, d.live, d.translation_key, r.content "
            "FROM treatments_disclaimer d JOIN wagtailcore_locale l ON l.id = d.locale_id "
            "JOIN wagtailcore_revision r ON r.id = d.live_revision_id ORDER BY d.id"
        ).fetchall()
    assert [row[:3] for row in rows] == [("en", "Ask your doctor.", 1), ("es", "(ES) Pregunte.", 1)]
    assert rows[0][3] == rows[1][3]  # one disclaimer and its translation
    assert [json.loads(row[4])["text"] for row in rows] == ["Ask your doctor.", "(ES) Pregunte."]
    assert "All 2 live reviewed objects keep the promise." in manage(database, "audit_reviews")
