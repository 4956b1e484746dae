"""Queries per uncached render: at most 17 for every page type, whatever the guide's size.

Each count is of a second render (the first fills Wagtail's own cache of the sites' root
paths and, for a search, records the query for the admin's "popular searches").
"""

import datetime

import pytest
from django.test import Client

from tests.factories import TreatmentPageFactory, record_review
from tests.test_spanish_site import baclofen, translate_with_ancestors
from treatments.models import TreatmentPage

# An unknown parameter: the page cache never answers, so every visit renders.
UNCACHED = "uncached=1"
# Search counts the hit for "popular searches" in one UPDATE; a 404 asks for redirects.
# With two locales, Wagtail's routing (and search) reads the reader's Locale: one query on
# every page; a page also reads its editions in other languages (language switch, hreflang).
BUDGET = {
    "home": 9,
    "guide": 13,
    # Wagtail's routing reads two rows per level of the tree: a deeper category costs more.
    "category": 17,
    "treatment": 17,
    "at a glance": 12,
    "search": 16,  # one of them reads the treatment names for near-miss spelling
    "not found": 11,
}
# A Spanish treatment page with its English edition: the English page's privacy is checked.
SPANISH_TREATMENT_BUDGET = 19


def deepest_treatment():
    return TreatmentPage.objects.live().order_by("-depth", "path").first()


def urls():
    treatment = deepest_treatment()
    return {
        "home": "/",
        "guide": "/treatments/",
        "category": treatment.get_parent().url,
        "treatment": treatment.url,
        "at a glance": "/treatments/at-a-glance/",
        "search": "/search/?q=baclofen",
        "not found": "/treatments/no-such-treatment/",
    }


def queries_of_a_render(url, django_assert_max_num_queries, budget):
    uncached = url + ("&" if "?" in url else "?") + UNCACHED
    assert Client().get(uncached).status_code in (200, 404)
    with django_assert_max_num_queries(budget) as captured:
        assert Client().get(uncached).status_code in (200, 404)
    return len(captured)


@pytest.mark.parametrize("kind", list(BUDGET))
def test_a_render_costs_the_same_few_queries_with_twenty_more_treatments(
    guide, kind, django_assert_max_num_queries
):
    treatment = deepest_treatment()
    category = treatment.get_parent().specific
    for page in (category, treatment):  # reviewed, as every live page is
        reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        record_review(page, reviewed_at, next_review_due=datetime.date(2030, 1, 1))
    url = urls()[kind]

    before = queries_of_a_render(url, django_assert_max_num_queries, BUDGET[kind])
    for n in range(20):
        TreatmentPageFactory(
            parent=category,
            title=f"Extra treatment {n}",
            brands=["Brand"],
            route_slugs=["oral"],
        )
    after = queries_of_a_render(url, django_assert_max_num_queries, BUDGET[kind])

    assert after == before, f"{url}: {before} queries with the seed, {after} with 20 more"


def test_a_spanish_treatment_page_costs_a_pinned_number_of_queries(
    guide, django_assert_max_num_queries
):
    spanish_baclofen = translate_with_ancestors(baclofen())

    queries_of_a_render(
        spanish_baclofen.url, django_assert_max_num_queries, SPANISH_TREATMENT_BUDGET
    )
