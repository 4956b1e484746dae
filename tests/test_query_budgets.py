"""Queries per uncached render of each page type: a few, the same whatever the guide's size.

Each count is of a second render (the first fills Wagtail's own cache of the sites' root
paths and, for a search, records the query for the admin's "popular searches").
"""

import datetime

import pytest
from django.test import Client

from tests.factories import TreatmentPageFactory, record_review
from tests.test_spanish_site import baclofen, translate_with_ancestors
from treatments.models import TreatmentPage

# An unknown parameter: a page no HTTP cache may keep, as any visit the app answers.
UNCACHED = "uncached=1"
# Search counts the hit for "popular searches" in one UPDATE; a 404 asks for redirects.
# With two locales, Wagtail's routing (and search) reads the reader's Locale: one query on
# every page; a page also reads its editions in other languages (language switch, hreflang).
# The guide's pages (guide, category, treatment) read the live glossary terms they link, and
# the sources they list. Every page reads where the glossary is, for the navigation and the
# footer: one query. Every page reads the foundation's live identity for the header and the
# footer: one query (and one more for the pages its menus link, when they link any).
BUDGET = {
    "home": 14,  # the categories and treatments it lists: four of them
    "guide": 16,
    # Wagtail's routing reads two rows per level of the tree (`Page.route`: the child, then
    # its specific row): a deeper category costs more. Eleven of a treatment's queries are
    # Wagtail's: the Site, the reader's Locale, the home page and two per level below it, then
    # the view restrictions. A category also reads its reviews and tree.
    "category": 20,
    # A treatment reads its brand names, routes and reviews, the other treatments of its
    # category, the guide's people and its sources.
    "treatment": 23,
    "at a glance": 14,  # the table reads the guide's editions (language switch, hreflang)
    # One reads the reviews of all the listed treatments at once, one the pages their
    # cautions are quoted from.
    "doctor list": 15,
    "search": 16,  # one of them reads the treatment names for near-miss spelling
    "not found": 12,
}
# A Spanish treatment page also reads its English source (is the translation out of date?),
# the translations of the credited people and the live Spanish names of the routes; Wagtail's
# routing reads the Spanish home page (one more); and its sources, and where the glossary is.
SPANISH_TREATMENT_BUDGET = 27


def deepest_treatment():
    return TreatmentPage.objects.live().order_by("-depth", "path").first()


def doctor_list_url(first, how_many):
    """The list for the doctor of `first` and more live treatments, `how_many` in all."""
    others = TreatmentPage.objects.live().exclude(pk=first.pk).order_by("path")
    ids = [first.pk, *others.values_list("pk", flat=True)[: how_many - 1]]
    return "/treatments/for-your-doctor/?" + "&".join(f"t={pk}" for pk in ids)


def urls():
    treatment = deepest_treatment()
    return {
        "home": "/",
        "guide": "/treatments/",
        "category": treatment.get_parent().url,
        "treatment": treatment.url,
        "at a glance": "/treatments/at-a-glance/",
        "doctor list": doctor_list_url(treatment, 5),
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


def test_the_list_for_the_doctor_costs_the_same_queries_for_one_treatment_or_twenty(
    guide, django_assert_max_num_queries
):
    reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for page in TreatmentPage.objects.live():  # reviewed, so their reviews are read
        record_review(page, reviewed_at, next_review_due=datetime.date(2030, 1, 1))
    treatment = deepest_treatment()
    budget = BUDGET["doctor list"]
    one = queries_of_a_render(doctor_list_url(treatment, 1), django_assert_max_num_queries, budget)
    twenty = queries_of_a_render(
        doctor_list_url(treatment, 20), django_assert_max_num_queries, budget
    )
    assert one == twenty


def test_a_spanish_treatment_page_costs_a_pinned_number_of_queries(
    guide, django_assert_max_num_queries
):
    spanish_baclofen = translate_with_ancestors(baclofen())

    queries_of_a_render(
        spanish_baclofen.url, django_assert_max_num_queries, SPANISH_TREATMENT_BUDGET
    )
