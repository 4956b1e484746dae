"""“How this guide is made” shows the review's steps, the advisors with their credentials,
specialty and declared conflicts of interest, and how much of the guide is reviewed, from
live data; the Privacy page says what is kept and for how long. Both change only through the
editorial review, and only superusers change what an advisor declares."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from medical_review.models import ReviewerProfile, reviewed_page_models
from medical_review.permissions import MODERATORS
from tests.factories import record_review
from tests.foundation_support import load_site, set_identity
from tests.page_text import visible_text
from tests.policy_support import site_pages
from tests.review_support import make_user, publish_unreviewed, workflow_action
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

CONFLICTS = "Speaker fees from Example Pharma (2025)."
NEW_PRIVACY = "We keep nothing else."


@pytest.fixture
def pages(guide):
    return site_pages()


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_how_made_page_lists_the_advisors_with_what_they_declare(pages, users):
    ReviewerProfile.objects.filter(user=users["advisor"]).update(conflicts_of_interest=CONFLICTS)

    text = visible_text(Client().get(pages["how made"].url))

    assert "How a page is reviewed" in text
    assert "this is the four-eyes rule" in text
    assert "Ada Advisor, MD (Neurologist)" in text
    assert "Specialty Neurologist" in text
    assert f"Declared conflicts of interest {CONFLICTS}" in text
    assert "Otto Other, MD" in text
    assert "Declared conflicts of interest None declared" in text
    # Moderators and editors sign no medical review.
    assert "Mo Moderator" not in text and "Eve Editor" not in text


def coverage_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.th.get_text(strip=True): [int(cell.get_text()) for cell in row.select("td")]
        for row in soup.select(".coverage__table tbody tr")
    }


def test_the_how_made_page_counts_reviewed_due_overdue_and_never_reviewed_pages(pages):
    today = timezone.localdate()
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    current, due, overdue = TreatmentPage.objects.live().filter(locale__language_code="en")[:3]
    record_review(current, at, next_review_due=today + datetime.timedelta(days=200))
    record_review(due, at, next_review_due=today + datetime.timedelta(days=10))
    record_review(overdue, at, next_review_due=today - datetime.timedelta(days=5))
    english = (
        Page.objects.type(*reviewed_page_models())
        .live()
        .filter(locale__language_code="en", alias_of__isnull=True)
        .count()
    )

    response = Client().get(pages["how made"].url)

    # Reviewed, due soon, overdue, never reviewed, all pages.
    assert coverage_rows(response)["English"] == [1, 1, 1, english - 3, english]
    chart = BeautifulSoup(response.content, "html.parser").select_one("svg.coverage__bar")
    assert chart["role"] == "img"
    assert chart["aria-label"] == (
        f"English: 1 of {english} pages reviewed, 1 due soon, 1 overdue, "
        f"{english - 3} never reviewed"
    )
    assert len(chart.select("rect")) == 4


FUNDING = "The foundation is funded by its members’ gifts; the site carries no advertising."


def funding_section(response):
    heading = BeautifulSoup(response.content, "html.parser").find(id="funding-heading")
    return None if heading is None else heading.find_parent("section")


def test_the_funding_statement_is_the_foundations_once_written(pages):
    page = pages["how made"]
    identity = load_site()
    assert funding_section(Client().get(page.url)) is None

    set_identity(identity, funding_statement=f"<p>{FUNDING}</p>")

    section = funding_section(Client().get(page.url))
    assert " ".join(section.get_text(" ").split()) == f"Funding and advertising {FUNDING}"
    assert section.find(lang=True) is None  # in the reader's language


def test_a_spanish_reader_reads_the_english_statement_marked_as_english(pages, spanish):
    home = pages["how made"].get_parent().specific
    spanish_home = home.copy_for_translation(spanish)
    publish_unreviewed(spanish_home)
    spanish_page = site_pages(spanish_home)["how made"]
    set_identity(load_site(), funding_statement=f"<p>{FUNDING}</p>")

    section = funding_section(Client().get(spanish_page.url))

    assert section.h2.get_text() == "Financiación y publicidad"
    assert section.find(lang="en").get_text(strip=True) == FUNDING


def test_the_privacy_page_says_what_is_kept_and_that_no_tracking_cookie_is_set(pages):
    text = visible_text(Client().get(pages["privacy"].url))
    assert "We keep it for 12 months" in text
    assert "deleted after 6 months" in text
    assert "The site sets no tracking or advertising cookie" in text


def privacy_form(page, **changes):
    values = {
        "title": page.title,
        "slug": page.slug,
        "body": rich_text(page.body),
        "seo_title": "",
        "search_description": "",
        **changes,
    }
    return nested_form_data({**values, "comments": inline_formset([])})


def live(page):
    return Page.objects.get(pk=page.pk).specific


def test_an_editor_submits_the_privacy_page_and_a_moderator_approves_it(pages, users):
    privacy = pages["privacy"]
    editor = as_user(users["editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[privacy.pk])
    assert 'name="action-publish"' not in editor.get(edit_url).content.decode()

    body = rich_text(f"<p>{NEW_PRIVACY}</p>")
    editor.post(edit_url, {**privacy_form(privacy, body=body), "action-publish": "1"})
    assert NEW_PRIVACY not in live(privacy).body
    response = editor.post(edit_url, {**privacy_form(privacy, body=body), "action-submit": "1"})
    assert response.status_code == 302
    assert NEW_PRIVACY not in visible_text(Client().get(privacy.url))

    # The editor has no part in approving it; a moderator who wrote none of it approves.
    workflow_action(editor, privacy, "approve")
    assert NEW_PRIVACY not in live(privacy).body
    assert workflow_action(as_user(users["moderator"]), privacy, "approve").status_code == 302

    assert NEW_PRIVACY in visible_text(Client().get(privacy.url))


def test_a_moderator_cannot_approve_their_own_change_to_the_privacy_page(pages, users):
    privacy = pages["privacy"]
    moderator2 = make_user("moderator2", MODERATORS, name="Max Moderator")
    body = rich_text(f"<p>{NEW_PRIVACY}</p>")
    as_user(users["moderator"]).post(
        reverse("wagtailadmin_pages:edit", args=[privacy.pk]),
        {**privacy_form(privacy, body=body), "action-submit": "1"},
    )
    workflow_action(as_user(users["moderator"]), privacy, "approve")
    assert NEW_PRIVACY not in live(privacy).body
    workflow_action(as_user(moderator2), privacy, "approve")
    assert NEW_PRIVACY in live(privacy).body


def profile_form(profile, **changes):
    return {
        "user": profile.user_id,
        "name": profile.name,
        "credentials": profile.credentials,
        "specialty": profile.specialty,
        "conflicts_of_interest": profile.conflicts_of_interest,
        "review_languages": profile.review_languages,
        "person": profile.person_id or "",
        **changes,
    }


@pytest.mark.parametrize("role", ["editor", "advisor", "moderator"])
def test_only_a_superuser_changes_what_an_advisor_declares(users, role):
    profile = ReviewerProfile.objects.get(user=users["advisor"])
    url = reverse("reviewer_profiles:edit", args=[profile.pk])

    response = as_user(users[role]).post(url, profile_form(profile, conflicts_of_interest="None"))

    assert response.status_code in (302, 403)
    assert ReviewerProfile.objects.get(pk=profile.pk).conflicts_of_interest == ""

    superuser = as_user(users["superuser"])
    assert "conflicts_of_interest" in superuser.get(url).content.decode()
    response = superuser.post(url, profile_form(profile, conflicts_of_interest=CONFLICTS))
    assert response.status_code == 302
    assert ReviewerProfile.objects.get(pk=profile.pk).conflicts_of_interest == CONFLICTS


def test_the_three_pages_are_in_the_sitemap_and_made_once(pages, guide):
    home = pages["contact"].get_parent()
    from django.apps import apps

    assert apps.get_app_config("policy_pages").ensure_site_pages(home.specific) == []
    sitemap = Client().get("/sitemap.xml").content.decode()
    for page in pages.values():
        assert page.live
        assert page.full_url in sitemap


def test_site_search_finds_the_privacy_page(pages, search_index):
    search_index()
    text = visible_text(Client().get("/search/", {"q": "cookie"}))
    assert pages["privacy"].title in text
    assert "Type Page" in text
