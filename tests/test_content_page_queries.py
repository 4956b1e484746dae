"""Queries per uncached render of a content page: a few, the same however many blocks it has."""

import datetime

import pytest
from django.test import Client

from tests.content_page_support import a_document, an_image, live_content_page
from tests.factories import record_review
from tests.review_support import publish_unreviewed
from tests.test_query_budgets import queries_of_a_render

# Wagtail's routing (the Site, the reader's Locale, the home page, the page: two rows each),
# the view restrictions, the editions in other languages, where the glossary is and its live
# terms, the page's reviews and sources, the foundation's name, the disclaimer; one query for
# the images of its blocks with their renditions, and one for its documents.
CONTENT_PAGE_BUDGET = 15


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def reviewed_content_page(**kwargs):
    page = live_content_page(**kwargs)
    reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    record_review(page, reviewed_at, next_review_due=datetime.date(2030, 1, 1))
    return page


def test_a_content_page_costs_a_pinned_number_of_queries(guide, django_assert_max_num_queries):
    page = reviewed_content_page()

    queries_of_a_render(page.url, django_assert_max_num_queries, CONTENT_PAGE_BUDGET)


def test_more_images_and_documents_cost_no_more_queries(guide, django_assert_max_num_queries):
    page = reviewed_content_page()
    before = queries_of_a_render(page.url, django_assert_max_num_queries, CONTENT_PAGE_BUDGET)
    latest = page.get_latest_revision_as_object()
    for n in range(3):
        latest.body.extend(
            [
                ("image", {"image": an_image(f"Image {n}"), "alt_text": "A picture"}),
                ("document", {"document": a_document(f"Document {n}"), "label": f"File {n}"}),
            ]
        )
    publish_unreviewed(latest)

    after = queries_of_a_render(page.url, django_assert_max_num_queries, CONTENT_PAGE_BUDGET)
    assert after <= before
    assert Client().get(page.url).content.decode().count('loading="lazy"') == 4


def test_an_image_shown_twice_renders_twice_within_the_budget(guide, django_assert_max_num_queries):
    page = reviewed_content_page()
    latest = page.get_latest_revision_as_object()
    image = next(block.value["image"] for block in latest.body if block.block_type == "image")
    latest.body.append(("image", {"image": image, "alt_text": "The same picture again"}))
    publish_unreviewed(latest)

    queries_of_a_render(page.url, django_assert_max_num_queries, CONTENT_PAGE_BUDGET)
    html = Client().get(page.url).content.decode()
    assert html.count('loading="lazy"') == 2 and 'alt="The same picture again"' in html
