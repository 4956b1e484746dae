"""People (who wrote the guide) are reviewed snippets: a change to a person's name, credentials
or role, or a translation of them, reaches the guide's credits only once a medical advisor who
did not write it approves it. The people here are made up by the tests."""

import importlib

import pytest
from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Revision

from medical_review.gate import seed_publication
from medical_review.models import MedicalReview, MedicalReviewTask
from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from tests.page_text import visible_text
from tests.review_support import (
    ATTESTED,
    a_treatment,
    edit_snippet,
    make_user,
    messages_of,
    publish_unreviewed,
    role_accounts,
    snippet_action,
    snippet_url,
    submit_snippet,
)
from tests.test_spanish_site import baclofen, translate_with_ancestors
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on
from treatments.loading import load_treatment_guide
from treatments.models import GuidePerson, Person, TreatmentGuidePage

pytestmark = pytest.mark.django_db

CREDITED = "Pat Example, RN and test contributor"
CHANGED = "Pat Example, RN, PhD and test contributor"
GUIDE = "/treatments/"


@pytest.fixture
def pat(guide):
    """A made-up person, live and credited on the live guide."""
    person = Person.objects.create(name="Pat Example", credentials="RN", role="test contributor")
    publish_unreviewed(person)
    GuidePerson.objects.create(page=guide, person=person, credit=GuidePerson.CONTRIBUTOR)
    publish_unreviewed(guide)
    return Person.objects.get(pk=person.pk)


PERSON_FIELDS = ("name", "credentials", "role")  # and `user` where the form has it (superusers)


def url(name, *args):
    return snippet_url(Person, name, *args)


def login(client, user):
    """Signs `user` in afresh: no messages left over from whoever used the client before."""
    client.cookies.clear()
    client.force_login(user)


def edit_person(client, person, action=None, **changes):
    return edit_snippet(client, person, PERSON_FIELDS, action, **changes)


def submit_change(client, user, person, **changes):
    return submit_snippet(client, user, person, PERSON_FIELDS, **changes)


person_action = snippet_action


def credits_on(path):
    """The "Who wrote this guide" section of `path` as an anonymous reader reads it."""
    text = visible_text(Client().get(path))
    return text[text.index("Who wrote this guide") :] if "Who wrote this guide" in text else ""


def spanish_credits_on(path):
    text = visible_text(Client().get(path))
    heading = "Quién escribió esta guía"
    return text[text.index(heading) :] if heading in text else ""


# -- the workflow ------------------------------------------------------------------------------


def test_people_are_under_the_medical_review_workflow(guide):
    workflow = Person.get_default_workflow()
    assert workflow.name == "Medical review"
    assert isinstance(workflow.tasks.get().specific, MedicalReviewTask)


def test_only_moderators_hold_the_publish_permission_of_people(guide):
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="treatments", codename__endswith="person")
            .values_list("codename", flat=True)
        )

    assert codenames(EDITORS) == {"add_person", "change_person", "view_person"}
    assert codenames(MEDICAL_ADVISORS) == codenames(EDITORS)
    assert {"publish_person", "delete_person"} <= codenames(MODERATORS)


def test_an_editors_change_of_credentials_reaches_the_credits_only_when_an_advisor_approves(
    client, users, pat
):
    treatment = a_treatment(TreatmentGuidePage.objects.get()).url
    for path in (GUIDE, treatment):
        assert CREDITED in credits_on(path)

    submit_change(client, users["editor"], pat, credentials="RN, PhD")

    for path in (GUIDE, treatment):
        assert CREDITED in credits_on(path) and "PhD" not in credits_on(path)
    assert Person.objects.get(pk=pat.pk).credentials == "RN"

    login(client, users["advisor"])
    dialog = client.get(
        url("workflow_action", quote(pat.pk), "approve", pat.current_workflow_task_state.pk)
    )
    assert (
        "I have checked this content against current clinical evidence" in (dialog.json()["html"])
    )
    response = person_action(client, pat, "approve", ATTESTED)

    assert response.status_code == 302
    approved = "“Pat Example, RN, PhD” was approved and published."
    assert any(approved in m for m in messages_of(response))
    for path in (GUIDE, treatment):
        assert CHANGED in credits_on(path)
    person = Person.objects.get(pk=pat.pk)
    review = MedicalReview.objects.get(revision=person.live_revision)
    assert review.reviewer_display == "Ada Advisor, MD (Neurologist)"
    assert review.page is None and review.page_title == "Pat Example, RN, PhD"


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_the_person_editor_offers_submit_but_no_publish(client, users, pat, role):
    login(client, users[role])
    html = client.get(url("edit", quote(pat.pk))).content.decode()

    assert "Submit to Medical review" in html
    assert 'name="action-publish"' not in html


@pytest.mark.parametrize("role", ["editor", "advisor", "moderator", "superuser"])
def test_nobody_publishes_a_person_directly_even_by_posting_the_publish_action(
    client, users, pat, role
):
    login(client, users[role])
    response = edit_person(client, pat, "action-publish", credentials="RN, PhD")

    assert response.status_code == 302
    assert any(
        "goes live only when a medical advisor approves it" in m for m in messages_of(response)
    )
    assert Person.objects.get(pk=pat.pk).credentials == "RN"
    assert Revision.objects.for_instance(pat).count() == 1  # not even a draft was saved
    assert CREDITED in credits_on(GUIDE)


def test_restoring_an_old_revision_does_not_publish_it(client, users, pat):
    login(client, users["editor"])
    edit_person(client, pat, credentials="RN, PhD")  # a draft
    draft = Person.objects.get(pk=pat.pk).latest_revision
    login(client, users["moderator"])
    revert = url("revisions_revert", quote(pat.pk), draft.pk)
    data = {"name": "Pat Example", "credentials": "RN, PhD", "role": "test contributor"}

    response = client.post(revert, {**data, "action-publish": "1"})

    assert response.status_code == 302
    assert Person.objects.get(pk=pat.pk).credentials == "RN"
    assert CREDITED in credits_on(GUIDE)


def test_a_new_person_is_not_published_from_the_add_view(client, users, guide):
    login(client, users["superuser"])
    data = {"name": "Sam Sample", "credentials": "MD", "role": "", "action-publish": "1"}

    response = client.post(url("add"), data)

    assert response.status_code == 302
    assert not Person.objects.filter(name="Sam Sample").exists()


def test_a_copy_posted_to_the_copy_address_is_a_new_draft_and_leaves_the_original(
    client, users, pat
):
    login(client, users["editor"])
    data = {"name": "Pat Copy", "credentials": "RN", "role": "", "action-submit": "1"}

    response = client.post(url("copy", quote(pat.pk)), data)

    assert response.status_code == 302
    original = Person.objects.get(pk=pat.pk)
    assert (original.name, original.live) == ("Pat Example", True)
    assert not Person.objects.get(name="Pat Copy").live
    assert CREDITED in credits_on(GUIDE)


def test_the_editor_cannot_approve_a_change(client, users, pat):
    submit_change(client, users["editor"], pat, credentials="RN, PhD")

    response = person_action(client, pat, "approve", ATTESTED)

    assert response.status_code in (302, 403)
    assert Person.objects.get(pk=pat.pk).credentials == "RN"
    assert not MedicalReview.objects.exists()


def test_the_author_cannot_approve_their_own_change(client, users, pat):
    submit_change(client, users["advisor"], pat, credentials="RN, PhD")

    response = person_action(client, pat, "approve", ATTESTED)

    assert response.status_code == 302
    refusal = "You submitted this person for medical review, so another medical advisor must"
    assert any(refusal in m for m in messages_of(response))
    assert Person.objects.get(pk=pat.pk).credentials == "RN"
    assert CREDITED in credits_on(GUIDE)

    login(client, users["advisor2"])
    assert person_action(client, pat, "approve", ATTESTED).status_code == 302
    assert CHANGED in credits_on(GUIDE)


def test_a_moderator_takes_a_person_down_at_once_and_an_editor_cannot(client, users, pat):
    login(client, users["editor"])
    client.post(url("unpublish", quote(pat.pk)))
    assert Person.objects.get(pk=pat.pk).live

    Client().get(GUIDE)
    login(client, users["moderator"])
    assert client.post(url("unpublish", quote(pat.pk))).status_code == 302

    assert not Person.objects.get(pk=pat.pk).live
    assert "Pat Example" not in visible_text(Client().get(GUIDE))


# -- what readers see ----------------------------------------------------------------------------


def test_a_person_never_published_is_not_credited_on_pages_or_in_the_api(client, users, guide):
    login(client, users["editor"])
    added = client.post(
        url("add"), {"name": "Dana Draft", "credentials": "MD", "role": "test contributor"}
    )
    assert added.status_code == 302
    draft = Person.objects.get(name="Dana Draft")
    assert not draft.live
    GuidePerson.objects.create(page=guide, person=draft, credit=GuidePerson.CONTRIBUTOR)
    publish_unreviewed(guide)

    assert "Dana Draft" not in visible_text(Client().get(GUIDE))
    assert "Dana Draft" not in visible_text(Client().get(a_treatment(guide).url))
    detail = Client().get(f"/api/v2/pages/{guide.pk}/").json()
    assert detail["people"] and "Dana Draft" not in {p["name"] for p in detail["people"]}


def test_a_draft_of_a_live_person_never_shows(client, users, pat):
    login(client, users["editor"])
    assert edit_person(client, pat, credentials="RN, PhD").status_code == 302  # a draft

    assert CREDITED in credits_on(GUIDE)
    detail = Client().get(f"/api/v2/pages/{TreatmentGuidePage.objects.get().pk}/").json()
    assert {"name": "Pat Example", "credentials": "RN"}.items() <= next(
        p for p in detail["people"] if p["name"] == "Pat Example"
    ).items()


# -- Spanish -----------------------------------------------------------------------------------


@pytest.fixture
def spanish_guide(pat):
    """The Spanish guide (live, reviewed) above a Spanish treatment, crediting Pat."""
    translate_with_ancestors(baclofen())
    return TreatmentGuidePage.objects.get(locale__language_code="es")


def translate_person(client, user, person, django_capture_on_commit_callbacks):
    """The translator's "Translate" of `person` into Spanish, as the admin does it."""
    spanish = Locale.objects.get(language_code="es")
    login(client, user)
    submit = reverse(
        "simple_translation:submit_snippet_translation", args=["treatments", "person", person.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [spanish.pk]}).status_code == 302
    return person.get_translation(spanish)


def spanish_path(page):
    with translation.override("es"):
        return page.get_url()


def test_a_spanish_translation_of_a_person_shows_only_once_a_spanish_reviewer_approves_it(
    client, users, pat, spanish_guide, spanish_advisor, django_capture_on_commit_callbacks
):
    spanish_treatment = spanish_path(baclofen().get_translation(spanish_guide.locale))
    assert "Pat Example, RN y test contributor" in spanish_credits_on("/es/treatments/")

    translated = translate_person(client, users["editor"], pat, django_capture_on_commit_callbacks)
    assert not translated.live
    submit_change(
        client, users["editor"], translated, credentials="RN (ES)", role="(ES) colaborador"
    )
    cache.clear()
    for path in ("/es/treatments/", spanish_treatment):
        credits = spanish_credits_on(path)
        assert "Pat Example, RN y test contributor" in credits, path
        assert "(ES)" not in credits

    login(client, users["advisor"])  # reviews English only
    person_action(client, translated, "approve", ATTESTED)
    assert not Person.objects.get(pk=translated.pk).live

    login(client, spanish_advisor)
    assert person_action(client, translated, "approve", ATTESTED).status_code == 302

    assert Person.objects.get(pk=translated.pk).live
    for path in ("/es/treatments/", spanish_treatment):
        assert "Pat Example, RN (ES) y (ES) colaborador" in spanish_credits_on(path), path
    english = credits_on(GUIDE)
    assert CREDITED in english and "(ES)" not in english


def test_a_spanish_person_copied_in_the_shell_is_a_draft_nobody_reads(pat, spanish_guide):
    copy = pat.copy_for_translation(spanish_guide.locale)
    copy.role = "(ES) colaborador"
    copy.save()

    assert not copy.live and copy.live_revision is None
    assert "(ES)" not in spanish_credits_on("/es/treatments/")


def test_spanish_credits_cost_one_query_whatever_the_number_of_people(
    pat, spanish_guide, django_assert_max_num_queries
):
    def queries():
        path = "/es/treatments/?uncached=1"
        Client().get(path)
        with django_assert_max_num_queries(100) as captured:
            assert Client().get(path).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        person = Person.objects.create(name=f"Test Person {n}")
        GuidePerson.objects.create(page=spanish_guide, person=person)
        copy = person.copy_for_translation(spanish_guide.locale)
        copy.save()
        publish_unreviewed(copy)
    assert queries() == before


# -- the admin account, the loader, the migration -------------------------------------------------


def test_a_superuser_links_an_account_at_once_and_a_published_change_keeps_it(client, users, pat):
    account = make_user("pat-account")
    login(client, users["editor"])
    assert 'name="user"' not in client.get(url("edit", quote(pat.pk))).content.decode()

    login(client, users["superuser"])
    assert 'name="user"' in client.get(url("edit", quote(pat.pk))).content.decode()
    assert edit_person(client, pat, user=account.pk).status_code == 302

    assert Person.objects.get(pk=pat.pk).user == account
    assert Revision.objects.for_instance(pat).count() == 1  # nothing to review
    submit_change(client, users["editor"], pat, credentials="RN, PhD")
    login(client, users["advisor"])
    person_action(client, pat, "approve", ATTESTED)
    person = Person.objects.get(pk=pat.pk)
    assert (person.credentials, person.user) == ("RN, PhD", account)


def test_the_loader_creates_the_seed_people_live_and_leaves_them_on_a_second_run(guide):
    people = Person.objects.filter(locale=Locale.get_default(), name__in=["Jim Weiss", "Tara Zier"])
    assert people.count() == 2
    assert all(person.live and person.live_revision_id for person in people)
    revisions = Revision.objects.filter(base_content_type__model="person").count()

    load_treatment_guide()

    assert Person.objects.filter(name="Tara Zier").count() == 1
    assert Revision.objects.filter(base_content_type__model="person").count() == revisions


def test_the_migration_keeps_people_live_and_puts_them_under_the_review(guide):
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(*editors.permissions.filter(codename__endswith="_person"))
    with seed_publication():  # a person live before people were reviewed
        person = Person.objects.create(name="Lee Legacy", credentials="MD")
    migration = importlib.import_module("treatments.migrations.0015_people_reviewed")

    migration.review_people(apps, None)

    assert Person.objects.get(pk=person.pk).live
    assert Person.get_default_workflow().name == "Medical review"
    assert Group.objects.get(name=EDITORS).permissions.filter(codename="change_person").exists()


# -- Varnish -------------------------------------------------------------------------------------

varnish = varnish_on(27250)


@needs_varnish
@pytest.mark.django_db(transaction=True)
def test_an_approved_change_of_credentials_reaches_readers_through_varnish_at_once(
    varnish, live_site, settings, client, pat
):
    purged_by_wagtail(varnish, settings)
    users = role_accounts()
    treatment = a_treatment(TreatmentGuidePage.objects.get()).url
    cached(varnish, GUIDE, treatment)

    submit_change(client, users["editor"], pat, credentials="RN, PhD")
    assert "RN, PhD" not in read(varnish, GUIDE).text
    login(client, users["advisor"])
    assert person_action(client, pat, "approve", ATTESTED).status_code == 302

    for path in (GUIDE, treatment):
        fresh = read(varnish, path)
        assert fresh.headers["X-Cache"] == "miss", path
        assert CHANGED in " ".join(fresh.text.split()), path
