"""The home page's own fields (title, browser title, meta description) go live only when a
second person, a moderator or superuser who did not write or submit the change, approves it.
Site settings readers see are changed by superusers only; promoted search results show the
promoted page's own reviewed title and description, never free text.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, WorkflowPage

from medical_review.permissions import MODERATORS
from tests.review_support import a_treatment, edit_home, make_user
from treatments.models import GuideSettings, HomePage, TreatmentGuidePage

NEW_TITLE = "The SPS Treatment Guide: every treatment explained"


@pytest.fixture
def home(guide):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def people(users):
    """The role accounts with a second moderator."""
    return {**users, "moderator2": make_user("moderator2", MODERATORS, name="Max Moderator")}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def submit_home(user, home, **changes):
    response = edit_home(as_user(user), home, "action-submit", **changes)
    assert response.status_code == 302, response.content[:800]
    home.refresh_from_db()
    assert home.workflow_in_progress
    return home


def act(user, home, action, data=None):
    home.refresh_from_db()
    task_state = home.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[home.pk, action, task_state.pk])
    return as_user(user).post(url, data or {})


def refused(response):
    """Wagtail's admin answers a refused action by sending the user back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def live(home):
    return Page.objects.get(pk=home.pk).specific


def test_the_home_page_is_under_the_editorial_review_and_the_guide_under_the_medical(home, guide):
    assert WorkflowPage.objects.get(page=home).workflow.name == "Editorial review"
    assert home.get_workflow().name == "Editorial review"
    assert guide.get_workflow().name == "Medical review"
    assert Page.objects.get(depth=1).get_workflow().name == "Editorial review"


def test_a_moderator_has_no_publish_button_and_a_posted_publish_changes_nothing_live(people, home):
    client = as_user(people["moderator"])
    editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert 'name="action-publish"' not in editor_html
    assert 'name="action-submit"' in editor_html
    before = live(home).title

    response = edit_home(client, home, "action-publish", title=NEW_TITLE, seo_title="Cured!")

    assert response.status_code in (200, 302)
    assert live(home).title == before and live(home).seo_title == ""
    assert live(home).get_latest_revision().as_object().title == NEW_TITLE  # kept as a draft
    assert Client().get("/").content.decode().count(NEW_TITLE) == 0


def test_a_superuser_has_no_publish_button_either(people, home):
    html = (
        as_user(people["superuser"])
        .get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
        .content.decode()
    )
    assert 'name="action-publish"' not in html


def test_a_second_moderator_approves_and_the_change_goes_live(people, home):
    before = live(home).title
    submit_home(
        people["moderator"],
        home,
        title=NEW_TITLE,
        seo_title="SPS treatments",
        search_description="What each treatment is.",
    )
    assert live(home).title == before

    # The author cannot approve their own change: no button, and a posted approval is refused.
    author = as_user(people["moderator"])
    html = author.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "Approve and publish" not in html
    assert refused(act(people["moderator"], home, "approve"))
    assert live(home).title == before

    # An editor has no part in it at all.
    assert refused(act(people["editor"], home, "approve"))
    assert live(home).title == before

    response = act(people["moderator2"], home, "approve")

    assert not refused(response)
    page = live(home)
    assert (page.title, page.seo_title, page.search_description) == (
        NEW_TITLE,
        "SPS treatments",
        "What each treatment is.",
    )
    public = Client().get("/").content.decode()
    assert "What each treatment is." in public


def test_a_superuser_approves_a_moderators_change_but_not_their_own(people, home):
    submit_home(people["moderator"], home, title=NEW_TITLE)
    assert not refused(act(people["superuser"], home, "approve"))
    assert live(home).title == NEW_TITLE

    submit_home(people["superuser"], home, title="Changed by the superuser")
    assert refused(act(people["superuser"], home, "approve"))
    assert live(home).title == NEW_TITLE


def test_a_reviewer_who_edits_the_change_cannot_approve_it(people, home):
    submit_home(people["moderator"], home, title=NEW_TITLE)
    edit_home(as_user(people["moderator2"]), home, title="Edited during review")

    assert refused(act(people["moderator2"], home, "approve"))
    assert not refused(act(people["superuser"], home, "approve"))
    # What was approved is the latest text, the one the superuser was shown.
    assert live(home).title == "Edited during review"


def test_a_moderator_takes_the_home_page_down_at_once(people, home):
    as_user(people["moderator"]).post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]))
    assert not live(home).live


def test_only_superusers_change_the_guide_settings(people, site):
    url = reverse("wagtailsettings:edit", args=["treatments", "guidesettings", site.pk])
    # Even a group granted "Can change guide settings" does not open them.
    people["moderator"].groups.get().permissions.add(
        Permission.objects.get(codename="change_guidesettings")
    )

    for role in ("editor", "advisor", "moderator"):
        response = as_user(people[role]).post(url, {"review_interval_months": 3})
        assert response.status_code in (302, 403), role
        assert GuideSettings.for_site(site).review_interval_months == 12

    assert as_user(people["superuser"]).get(url).status_code == 200


def test_a_promotions_free_text_never_reaches_readers(people, guide, search_index):
    search_index()
    treatment = a_treatment(guide)
    client = as_user(people["editor"])
    form = client.get(reverse("wagtailsearchpromotions:add")).content.decode()
    assert "<textarea" not in form

    response = client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "stiffness",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": treatment.pk,
            "editors_picks-0-description": "Cures SPS overnight",
            "editors_picks-0-external_link_text": "Miracle",
        },
    )

    assert response.status_code == 302, response.content[:800]
    assert Query.get("stiffness").editors_picks.get().description == ""
    public = Client().get("/search/", {"q": "stiffness"}).content.decode()
    assert treatment.title in public
    assert "Cures SPS overnight" not in public and "Miracle" not in public


def test_a_promotion_stored_with_free_text_shows_the_pages_own_description(guide):
    treatment = TreatmentGuidePage.objects.get()
    Query.get("guide").editors_picks.create(page=treatment, description="Free text", sort_order=0)
    public = Client().get("/search/", {"q": "guide"}).content.decode()
    assert "Free text" not in public and treatment.title in public


def test_the_task_itself_refuses_an_approval_by_the_author(people, home):
    home = submit_home(people["moderator"], home, title=NEW_TITLE)
    task_state = home.current_workflow_task_state

    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, people["moderator"], "approve")
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, people["editor"], "reject")
    assert live(home).title != NEW_TITLE
