"""The page explorer offers each role only the bulk actions it may take; posting others fails."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.review_support import new_treatment, role_accounts
from treatments.models import TherapyCategoryPage, TreatmentPage

ACTIONS = ("publish", "unpublish", "move", "delete")

# What each role is offered in a guide category's listing (README: who may do what).
OFFERED = {
    "editor": set(),
    "advisor": set(),
    "moderator": {"unpublish", "delete"},
    "superuser": {"unpublish", "move", "delete"},
}


@pytest.fixture
def accounts(guide):
    return role_accounts()


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def bulk_url(action):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])


def offered(client, parent):
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content.decode()
    return {action for action in ACTIONS if f'href="{bulk_url(action)}"' in html}


@pytest.mark.parametrize("role", OFFERED)
def test_the_guide_listing_offers_only_the_bulk_actions_the_role_may_take(accounts, role):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    assert offered(as_user(accounts[role]), category) == OFFERED[role]


def test_nobody_is_offered_bulk_publish_in_the_guide(accounts, guide):
    for role in OFFERED:
        assert "publish" not in offered(as_user(accounts[role]), guide), role


@pytest.mark.parametrize("role", ["editor", "advisor"])
def test_posting_a_bulk_publish_move_or_delete_directly_changes_nothing(accounts, guide, role):
    page = new_treatment(guide)
    page.save_revision(user=accounts[role]).save()  # an unreviewed draft
    draft = page.get_latest_revision()
    destination = TherapyCategoryPage.objects.get(slug="first-line")
    parent = page.get_parent()
    client = as_user(accounts[role])
    query = f"?id={page.pk}&next=/admin/"

    client.post(bulk_url("publish") + query, {"include_descendants": ""})
    client.post(bulk_url("move") + query, {"chooser": destination.pk})
    client.post(bulk_url("delete") + query)

    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.live_revision_id != draft.pk
    assert page.get_parent() == parent
    assert page.moved_at is None


def test_a_moderators_bulk_publish_or_move_in_the_guide_changes_nothing(accounts, guide):
    page = new_treatment(guide)
    draft = page.save_revision(user=accounts["editor"])
    destination = TherapyCategoryPage.objects.get(slug="first-line")
    parent = page.get_parent()
    client = as_user(accounts["moderator"])
    query = f"?id={page.pk}&next=/admin/"

    client.post(bulk_url("publish") + query, {"include_descendants": ""})
    client.post(bulk_url("move") + query, {"chooser": destination.pk})

    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.live_revision_id != draft.pk
    assert page.get_parent() == parent


@pytest.mark.parametrize("role", ["editor", "advisor"])
def test_the_guide_listing_offers_editors_no_move_or_delete_on_a_page(accounts, role):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    client = as_user(accounts[role])
    html = client.get(reverse("wagtailadmin_explore", args=[category.pk])).content.decode()
    for page in TreatmentPage.objects.child_of(category):
        assert reverse("wagtailadmin_pages:move", args=[page.pk]) not in html
        assert reverse("wagtailadmin_pages:delete", args=[page.pk]) not in html
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
