"""Queries per cold render of each page type: a few, the same whatever the guide's size.

Cold: nothing cached, Django's cache (where Wagtail keeps the sites' root paths) emptied
before the render, a new client. Each page is counted with the seed guide, then with 100 and
1,000 more treatments in the category of the deepest treatment.
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import record_review
from tests.many_treatments import add_treatments
from tests.test_spanish_site import baclofen, translate_with_ancestors
from treatments.models import TreatmentPage

# An unknown parameter: a page no HTTP cache may keep, as any visit the app answers.
UNCACHED = "uncached=1"
# Nine queries of a treatment page are Wagtail's: the Site, the reader's Locale and the home
# page (`Page.route_for_request`), one per level below the home page (`Page.route`: the guide
# pages give it their children with their specific rows and view restrictions), and the
# sites' root paths (two, cold: the Site with its root page, the root page's translations)
# that every page URL is built from. A Spanish page adds one: Wagtail finds the Spanish home
# page from the English one. A page under Home with a view restriction adds one to read it.
# Every page then reads the live glossaries (navigation, term links) and the disclaimer; a
# guide page its editions in other languages (language switch, hreflang), its review line
# and its sources. Every page reads the foundation's live identity (header, footer): one query.
BUDGET = {
    "home": 14,  # the live guide (and the English one), the categories and treatments, the news
    "guide": 15,  # the tree (three), the credited people
    "category": 17,  # the tree below it (three)
    # its brand names, routes, the other treatments of its category, the credited people
    "treatment": 19,
    "at a glance": 14,  # the table: categories, treatments with reviews, brand names, routes
    "doctor list": 15,  # the treatments, their brand names, routes, categories, reviews
    "search": 17,  # one of them reads the treatment names for near-miss spelling
    # Wagtail's routing to the missing level, the live guide (header), and Wagtail's
    # redirects: two (the path with and without its query string)
    "not found": 13,
    # A Spanish page reads the live Spanish names of the routes, and the credited people's
    # Spanish translations.
    "Spanish treatment": 23,
    "Spanish guide": 19,
}
SIZES = (0, 100, 1000)


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
    """The queries of a cold render of `url`, failing when more than `budget`. A first render
    makes the data a page makes once (image renditions); then every cache is emptied."""
    uncached = url + ("&" if "?" in url else "?") + UNCACHED
    assert Client().get(uncached).status_code in (200, 404)
    cache.clear()
    with django_assert_max_num_queries(budget) as captured:
        assert Client().get(uncached).status_code in (200, 404)
    return len(captured)


def cold_queries(url):
    """The queries of a render with nothing cached (see the module's docstring)."""
    uncached = url + ("&" if "?" in url else "?") + UNCACHED
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(uncached).status_code in (200, 404)
    return len(captured)


def test_every_page_costs_its_pinned_queries_cold_with_100_and_1000_more_treatments(guide):
    treatment = deepest_treatment()
    category = treatment.get_parent().specific
    for page in (category, treatment):  # reviewed, as every live page is
        reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        record_review(page, reviewed_at, next_review_due=datetime.date(2030, 1, 1))
    spanish_baclofen = translate_with_ancestors(baclofen())
    pages = {
        **urls(),
        "Spanish treatment": spanish_baclofen.url,
        "Spanish guide": "/es/treatments/",
    }
    # Search records the query for the admin's "popular searches" on its first visit of the
    # day (rows, not a cache): counted from the second.
    Client().get(pages["search"])

    counts = {}
    added = 0
    for size in SIZES:
        add_treatments(category, size - added)
        added = size
        counts[size] = {kind: cold_queries(url) for kind, url in pages.items()}

    assert counts == {size: BUDGET for size in SIZES}


def test_the_list_for_the_doctor_costs_the_same_queries_for_one_treatment_or_twenty(guide):
    reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for page in TreatmentPage.objects.live():  # reviewed, so their reviews are read
        record_review(page, reviewed_at, next_review_due=datetime.date(2030, 1, 1))
    treatment = deepest_treatment()

    one = cold_queries(doctor_list_url(treatment, 1))
    twenty = cold_queries(doctor_list_url(treatment, 20))

    assert one == twenty == BUDGET["doctor list"]
