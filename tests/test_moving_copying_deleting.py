"""Moving, copying and deleting guide pages through the admin: who may, and what readers see."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import new_treatment, role_accounts
from treatments.models import TherapyCategoryPage, TreatmentPage

NOT_SUPERUSERS = ["editor", "advisor", "moderator"]


@pytest.fixture
def accounts(guide):
    return role_accounts()


@pytest.fixture
def rituximab(guide):
    return TreatmentPage.objects.get(slug="rituximab")


@pytest.fixture
def first_line(guide):
    return TherapyCategoryPage.objects.get(slug="first-line")


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def refused(response):
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/move/" not in response["Location"]
    )


def move(client, page, destination):
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    return client.post(url)


def reviewed(page, days_ago=30):
    page = TreatmentPage.objects.get(pk=page.pk)
    reviewed_at = timezone.now() - datetime.timedelta(days=days_ago)
    record_review(
        page,
        reviewed_at,
        reviewed_at.date() + datetime.timedelta(days=365),
        reviewer_name="Jane Doe",
        reviewer_credentials="MD",
        revision=page.live_revision,
    )
    return TreatmentPage.objects.get(pk=page.pk)


def public_text(page):
    return visible_text(Client().get(TreatmentPage.objects.get(pk=page.pk).url))


def json_ld(page):
    html = Client().get(TreatmentPage.objects.get(pk=page.pk).url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("role", NOT_SUPERUSERS)
def test_only_superusers_may_move_a_guide_page(accounts, rituximab, first_line, role):
    client = as_user(accounts[role])
    parent = rituximab.get_parent()

    assert refused(client.get(reverse("wagtailadmin_pages:move", args=[rituximab.pk])))
    assert refused(move(client, rituximab, first_line))

    assert TreatmentPage.objects.get(pk=rituximab.pk).get_parent() == parent
    assert "“Second Line”" in public_text(rituximab)


@pytest.mark.parametrize("role", NOT_SUPERUSERS)
def test_only_superusers_may_reorder_a_category(accounts, first_line, role):
    children = list(first_line.get_children().values_list("pk", flat=True))
    url = reverse("wagtailadmin_pages:set_page_position", args=[children[-1]])

    response = as_user(accounts[role]).post(f"{url}?position=0")

    assert response.status_code in (302, 403)
    assert list(first_line.get_children().values_list("pk", flat=True)) == children


def test_a_moved_page_says_so_and_is_not_shown_as_reviewed(accounts, rituximab, first_line):
    rituximab = reviewed(rituximab)
    assert "Medically reviewed by Jane Doe" in public_text(rituximab)

    response = move(as_user(accounts["superuser"]), rituximab, first_line)

    assert response.status_code == 302
    text = public_text(rituximab)
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Moved to “First Line” Immunotherapies on {today}" in text
    assert "not yet medically reviewed in its new place." in text
    assert "Medically reviewed by" not in text
    assert "“First Line”" in text  # what the move changed
    for data in json_ld(rituximab):
        assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_moved_page_is_due_for_review_at_once(accounts, rituximab, first_line):
    rituximab = reviewed(rituximab)
    assert rituximab.next_review_due > timezone.localdate()

    move(as_user(accounts["superuser"]), rituximab, first_line)

    moved = TreatmentPage.objects.get(pk=rituximab.pk)
    assert moved.next_review_due == timezone.localdate()


def test_moving_a_category_marks_every_page_below_it(accounts, guide):
    second_line = TherapyCategoryPage.objects.get(slug="second-line")
    symptomatic = TherapyCategoryPage.objects.get(slug="symptomatic-relief")

    move(as_user(accounts["superuser"]), second_line, symptomatic)

    for page in TreatmentPage.objects.descendant_of(second_line):
        assert page.moved_since_review == timezone.localdate(), page.title
        assert "not yet medically reviewed in its new place" in public_text(page)


def test_reordering_is_not_a_move(accounts, first_line):
    children = list(first_line.get_children().values_list("pk", flat=True))
    url = reverse("wagtailadmin_pages:set_page_position", args=[children[-1]])

    response = as_user(accounts["superuser"]).post(f"{url}?position=0")

    assert response.status_code == 200
    assert not TreatmentPage.objects.filter(pk__in=children, moved_at__isnull=False).exists()


def test_a_review_after_the_move_clears_the_mark(accounts, rituximab, first_line):
    move(as_user(accounts["superuser"]), rituximab, first_line)

    reviewed(rituximab, days_ago=-1)  # reviewed after the move

    text = public_text(rituximab)
    assert "Medically reviewed by Jane Doe" in text
    assert "not yet medically reviewed in its new place" not in text


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_the_copy_form_offers_no_publishing_or_alias(accounts, rituximab, role):
    form = as_user(accounts[role]).get(reverse("wagtailadmin_pages:copy", args=[rituximab.pk]))

    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="new_title"' in html
    assert 'name="publish_copies"' not in html and 'name="alias"' not in html


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_a_copy_of_a_guide_page_arrives_as_an_unreviewed_draft(accounts, guide, role):
    original = reviewed(new_treatment(guide))
    response = as_user(accounts[role]).post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        {
            "new_title": "Copied treatment",
            "new_slug": "copied-treatment",
            "new_parent_page": original.get_parent().pk,
            "publish_copies": "on",
            "alias": "on",
        },
    )

    assert response.status_code == 302, response.content[:800]
    copy = TreatmentPage.objects.get(slug="copied-treatment")
    assert not copy.live and copy.alias_of_id is None
    assert (copy.last_reviewed, copy.next_review_due, copy.moved_at) == (None, None, None)
    assert Client().get(original.get_parent().url + "copied-treatment/").status_code == 404


@pytest.mark.parametrize("role", ["editor", "advisor"])
def test_editors_and_advisors_cannot_delete_guide_pages(accounts, guide, role):
    page = new_treatment(guide)
    client = as_user(accounts[role])
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])

    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)

    assert TreatmentPage.objects.filter(pk=page.pk).exists()
    assert Client().get(page.url).status_code == 200


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_moderators_and_superusers_delete_a_guide_page(accounts, guide, role):
    page = new_treatment(guide)

    response = as_user(accounts[role]).post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert not TreatmentPage.objects.filter(pk=page.pk).exists()
    assert Client().get(page.url).status_code == 404


def test_the_reviews_due_report_lists_a_moved_page_as_due_now(accounts, rituximab, first_line):
    rituximab = reviewed(rituximab)
    client = as_user(accounts["superuser"])
    report = reverse("medical_review_reviews_due")

    def row_of(page, html):
        start = html.index(page.title)
        return html[start : html.index("</tr>", start)]

    before = client.get(report).content.decode()
    assert "Moved since its last review" not in row_of(rituximab, before)

    move(client, rituximab, first_line)

    after = visible_text(client.get(report))
    assert "Rituximab" in after and "Moved since its last review" in after
    due_now = visible_text(client.get(report, {"review_status": "never"}))
    assert "Rituximab" in due_now
