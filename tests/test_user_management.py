"""Only superusers manage accounts, groups and superuser status, through every admin path."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from tests.review_support import role_accounts

User = get_user_model()

NEW_ACCOUNT = {
    "username": "newcomer",
    "email": "newcomer@example.org",
    "first_name": "New",
    "last_name": "Comer",
    "password1": "a-long-new-password-1",
    "password2": "a-long-new-password-1",
}


@pytest.fixture
def accounts(guide):
    return role_accounts()


def signed_in(client, user):
    client.force_login(user)
    return client


def account_form(user, **changes):
    """What Wagtail's user edit form posts for `user`, with `changes`."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def refused(response):
    """Wagtail answers a refused admin view with 403, or a redirect away with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/users/" not in response["Location"]
    )


def advisors():
    return Group.objects.get(name=MEDICAL_ADVISORS)


def grant_user_permissions(group_name):
    """Gives a group every auth permission on users and groups, as a careless admin might."""
    group = Group.objects.get(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", content_type__model__in=["user", "group"]
        )
    )


def test_moderators_hold_no_user_or_group_permissions(accounts):
    held = Group.objects.get(name=MODERATORS).permissions.filter(content_type__app_label="auth")
    assert list(held.values_list("codename", flat=True)) == []


def test_editors_may_manage_promoted_search_results_and_nothing_about_accounts(accounts):
    codenames = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    assert {
        "add_searchpromotion",
        "change_searchpromotion",
        "delete_searchpromotion",
        "view_searchpromotion",
    } <= codenames
    assert not {code for code in codenames if code.endswith(("_user", "_group"))}


@pytest.mark.parametrize("granted", [False, True], ids=["as set up", "even when granted"])
@pytest.mark.parametrize("role", ["editor", "advisor", "moderator"])
def test_only_superusers_see_or_add_users(client, accounts, role, granted):
    if granted:
        for group in (EDITORS, MEDICAL_ADVISORS, MODERATORS):
            grant_user_permissions(group)
    signed_in(client, accounts[role])
    count = User.objects.count()

    assert refused(client.get(reverse("wagtailusers_users:index")))
    assert refused(client.get(reverse("wagtailusers_users:add")))
    posted = client.post(
        reverse("wagtailusers_users:add"),
        {**NEW_ACCOUNT, "is_superuser": "on", "groups": [advisors().pk]},
    )

    assert refused(posted)
    assert User.objects.count() == count
    assert reverse("wagtailusers_users:index") not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("granted", [False, True], ids=["as set up", "even when granted"])
def test_a_moderator_cannot_make_themselves_an_advisor_or_a_superuser(client, accounts, granted):
    if granted:
        grant_user_permissions(MODERATORS)
    moderator = accounts["moderator"]
    signed_in(client, moderator)
    groups = [str(advisors().pk), *[str(g.pk) for g in moderator.groups.all()]]
    url = reverse("wagtailusers_users:edit", args=[moderator.pk])

    assert refused(client.get(url))
    assert refused(client.post(url, account_form(moderator, groups=groups, is_superuser="on")))

    moderator.refresh_from_db()
    assert not moderator.is_superuser
    assert not moderator.groups.filter(name=MEDICAL_ADVISORS).exists()


@pytest.mark.parametrize("granted", [False, True], ids=["as set up", "even when granted"])
def test_a_moderator_cannot_change_groups(client, accounts, granted):
    if granted:
        grant_user_permissions(MODERATORS)
    signed_in(client, accounts["moderator"])
    group = advisors()
    permissions = set(group.permissions.values_list("pk", flat=True))

    assert refused(client.get(reverse("wagtailusers_groups:index")))
    assert refused(client.get(reverse("wagtailusers_groups:edit", args=[group.pk])))
    assert refused(client.post(reverse("wagtailusers_groups:delete", args=[group.pk])))
    assert refused(client.post(reverse("wagtailusers_groups:add"), {"name": "Own reviewers"}))

    assert set(group.permissions.values_list("pk", flat=True)) == permissions
    assert Group.objects.filter(pk=group.pk).exists()
    assert not Group.objects.filter(name="Own reviewers").exists()


def test_a_moderator_cannot_delete_or_deactivate_users_in_bulk(client, accounts):
    grant_user_permissions(MODERATORS)
    signed_in(client, accounts["moderator"])
    advisor = accounts["advisor"]
    delete = reverse("wagtail_bulk_action", args=["auth", "user", "delete"])
    deactivate = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])

    assert refused(client.post(f"{delete}?id={advisor.pk}"))
    assert refused(client.post(f"{deactivate}?id={advisor.pk}", {"mark_as_active": "False"}))

    advisor.refresh_from_db()
    assert advisor.is_active


def test_a_superuser_adds_an_advisor_and_edits_a_group(client, accounts):
    signed_in(client, accounts["superuser"])

    created = client.post(
        reverse("wagtailusers_users:add"), {**NEW_ACCOUNT, "groups": [advisors().pk]}
    )
    assert created.status_code == 302, created.content[:800]
    newcomer = User.objects.get(username="newcomer")
    assert list(newcomer.groups.values_list("name", flat=True)) == [MEDICAL_ADVISORS]

    url = reverse("wagtailusers_users:edit", args=[newcomer.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, account_form(newcomer, is_superuser="on")).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_superuser

    assert client.get(reverse("wagtailusers_groups:edit", args=[advisors().pk])).status_code == 200
