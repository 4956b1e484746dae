"""Roles × actions on a guide page, a content page, a news article and the home page, through
Wagtail's real admin views, as README's tables "Who may do what" say (read from README.md below).

Each cell asserts what the action changed (the live text, the tree, the accounts), not only
the answer's status: a refused action changes nothing, an allowed one does what it says.
"""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from content_pages.models import ContentPage
from editorial_review.setup import WORKFLOW_NAME as EDITORIAL_REVIEW
from medical_review.gate import ReviewRequired
from medical_review.invariant import audit
from medical_review.permissions import MEDICAL_ADVISORS
from medical_review.workflows import MEDICAL_REVIEW, workflow_named
from news.models import NewsArticlePage, NewsIndexPage
from tests.content_page_support import content_page_data
from tests.news_events_support import article_data, english_home, new_article, news_index_of
from tests.review_support import (
    ATTESTED,
    edit_home,
    live_title,
    new_treatment,
    publish_unreviewed,
    role_accounts,
    spanish_pages_above,
    treatment_form_data,
    workflow_action,
)
from treatments.models import GuideSettings, HomePage, TherapyCategoryPage, TreatmentPage

ROLES = ["editor", "advisor", "advisor2", "moderator", "superuser"]

# The README's table "Who may do what in the guide": the roles allowed each action.
ALLOWED = {
    "edit": {"editor", "advisor", "advisor2", "moderator", "superuser"},
    "submit": {"editor", "advisor", "advisor2", "moderator", "superuser"},
    "approve own": set(),
    "approve other's": {"advisor", "advisor2"},
    "publish": set(),
    "schedule": set(),
    "revert and publish": set(),
    "bulk publish": set(),
    "unpublish": {"moderator", "superuser"},
    "delete": {"moderator", "superuser"},
    "move": {"superuser"},
    "reorder": {"superuser"},
    "copy as draft": {"editor", "advisor", "advisor2", "moderator", "superuser"},
    "copy and publish": set(),
    "manage users": {"superuser"},
    "change groups": {"superuser"},
    "edit promoted results": {"editor", "superuser"},
    "translate": {"editor", "advisor", "advisor2", "superuser"},
    "cancel a review": {"moderator", "superuser"},
}


@pytest.fixture
def accounts(guide):
    return role_accounts()


@pytest.fixture
def treatment(guide):
    return new_treatment(guide)


def live_content_page(parent, title, slug):
    """A live made-up content page below `parent` (test set-up, no review)."""
    page = ContentPage(title=title, slug=slug, intro="A made-up page for a test.", live=False)
    parent.add_child(instance=page)
    publish_unreviewed(page)
    return ContentPage.objects.get(pk=page.pk)


@pytest.fixture
def content_page(guide):
    """A made-up content page below another, after a sibling; one more stands elsewhere."""
    home = english_home()
    topics = live_content_page(home, "Reviewamide topics", "reviewamide-topics")
    live_content_page(topics, "Reviewamide earlier", "reviewamide-earlier")
    live_content_page(home, "Reviewamide elsewhere", "reviewamide-elsewhere")
    return live_content_page(topics, "Reviewamide", "reviewamide")


@pytest.fixture
def article(guide):
    """A made-up news article. A second news index stands beside its own, for a move: Wagtail
    moves no page into another language, and the admin adds one news index per home."""
    home = english_home()
    article = new_article(news_index_of(home), "Reviewamide news")
    archive = NewsIndexPage(title="Reviewamide archive", slug="reviewamide-archive", live=False)
    home.add_child(instance=archive)
    publish_unreviewed(archive)
    return article


FORMS = {
    TreatmentPage: treatment_form_data,
    ContentPage: content_page_data,
    NewsArticlePage: article_data,
}


def edit(client, page, action=None, **changes):
    """Posts the page's editor: its fields with `changes`, and the button `action`."""
    data = FORMS[type(page)](page, **changes)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def move_destination(page):
    """Where a page of its type may be moved to: another category, content page, news index."""
    if isinstance(page, TreatmentPage):
        return TherapyCategoryPage.objects.get(slug="first-line")
    if isinstance(page, ContentPage):
        return ContentPage.objects.get(slug="reviewamide-elsewhere")
    return NewsIndexPage.objects.get(slug="reviewamide-archive")


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def submitted_by(user, page, title="Reviewamide (submitted)"):
    response = edit(as_user(user), page, "action-submit", title=title)
    assert response.status_code == 302, response.content[:500]
    return fresh(page)


# Each action: do it as `user` through the admin; return whether it took effect.


def do_edit(accounts, user, page):
    before = page.revisions.count()
    edit(as_user(user), page, title="Reviewamide (draft)")
    latest = page.revisions.order_by("-pk").first()
    return page.revisions.count() > before and latest.user_id == user.pk


def do_submit(accounts, user, page):
    edit(as_user(user), page, "action-submit", title="Reviewamide (submitted)")
    return fresh(page).workflow_in_progress


def do_approve_own(accounts, user, page):
    page = submitted_by(user, page)
    if not page.workflow_in_progress:  # could not submit at all
        return False
    workflow_action(as_user(user), page, "approve", ATTESTED)
    return live_title(page) == "Reviewamide (submitted)"


def do_approve_others(accounts, user, page):
    page = submitted_by(accounts["editor"], page)
    workflow_action(as_user(user), page, "approve", ATTESTED)
    return live_title(page) == "Reviewamide (submitted)"


def do_publish(accounts, user, page):
    edit(as_user(user), page, "action-publish", title="Reviewamide (published)")
    return live_title(page) == "Reviewamide (published)"


def do_schedule(accounts, user, page):
    go_live = (timezone.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    edit(as_user(user), page, "action-publish", title="Reviewamide (later)", go_live_at=go_live)
    return page.revisions.filter(approved_go_live_at__isnull=False).exists()


def do_revert_and_publish(accounts, user, page):
    old = page.live_revision
    page.title = "Reviewamide (newer)"
    publish_unreviewed(page, user=accounts["advisor"])
    client = as_user(user)
    client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk]))
    edit(client, page, "action-publish", title=old.as_object().title)
    return live_title(page) == old.as_object().title


def do_bulk_publish(accounts, user, page):
    page.title = "Reviewamide (draft for bulk)"
    page.save_revision(user=accounts["editor"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    as_user(user).post(f"{url}?id={page.pk}&next=/admin/", {"include_descendants": ""})
    return live_title(page) == "Reviewamide (draft for bulk)"


def do_unpublish(accounts, user, page):
    as_user(user).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    return not fresh(page).live


def do_delete(accounts, user, page):
    as_user(user).post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not type(page).objects.filter(pk=page.pk).exists()


def do_move(accounts, user, page):
    destination = move_destination(page)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    as_user(user).post(url)
    return fresh(page).get_parent().pk == destination.pk


def do_reorder(accounts, user, page):
    parent = page.get_parent()
    url = reverse("wagtailadmin_pages:set_page_position", args=[page.pk])
    as_user(user).post(f"{url}?position=0")
    return parent.get_children().first().pk == page.pk


def _copy(user, page, **extra):
    as_user(user).post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": page.get_parent().pk,
            **extra,
        },
    )
    return type(page).objects.filter(slug="copied").first()


def do_copy_as_draft(accounts, user, page):
    copy = _copy(user, page)
    return copy is not None and not copy.live


def do_copy_and_publish(accounts, user, page):
    copy = _copy(user, page, publish_copies="on")
    return copy is not None and copy.live


def do_manage_users(accounts, user, page):
    as_user(user).post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "first_name": "New",
            "last_name": "Comer",
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
            "groups": [Group.objects.get(name=MEDICAL_ADVISORS).pk],
        },
    )
    return get_user_model().objects.filter(username="newcomer").exists()


def do_change_groups(accounts, user, page):
    response = as_user(user).get(
        reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=MEDICAL_ADVISORS).pk])
    )
    return response.status_code == 200


def do_edit_promoted_results(accounts, user, page):
    as_user(user).post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "stiffness",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": page.pk,
            "editors_picks-0-description": "",
        },
    )
    return Query.objects.filter(query_string="stiffness", editors_picks__isnull=False).exists()


def do_translate(accounts, user, page):
    spanish = Locale.objects.get(language_code="es")
    spanish_pages_above(page, spanish)
    as_user(user).post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]),
        {"locales": [spanish.pk]},
    )
    translation = page.get_translation_or_none(spanish)
    # Whoever translates makes a draft: a translation goes live only through the review.
    assert translation is None or not translation.live
    return translation is not None


def do_cancel_a_review(accounts, user, page):
    submitted_by(accounts["editor"], page)
    edit(as_user(user), page, "action-cancel-workflow", title="Reviewamide (submitted)")
    return not fresh(page).workflow_in_progress


ACTIONS = {
    "edit": do_edit,
    "submit": do_submit,
    "approve own": do_approve_own,
    "approve other's": do_approve_others,
    "publish": do_publish,
    "schedule": do_schedule,
    "revert and publish": do_revert_and_publish,
    "bulk publish": do_bulk_publish,
    "unpublish": do_unpublish,
    "delete": do_delete,
    "move": do_move,
    "reorder": do_reorder,
    "copy as draft": do_copy_as_draft,
    "copy and publish": do_copy_and_publish,
    "manage users": do_manage_users,
    "change groups": do_change_groups,
    "edit promoted results": do_edit_promoted_results,
    "translate": do_translate,
    "cancel a review": do_cancel_a_review,
}


def test_the_matrix_names_every_action_once():
    assert ACTIONS.keys() == ALLOWED.keys()
    assert all(allowed <= set(ROLES) for allowed in ALLOWED.values())


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_may_take_the_action_only_as_the_readme_says(accounts, treatment, role, action):
    took_effect = ACTIONS[action](accounts, accounts[role], treatment)
    assert took_effect == (role in ALLOWED[action])


# A content page is medically reviewed as a guide page is: the guide's table holds for it.
ACCOUNT_ACTIONS = {"manage users", "change groups", "edit promoted results"}
PAGE_ACTIONS = [action for action in ACTIONS if action not in ACCOUNT_ACTIONS]


@pytest.mark.parametrize("action", PAGE_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_may_act_on_a_content_page_as_on_a_guide_page(accounts, content_page, role, action):
    took_effect = ACTIONS[action](accounts, accounts[role], content_page)
    assert took_effect == (role in ALLOWED[action])


# The README's table "Who may do what on the foundation's pages", checked on a news article:
# the editorial review, approved by a moderator who wrote none of the change.
FOUNDATION_ALLOWED = {
    "edit": {"editor", "advisor", "advisor2", "moderator", "superuser"},
    "submit": {"editor", "advisor", "advisor2", "moderator", "superuser"},
    "approve own": set(),
    "approve other's": {"moderator", "superuser"},
    "publish": set(),
    "bulk publish": set(),
    "schedule publish": set(),
    "unpublish": {"moderator", "superuser"},
    "move": {"moderator", "superuser"},
    "copy and publish": set(),
    "revert to an earlier revision and publish": set(),
    "translate": {"editor", "advisor", "advisor2", "superuser"},
}
FOUNDATION_ACTIONS = {
    "edit": do_edit,
    "submit": do_submit,
    "approve own": do_approve_own,
    "approve other's": do_approve_others,
    "publish": do_publish,
    "bulk publish": do_bulk_publish,
    "schedule publish": do_schedule,
    "unpublish": do_unpublish,
    "move": do_move,
    "copy and publish": do_copy_and_publish,
    "revert to an earlier revision and publish": do_revert_and_publish,
    "translate": do_translate,
}


def test_the_foundation_matrix_names_every_action_once():
    assert FOUNDATION_ACTIONS.keys() == FOUNDATION_ALLOWED.keys()


@pytest.mark.parametrize("action", FOUNDATION_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_may_act_on_a_news_article_only_as_the_readme_says(accounts, article, role, action):
    took_effect = FOUNDATION_ACTIONS[action](accounts, accounts[role], article)
    assert took_effect == (role in FOUNDATION_ALLOWED[action])


# The shell: a revision that no review approved never goes live, whatever its page type.


@pytest.fixture(params=["treatment", "content_page", "article"])
def any_page(request, guide):
    if request.param == "treatment":
        return new_treatment(guide)
    return request.getfixturevalue(request.param)


def test_a_revision_published_in_the_shell_without_approval_is_refused(accounts, any_page):
    title = any_page.title
    any_page.title = "Reviewamide (shell)"
    revision = any_page.save_revision(user=accounts["superuser"])

    with pytest.raises(ReviewRequired):
        revision.publish()

    assert live_title(any_page) == title
    assert fresh(any_page).get_latest_revision_as_object().title == "Reviewamide (shell)"
    assert audit()[1] == []


def test_a_live_row_saved_in_the_shell_keeps_the_approved_text(accounts, any_page):
    title = any_page.title
    any_page.title = "Reviewamide (shell)"
    any_page.save()

    assert live_title(any_page) == title
    assert fresh(any_page).get_latest_revision_as_object().title == "Reviewamide (shell)"
    assert audit()[1] == []


def test_an_approval_in_the_other_review_publishes_nothing(accounts, content_page, article):
    """A page started in the other kind's workflow from the shell: the other group's approval
    (a moderator's of a content page, an advisor's of a news article) is refused or publishes
    nothing, and is no server error."""
    for page, workflow, approver in (
        (content_page, EDITORIAL_REVIEW, "moderator"),
        (article, MEDICAL_REVIEW, "advisor"),
    ):
        title = page.title
        page.title = "Reviewamide (other review)"
        page.save_revision(user=accounts["editor"])
        workflow_named(workflow).start(page, accounts["editor"])

        response = workflow_action(as_user(accounts[approver]), page, "approve", ATTESTED)

        assert response.status_code < 500
        assert live_title(page) == title
    assert audit()[1] == []


# The README's table "Who may do what on the home page": its own fields (title, browser title,
# meta description) go through the editorial review; the guide settings readers see are
# changed by superusers only.
HOME_ALLOWED = {
    "edit": {"moderator", "superuser"},
    "submit": {"moderator", "superuser"},
    "approve own": set(),
    "approve other's": {"moderator", "superuser"},
    "publish": set(),
    "bulk publish": set(),
    "unpublish": {"moderator", "superuser"},
    "change guide settings": {"superuser"},
}
HOME_TITLE = "SPS guide (changed)"


@pytest.fixture
def home(guide):
    return HomePage.objects.get(locale__language_code="en")


def home_submitted_by(user, home):
    edit_home(as_user(user), home, "action-submit", title=HOME_TITLE)
    return HomePage.objects.get(pk=home.pk)


def home_do_edit(accounts, user, home):
    before = home.revisions.count()
    edit_home(as_user(user), home, title=HOME_TITLE)
    latest = home.revisions.order_by("-pk").first()
    return home.revisions.count() > before and latest.user_id == user.pk


def home_do_submit(accounts, user, home):
    return home_submitted_by(user, home).workflow_in_progress


def home_do_approve_own(accounts, user, home):
    home = home_submitted_by(user, home)
    if not home.workflow_in_progress:
        return False
    workflow_action(as_user(user), home, "approve")
    return live_title(home) == HOME_TITLE


def home_do_approve_others(accounts, user, home):
    author = accounts["superuser"] if user == accounts["moderator"] else accounts["moderator"]
    home = home_submitted_by(author, home)
    workflow_action(as_user(user), home, "approve")
    return live_title(home) == HOME_TITLE


def home_do_publish(accounts, user, home):
    edit_home(as_user(user), home, "action-publish", title=HOME_TITLE)
    return live_title(home) == HOME_TITLE


def home_do_bulk_publish(accounts, user, home):
    home.title = HOME_TITLE
    home.save_revision(user=accounts["moderator"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    as_user(user).post(f"{url}?id={home.pk}&next=/admin/", {"include_descendants": ""})
    return live_title(home) == HOME_TITLE


def home_do_unpublish(accounts, user, home):
    as_user(user).post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]))
    return not HomePage.objects.get(pk=home.pk).live


def home_do_change_guide_settings(accounts, user, home):
    site = home.get_site()
    url = reverse("wagtailsettings:edit", args=["treatments", "guidesettings", site.pk])
    as_user(user).post(url, {"review_interval_months": 7})
    return GuideSettings.for_site(site).review_interval_months == 7


HOME_ACTIONS = {
    "edit": home_do_edit,
    "submit": home_do_submit,
    "approve own": home_do_approve_own,
    "approve other's": home_do_approve_others,
    "publish": home_do_publish,
    "bulk publish": home_do_bulk_publish,
    "unpublish": home_do_unpublish,
    "change guide settings": home_do_change_guide_settings,
}


def test_the_home_matrix_names_every_action_once():
    assert HOME_ACTIONS.keys() == HOME_ALLOWED.keys()


@pytest.mark.parametrize("action", HOME_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_may_act_on_the_home_page_only_as_the_readme_says(accounts, home, role, action):
    took_effect = HOME_ACTIONS[action](accounts, accounts[role], home)
    assert took_effect == (role in HOME_ALLOWED[action])


README = Path(__file__).resolve().parent.parent / "README.md"
# A table's role columns; the advisor column speaks for both demo advisors.
ROLE_COLUMNS = {
    "editor": {"editor"},
    "advisor": {"advisor", "advisor2"},
    "moderator": {"moderator"},
    "superuser": {"superuser"},
}


def readme_table(heading):
    """The README's table under `### heading`: each action and the roles whose cell says yes
    (a row may name several actions, separated by commas)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    rows = []
    for line in lines[lines.index(f"### {heading}") + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, _rule, *body = rows
    table = {}
    for cells in body:
        roles = set()
        for column, cell in zip(header, cells, strict=True):
            if column in ROLE_COLUMNS and cell.startswith("yes"):
                roles |= ROLE_COLUMNS[column]
        for action in cells[0].split(", "):
            table[action] = roles
    return table


def test_the_readme_says_what_the_guide_matrix_checks():
    assert readme_table("Who may do what in the guide") == ALLOWED


def test_the_readme_says_what_the_home_matrix_checks():
    assert readme_table("Who may do what on the home page") == HOME_ALLOWED


def test_the_readme_says_what_the_foundation_matrix_checks():
    assert readme_table("Who may do what on the foundation's pages") == FOUNDATION_ALLOWED
