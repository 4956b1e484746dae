"""Pages never reviewed are due now: in the report, the advisors' panel and the editor."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from medical_review.reports import pages_with_review_dates
from tests.review_support import a_treatment

pytestmark = pytest.mark.django_db


def never_reviewed_count(guide):
    return pages_with_review_dates().live().filter(next_review__isnull=True).count()


def test_the_seed_guide_is_all_never_reviewed(guide):
    live_guide_pages = Page.objects.descendant_of(guide, inclusive=True).live().count()
    assert never_reviewed_count(guide) == live_guide_pages > 20


def test_the_report_counts_never_reviewed_pages_as_due_now(client, users, guide):
    client.force_login(users["advisor"])

    response = client.get(reverse("medical_review_reviews_due"), {"review_status": "due_now"})

    pages = list(response.context["object_list"])
    assert response.status_code == 200
    assert len(pages) == never_reviewed_count(guide)
    assert {page.review_status for page in pages} == {"never"}
    assert "Never reviewed" in response.content.decode()


def test_the_advisors_dashboard_says_how_many_pages_were_never_reviewed(client, users, guide):
    client.force_login(users["advisor"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    count = never_reviewed_count(guide)
    assert f"{count} pages have never been reviewed and are due now." in html
    assert a_treatment(guide).title in html


def test_the_editor_is_warned_that_a_live_page_was_never_reviewed(client, users, guide):
    client.force_login(users["editor"])

    response = client.get(reverse("wagtailadmin_pages:edit", args=[a_treatment(guide).pk]))

    assert response.status_code == 200
    assert "Never medically reviewed" in response.content.decode()
