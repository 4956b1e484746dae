"""Site search: any name of a treatment finds it, bad input never breaks the page."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.review_support import publish_unreviewed
from treatments.models import (
    AdministrationRoute,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentPage,
)

SEED = Path(__file__).resolve().parent.parent / "treatments" / "content" / "treatments-for-sps.txt"

# "diazepam (Valium)", "Mycophenolate mofetil (CellCept, Myfortic)": the word before the
# brackets names the drug, the bracketed capitalised words are its other names.
NAMED_IN_BRACKETS = re.compile(r"([A-Za-z-]+)\s\(([A-Z][A-Za-z-]*(?:, [A-Z][A-Za-z-]*)*)\)")


def seed_names_in_brackets():
    """(drug word, name in brackets) pairs as the seed writes them."""
    pairs = []
    for drug, inside in NAMED_IN_BRACKETS.findall(SEED.read_text(encoding="utf-8")):
        pairs += [(drug, name) for name in inside.split(", ")]
    return pairs


def is_abbreviation(name):
    return name[:2].isupper()  # IVIg, SCIG, PLEX; brand names are Valium, CellCept…


SEED_BRANDS = [(drug, name) for drug, name in seed_names_in_brackets() if not is_abbreviation(name)]
SEED_ABBREVIATIONS = [
    (drug, name) for drug, name in seed_names_in_brackets() if is_abbreviation(name)
]


def add_made_up_treatment(title, brands=(), routes=(), live=True):
    """A made-up treatment page (not medical content) under Muscle Relaxants."""
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    page = TreatmentPage(
        title=title,
        generic_name=title,
        kind="medication",
        live=live,
        brand_names=[TreatmentBrandName(name=name) for name in brands],
    )
    category.add_child(instance=page)
    page.routes.set(AdministrationRoute.objects.filter(slug__in=routes))
    if live:
        publish_unreviewed(page)
    return page


def result_titles(response):
    return [result.title for result in response.context["results"]]


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def test_the_seed_parser_finds_the_brand_names():
    brands = {name for _, name in SEED_BRANDS}
    assert {"Valium", "Klonopin", "CellCept", "Myfortic", "Solu-Medrol"} <= brands
    assert len(brands) >= 15
    assert {name for _, name in SEED_ABBREVIATIONS} >= {"IVIg", "SCIG", "PLEX"}


@pytest.mark.django_db
def test_each_brand_name_of_the_seed_finds_its_drug_first_in_any_case(client, guide):
    misses = []
    for drug, brand in SEED_BRANDS:
        for query in (brand, brand.lower(), brand.upper()):
            titles = result_titles(search(client, query))
            if not titles or drug.casefold() not in titles[0].casefold():
                misses.append((query, drug, titles))
    assert misses == []


@pytest.mark.django_db
def test_abbreviations_of_the_seed_find_their_treatment_first(client, guide):
    for drug, abbreviation in SEED_ABBREVIATIONS:
        titles = result_titles(search(client, abbreviation.lower()))
        assert drug.casefold() in titles[0].casefold(), (abbreviation, titles)


@pytest.mark.django_db
def test_the_first_letters_of_a_name_find_it(client, guide):
    for partial, title in [
        ("clonaz", "Clonazepam"),
        ("Baclo", "Baclofen"),
        ("mycophen", "Mycophenolate mofetil"),
        ("klono", "Clonazepam"),  # the start of a brand name
    ]:
        assert result_titles(search(client, partial))[0] == title, partial


@pytest.mark.django_db
def test_results_show_title_brand_names_and_category(client, guide):
    response = search(client, "valium")
    html = response.content.decode()
    assert response.status_code == 200
    result = re.search(r'<li class="search-result">(.*?)</li>', html, re.S).group(1)
    assert ">Diazepam</a>" in result
    assert "Valium" in result
    assert "Muscle Relaxants" in result


@pytest.mark.django_db
def test_words_in_the_text_find_pages(client, guide):
    # A route and a word of the body text.
    assert "Baclofen" in result_titles(search(client, "implantable pump"))
    assert "Plasma exchange (PLEX)" in result_titles(search(client, "catheter"))


@pytest.mark.django_db
def test_pages_created_by_the_loader_are_searchable_at_once(client, guide):
    # No update_index: the loader's publishing keeps the index current.
    assert result_titles(search(client, "Dantrium")) == ["Dantrolene"]


@pytest.mark.django_db
def test_results_are_paginated(client, guide):
    for number in range(12):
        add_made_up_treatment(f"Testamide {number}")
    first = search(client, "testamide")
    second = search(client, "testamide", page=2)
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert 'rel="next"' in first.content.decode()
    assert not set(result_titles(first)) & set(result_titles(second))


@pytest.mark.django_db
def test_drafts_never_appear_in_results(client, guide):
    add_made_up_treatment("Draftamide", live=False)
    assert result_titles(search(client, "Draftamide")) == []

    # A live page's unpublished draft is not searchable either, until it is published.
    diazepam = TreatmentPage.objects.get(slug="diazepam")
    diazepam.title = "Diazepam renamed in a draft"
    diazepam.save_revision()
    assert result_titles(search(client, "renamed")) == []
    assert result_titles(search(client, "diazepam")) == ["Diazepam"]


@pytest.mark.django_db
def test_unpublished_pages_leave_the_results(client, guide):
    TreatmentPage.objects.get(slug="diazepam").unpublish()
    assert result_titles(search(client, "valium")) == []


@pytest.mark.django_db
def test_an_empty_search_shows_help_not_an_error(client, guide):
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "\x00"}):
        response = client.get("/search/", params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "What you can search for" in html
        assert "/treatments/at-a-glance/" in html


@pytest.mark.django_db
def test_no_results_says_so_helpfully(client, guide):
    response = search(client, "zzqxv")
    assert response.status_code == 200
    assert "Nothing in the guide matches" in response.content.decode()


ODD_QUERIES = [
    "valium\x00",
    "\x00\x01\x1f",
    "val\u00adium",  # soft hyphen
    "\u202evalium\u202c",  # right-to-left override
    "ｖａｌｉｕｍ",  # full-width letters
    "💊 valium",
    "\ufffd\ufffd",
    "Ä̸̡̛͔̞ͅ",  # stacked combining marks
    "' OR 1=1 --",
    '"unbalanced',
    '"',
    "valium AND OR NOT",
    "(*&^%$#@!)",
    "clonaz*",
    "a" * 200,
]


@pytest.mark.django_db
def test_odd_queries_answer_normally(client, guide):
    statuses = {query: search(client, query).status_code for query in ODD_QUERIES}
    assert set(statuses.values()) == {200}, statuses


@pytest.mark.django_db
def test_odd_bytes_in_the_address_answer_normally(client, guide):
    for raw in ("q=%00", "q=%ff%fe", "q=%ed%a0%80", "q=valium&page=%00", "q=%22"):
        response = client.get(f"/search/?{raw}")
        assert response.status_code in (200, 400), raw


@pytest.mark.django_db
def test_invisible_and_wide_characters_do_not_hide_a_brand(client, guide):
    for query in ("val\u00adium", "\u202evalium\u202c", "ｖａｌｉｕｍ", "valium\x00"):
        assert result_titles(search(client, query))[:1] == ["Diazepam"], query


@pytest.mark.django_db
def test_a_very_long_query_is_refused_with_a_clear_message(client, guide):
    for length in (201, 5000, 100_000):
        response = search(client, "v" * length)
        assert response.status_code == 400
        assert "Your search is too long" in response.content.decode()


@pytest.mark.django_db
def test_a_page_that_is_not_a_number_is_a_clear_400(client, guide):
    for page in ["abc", "0", "-1", "1.5", "", "٣", "\x00", "1e3"]:
        response = search(client, "valium", page=page)
        assert response.status_code == 400, page
        assert "That page of results does not exist" in response.content.decode()


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(client, guide):
    for page in ("99999", "1" * 5000):
        response = search(client, "valium", page=page)
        assert response.status_code == 200
        assert result_titles(response) == ["Diazepam"]
        assert "showing the last one" in response.content.decode()


@pytest.mark.django_db
def test_search_is_get_only(client, guide):
    assert client.post("/search/", {"q": "valium"}).status_code == 405


@pytest.mark.django_db
def test_editors_promoted_results_come_first(client, guide):
    plex = TreatmentPage.objects.get(slug="plasma-exchange")
    SearchPromotion.objects.create(
        query=Query.get("blood cleaning"), page=plex, description="Plasma exchange", sort_order=0
    )
    response = search(client, "Blood Cleaning")
    promotions = response.context["promotions"]
    assert [pick.title for pick in promotions] == ["Plasma exchange (PLEX)"]
    html = response.content.decode()
    assert html.index("Recommended") < html.index("found")


@pytest.mark.django_db
def test_a_promoted_page_that_was_unpublished_is_not_shown(client, guide):
    plex = TreatmentPage.objects.get(slug="plasma-exchange")
    SearchPromotion.objects.create(query=Query.get("plex"), page=plex, sort_order=0)
    plex.unpublish()
    assert search(client, "plex").context["promotions"] == []


@pytest.mark.django_db
def test_searches_are_counted_for_editors(client, guide):
    search(client, "Valium")
    search(client, "valium")
    assert Query.get("valium").hits == 2


@pytest.mark.django_db
def test_every_page_has_a_search_box_in_its_header(client, guide):
    for url in ("/", "/treatments/", "/treatments/symptomatic-relief/", "/no-such-page/"):
        html = client.get(url).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert 'role="search"' in header
        assert 'action="/search/"' in header
        assert '<label for="site-search-q">' in header


def _queries_for(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = search(client, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_results(client, guide):
    for number in range(2):
        add_made_up_treatment(f"Testamide {number}", brands=["Brandex"], routes=["oral"])
    _queries_for(client, "testamide")  # warm the lookups shared between requests
    few = _queries_for(client, "testamide")
    for number in range(2, 9):
        add_made_up_treatment(f"Testamide {number}", brands=["Brandex"], routes=["oral"])
    _queries_for(client, "testamide")  # publishing retired them
    many = _queries_for(client, "testamide")
    assert few > 0
    assert many == few
