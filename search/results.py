"""Searching the published guide: query cleaning, ranking and the rows a result list shows."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from treatments.models import (
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)
from treatments.seo import page_description

MAX_QUERY_LENGTH = 200
# Refuse to even clean anything much longer than a search could sensibly be.
MAX_RAW_QUERY_LENGTH = 4 * MAX_QUERY_LENGTH
# Enough for the whole guide many times over; ranking past this is not useful to a reader.
MAX_RESULTS = 500


class QueryTooLong(ValueError):
    pass


def clean_query(raw):
    """The search words of `raw`: Unicode-normalised, without control or invisible characters.

    NUL bytes and other control characters (which PostgreSQL refuses) become spaces;
    invisible format characters (soft hyphens, zero-width joiners, direction marks) are
    dropped so that a pasted “Val\u00adium” still finds Valium.
    """
    if len(raw) > MAX_RAW_QUERY_LENGTH:
        raise QueryTooLong
    text = unicodedata.normalize("NFKC", raw)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category[0] == "C" else char)
    query = " ".join("".join(kept).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong
    return query


def search_terms(query):
    """The words of a query for the search backend, without punctuation.

    Backends give punctuation meanings (a lone `"` is a syntax error for SQLite's FTS5);
    readers type names, so only the words are searched.
    """
    return " ".join(re.findall(r"\w(?:[\w'’-]*\w)?", query))


def searchable_pages():
    """Live, public pages of the guide (the guide index, its categories and treatments)."""
    return Page.objects.live().public().type(TreatmentGuidePage, TherapyCategoryPage, TreatmentPage)


def ranked_page_ids(query):
    """Ids of the matching pages, best first.

    Names first: a partial-word match on a title, generic name, other name or brand name
    (“clonaz”, “valium”) is what a reader who types a name is looking for. Then whole-word
    matches anywhere in the text, with the search backend's own ranking.
    """
    terms = search_terms(query)
    if not terms:
        return ()
    pages = searchable_pages()
    ids = []
    for results in (pages.autocomplete(terms), pages.search(terms)):
        for page in results[:MAX_RESULTS]:
            if page.pk not in ids:
                ids.append(page.pk)
    return tuple(ids[:MAX_RESULTS])


@dataclass
class Result:
    """One row of the result list, as values."""

    title: str
    url: str
    kind: str
    brands: list = field(default_factory=list)
    category: str = ""
    description: str = ""


def results_for(page_ids, request):
    """Result rows for one page of ids, in that order, in a constant number of queries."""
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    treatments = [page for page in pages.values() if isinstance(page, TreatmentPage)]
    prefetch_related_objects(treatments, "brand_names")
    parent_paths = {page.path[: -page.steplen] for page in pages.values()}
    parents = {
        category.path: category.title
        for category in TherapyCategoryPage.objects.live()
        .filter(path__in=parent_paths)
        .only("title", "path")
    }
    rows = []
    for pk in page_ids:
        page = pages.get(pk)
        if page is None:
            continue
        rows.append(
            Result(
                title=page.title,
                url=page.get_url(request),
                kind=_kind(page),
                brands=page.brand_name_list if isinstance(page, TreatmentPage) else [],
                category=parents.get(page.path[: -page.steplen], ""),
                description=page_description(page),
            )
        )
    return rows


def _kind(page):
    if isinstance(page, TreatmentPage):
        return page.get_kind_display()
    if isinstance(page, TherapyCategoryPage):
        return "Category"
    return "Guide"


def promotions_for(query, record_hit=True):
    """Editors' promoted results for this query (wagtail.contrib.search_promotions).

    The hit is counted for the admin's "popular searches".
    """
    query_string = normalise_query_string(query)
    if record_hit:
        _record_hit(query_string)
    return _visible_promotions(query_string)


def _record_hit(query_string):
    """Wagtail's `Query.get(query_string).add_hit()`, in one UPDATE once the query has been
    searched for today (three queries, one of them a write, otherwise).
    """
    today = timezone.now().date()
    counted = QueryDailyHits.objects.filter(query__query_string=query_string, date=today).update(
        hits=F("hits") + 1
    )
    if not counted:
        Query.get(query_string).add_hit(today)


def _visible_promotions(query_string):
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order")
    )
    # A promoted page that was unpublished or made private since is left out, like any draft.
    visible = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .values_list("pk", flat=True)
    )
    return [pick for pick in picks if pick.page_id is None or pick.page_id in visible]
