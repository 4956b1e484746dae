"""Every approve dialog shows what the approval covers: from the dashboard, from the page or
snippet editor, for a first translation beside the English text, for a new page in full."""

import html as html_module
import re

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse

from tests.review_support import (
    ATTESTED,
    edit,
    new_treatment,
    publish_unreviewed,
    snippet_url,
    submit_snippet,
)
from treatments.models import Person, TreatmentPage

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Reviewamida (traducción de prueba)"
PERSON_FIELDS = ("name", "credentials", "role")
AJAX = {"x-requested-with": "XMLHttpRequest"}


def dialog(client, url):
    """The approve dialog's HTML as the modal's script receives it."""
    response = client.get(url, headers=AJAX)
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    assert data["step"] == "action"
    return data["html"]


def approve_url_in_editor(client, edit_url):
    """The address the editor's "Approve" button opens its dialog from."""
    page = client.get(edit_url).content.decode()
    urls = re.findall(
        r'data-workflow-action-name="approve"\s+data-workflow-action-modal-url="([^"]+)"', page
    )
    assert urls, "the editor offers no Approve"
    return html_module.unescape(urls[0])


def approve_url_on_dashboard(client, obj):
    """The address of the dashboard's "Approve" of `obj` (Wagtail's "Awaiting your review")."""
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    urls = [
        html_module.unescape(url)
        for url in re.findall(r'data-workflow-action-url="([^"]+)"', dashboard)
        if f"/{quote(obj.pk)}/approve/" in html_module.unescape(url)
    ]
    assert urls, "the dashboard offers no Approve"
    return urls[0]


def login(client, user):
    client.cookies.clear()
    client.force_login(user)


# -- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ["dashboard", "editor"])
def test_the_approve_dialog_shows_the_changes_wherever_it_is_opened(
    client, users, in_review, entry
):
    login(client, users["advisor"])
    if entry == "dashboard":
        url = approve_url_on_dashboard(client, in_review)
    else:
        url = approve_url_in_editor(client, reverse("wagtailadmin_pages:edit", args=[in_review.pk]))

    html = dialog(client, url)

    assert "Changes from the live page" in html
    assert 'Reviewamide<span class="addition"> (revised)</span>' in html
    assert '<span class="addition">Twice daily.</span>' in html
    assert 'name="attestation"' in html


def test_the_editors_dialog_compares_with_the_last_approved_version(client, users, in_review):
    login(client, users["advisor"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[in_review.pk, "approve", in_review.current_workflow_task_state.pk],
        ),
        ATTESTED,
    )
    login(client, users["editor"])
    edit(
        client,
        TreatmentPage.objects.get(pk=in_review.pk),
        "action-submit",
        title="Reviewamide (third)",
        regimen="Twice daily.",
    )
    login(client, users["advisor2"])

    html = dialog(
        client,
        approve_url_in_editor(client, reverse("wagtailadmin_pages:edit", args=[in_review.pk])),
    )

    assert "Changes since the version approved on" in html
    assert '<span class="addition">third)</span>' in html
    assert "Regimen notes" not in html


def test_a_new_page_never_published_shows_its_whole_text(client, users, guide):
    page = new_treatment(guide)
    page.unpublish()
    login(client, users["editor"])
    edit(client, TreatmentPage.objects.get(pk=page.pk), "action-submit", regimen="Once daily.")
    login(client, users["advisor"])

    html = dialog(client, approve_url_on_dashboard(client, page))

    assert "New: its whole text" in html
    assert '<span class="addition">Reviewamide</span>' in html
    assert '<span class="addition">Once daily.</span>' in html
    assert "No fields changed" not in html


@pytest.fixture
def first_translation(client, users, translated):
    """The editor's Spanish translation of the live "Reviewamide", submitted for review."""
    login(client, users["editor"])
    response = edit(
        client, translated, "action-submit", title=SPANISH_TITLE, regimen="Dos veces al día."
    )
    assert response.status_code == 302, response.content[:500]
    return TreatmentPage.objects.get(pk=translated.pk)


@pytest.mark.parametrize("entry", ["dashboard", "editor"])
def test_a_first_translation_shows_the_spanish_text_beside_the_english(
    client, spanish_advisor, english, first_translation, entry
):
    assert not first_translation.live and first_translation.live_revision is None
    English = TreatmentPage.objects.get(pk=english.pk)
    English.regimen = "Twice daily."
    publish_unreviewed(English)
    login(client, spanish_advisor)
    if entry == "dashboard":
        url = approve_url_on_dashboard(client, first_translation)
    else:
        url = approve_url_in_editor(
            client, reverse("wagtailadmin_pages:edit", args=[first_translation.pk])
        )

    html = dialog(client, url)

    assert "First translation: the Español text beside the English text" in html
    assert "No fields changed" not in html
    title_row = re.search(r"<tr>\s*<th[^>]*>Title</th>(.*?)</tr>", html, re.S).group(1)
    assert "Reviewamide" in title_row and SPANISH_TITLE in title_row
    assert title_row.index("Reviewamide") < title_row.index(SPANISH_TITLE)
    assert "Twice daily." in html and "Dos veces al día." in html
    assert 'class="addition"' not in html and 'class="deletion"' not in html


# -- snippets ----------------------------------------------------------------------------------


@pytest.fixture
def pat(guide):
    """A made-up person, live."""
    person = Person.objects.create(name="Pat Example", credentials="RN", role="test contributor")
    publish_unreviewed(person)
    return Person.objects.get(pk=person.pk)


@pytest.mark.parametrize("entry", ["dashboard", "editor"])
def test_a_persons_approve_dialog_shows_the_changes(client, users, pat, entry):
    submit_snippet(client, users["editor"], pat, PERSON_FIELDS, credentials="RN, PhD")
    login(client, users["advisor"])
    if entry == "dashboard":
        url = approve_url_on_dashboard(client, pat)
    else:
        url = approve_url_in_editor(client, snippet_url(Person, "edit", quote(pat.pk)))

    html = dialog(client, url)

    assert "Changes from the live page" in html
    assert 'RN<span class="addition">, PhD</span>' in html
    assert "Pat Example" not in re.sub(r"<h1.*?</h1>", "", html, flags=re.S)  # name unchanged


def test_a_first_translation_of_a_person_shows_both_texts(
    client, users, pat, spanish, spanish_advisor, django_capture_on_commit_callbacks
):
    login(client, users["editor"])
    submit = reverse(
        "simple_translation:submit_snippet_translation", args=["treatments", "person", pat.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [spanish.pk]}).status_code == 302
    translation = pat.get_translation(spanish)
    submit_snippet(
        client, users["editor"], translation, PERSON_FIELDS, role="colaboradora de prueba"
    )
    login(client, spanish_advisor)

    html = dialog(
        client, approve_url_in_editor(client, snippet_url(Person, "edit", quote(translation.pk)))
    )

    assert "First translation" in html and "No fields changed" not in html
    assert "test contributor" in html and "colaboradora de prueba" in html
