"""Helpers shared by the medical review tests: role accounts and real admin requests."""

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from medical_review.gate import seed_publication
from medical_review.models import ReviewerProfile
from medical_review.roles import ROLES, create_account
from tests.factories import TreatmentPageFactory
from treatments.models import Disclaimer, Person, TherapyCategoryPage, TreatmentPage

ATTESTED = {"attestation": "on", "summary": "Checked against current evidence", "comment": ""}


def make_user(username, *groups, superuser=False, name="", person=None, profile=None):
    """An account in `groups`; `person` makes its Person record, `profile` (name, credentials,
    specialty) its reviewer profile.
    """
    first, _, last = name.partition(" ")
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="pw",
        first_name=first,
        last_name=last,
        is_superuser=superuser,
        is_staff=superuser,
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    linked_person = None
    if person:
        linked_person = Person.objects.create(user=user, **person)
        publish_unreviewed(linked_person)  # live, as the loader publishes people
    if profile:
        ReviewerProfile.objects.create(user=user, person=linked_person, **profile)
    return user


# The roles `role_accounts` makes unless told otherwise.
ROLE_ACCOUNTS = ("editor", "advisor", "advisor2", "moderator", "superuser")


def role_accounts(*names):
    """One account per role (`medical_review.roles`), by role name, password "pw". The advisor
    is also a doctor the site lists: a live Person record, linked to the reviewer profile."""
    accounts = {name: create_account(ROLES[name], "pw") for name in names or ROLE_ACCOUNTS}
    if "advisor" in accounts:
        advisor = ROLES["advisor"]
        person = Person.objects.create(
            user=accounts["advisor"],
            name=advisor.display_name,
            credentials=advisor.credentials,
            role=advisor.specialty,
        )
        publish_unreviewed(person)
        ReviewerProfile.objects.filter(user=accounts["advisor"]).update(person=person)
    return accounts


def a_treatment(guide):
    return TreatmentPage.objects.descendant_of(guide).live().order_by("path").first()


def publish_unreviewed(obj, **revision_fields):
    """Publishes `obj` as the loader publishes the seed: test set-up, outside any review."""
    with seed_publication():
        return obj.save_revision(**revision_fields).publish(skip_permission_checks=True)


def new_treatment(guide, title="Reviewamide"):
    """A made-up treatment (not medical content) under the first seed category, live."""
    category = TherapyCategoryPage.objects.descendant_of(guide).order_by("path").first()
    page = TreatmentPageFactory(parent=category, title=title, generic_name=title)
    publish_unreviewed(page)
    return TreatmentPage.objects.get(pk=page.pk)


def treatment_form_data(page, **changes):
    """What the page editor posts for a treatment without brand names or body blocks."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "generic_name": page.generic_name,
        "also_known_as": page.also_known_as,
        "kind": page.kind,
        "drug_class": page.drug_class,
        "administration": page.administration,
        "targets": page.targets,
        "regimen": page.regimen,
        "cautions": page.cautions,
        "seo_title": "",
        "search_description": "",
        **changes,
    }
    return nested_form_data(
        {
            **values,
            "brand_names": inline_formset([]),
            "body": streamfield([]),
            "video": streamfield([]),
            "common_questions": streamfield([]),
            "sources": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def edit(client, page, action=None, **changes):
    data = treatment_form_data(page, **changes)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def edit_home(client, home, action=None, **changes):
    """Posts the home page's editor: its own fields with `changes`, and the button `action`."""
    values = {
        "title": home.title,
        "slug": home.slug,
        "seo_title": home.seo_title,
        "search_description": home.search_description,
        **changes,
    }
    data = nested_form_data({**values, "comments": inline_formset([])})
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)


def workflow_action(client, page, action, data=None, ajax=False, task_state=None):
    """Posts `action` on the page's open task (or on `task_state`, e.g. one since restarted)."""
    page.refresh_from_db()
    task_state = task_state or page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    headers = {"x-requested-with": "XMLHttpRequest"} if ajax else {}
    return client.post(url, data or {}, headers=headers)


def snippet_url(model, name, *args):
    """The address of one of a snippet model's admin views."""
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def edit_snippet(client, snippet, fields, action=None, **changes):
    """What a snippet's editor posts: `fields` as its latest revision has them, with `changes`,
    and the button `action` ("action-submit"…)."""
    latest = type(snippet).objects.get(pk=snippet.pk).get_latest_revision_as_object()
    data = {name: getattr(latest, name) for name in fields} | changes
    if action:
        data[action] = "1"
    return client.post(snippet_url(type(snippet), "edit", quote(snippet.pk)), data)


def submit_snippet(client, user, snippet, fields, **changes):
    """`user` signs in afresh and submits `changes` to `snippet` for the medical review."""
    client.cookies.clear()  # no messages left over from whoever used the client before
    client.force_login(user)
    response = edit_snippet(client, snippet, fields, "action-submit", **changes)
    assert response.status_code == 302, response.content[:800]
    snippet.refresh_from_db()
    assert snippet.workflow_in_progress
    return snippet


def snippet_action(client, snippet, action, data=None):
    """Posts a workflow action ("approve", "reject"…) on the snippet's current review task."""
    snippet.refresh_from_db()
    task_state = snippet.current_workflow_task_state
    return client.post(
        snippet_url(type(snippet), "workflow_action", quote(snippet.pk), action, task_state.pk),
        data or {},
    )


def live_title(page):
    return Page.objects.get(pk=page.pk).specific.title


def messages_of(response):
    """The admin messages a response's request left for the next page."""
    return [str(m) for m in response.wsgi_request._messages]


def spanish_pages_above(page, locale):
    """Live translations in `locale` of the pages above `page`, as earlier reviewed work leaves
    them: simple_translation translates a page only below a translated parent."""
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        if not ancestor.has_translation(locale):
            copy = ancestor.specific.copy_for_translation(locale)
            publish_unreviewed(copy)


def set_live_disclaimer(text, language_code="en"):
    """The site's live disclaimer in `language_code` says `text`, as an earlier reviewed change
    left it (a Spanish one is a translation of the English disclaimer)."""
    locale = Locale.objects.get(language_code=language_code)
    disclaimer = Disclaimer.objects.filter(locale=locale).first()
    if disclaimer is None:
        english = Disclaimer.objects.get(locale=Locale.get_default())
        disclaimer = english.copy_for_translation(locale)
    disclaimer.text = text
    if disclaimer.pk is None:
        disclaimer.save()  # a draft, as simple_translation makes it
    publish_unreviewed(disclaimer)
    return Disclaimer.objects.get(pk=disclaimer.pk)
