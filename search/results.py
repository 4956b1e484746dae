"""Searching the published guide: query cleaning, ranking and the rows a result list shows."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import normalise_query_string

from editions.visibility import shows_own_text, visible_to_visitors
from medical_review.models import ReviewedPageMixin
from medical_review.review_state import live_review_time, review_state_from
from search.disease import in_the_guides_words, names_the_disease
from search.names import closest_treatment, guide_treatments, in_group, word_forms
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
    query = _normalised(raw)
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong
    return query


def refused_query(raw):
    """A query refused as too long, as the search box shows it back for the reader to shorten:
    cleaned as any query, cut at `MAX_RAW_QUERY_LENGTH` characters only if it is longer."""
    return _normalised(raw[:MAX_RAW_QUERY_LENGTH])


def _normalised(raw):
    text = unicodedata.normalize("NFKC", raw)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category[0] == "C" else char)
    return " ".join("".join(kept).split())


def search_terms(query):
    """The words of a query for the search backend, without punctuation.

    Backends give punctuation meanings (a lone `"` is a syntax error for SQLite's FTS5);
    readers type names, so only the words are searched.
    """
    return " ".join(re.findall(r"\w(?:[\w'’-]*\w)?", query))


def searchable_page_types():
    """The guide's page types, and those other apps add with the `searchable_page_types`
    hook (a function returning page models)."""
    added = [model for hook in hooks.get_hooks("searchable_page_types") for model in hook()]
    return [TreatmentGuidePage, TherapyCategoryPage, TreatmentPage, *added]


def searchable_pages():
    """The pages of the guide (the guide index, its categories and treatments) and the
    content pages a visitor may see, in the reader's language: `/search/` searches the
    English edition, `/es/search/` the Spanish one.

    Aliases are left out (Wagtail makes the untranslated pages above a page copied with its
    parents live aliases of the English ones; they show the English title and text, and their
    address answers with the note). The search backend filters only on indexed fields, so the
    rule is given to it as the ids it allows.
    """
    allowed = Page.objects.filter(visible_to_visitors(), shows_own_text()).values("pk")
    return (
        Page.objects.filter(pk__in=allowed)
        .type(*searchable_page_types())
        .filter(locale=Locale.get_active())
    )


def ranked_page_ids(query, treatments=None, pages=None):
    """Ids of the matching pages, best first.

    Names first: a partial-word match on a title, generic name, other name or brand name
    (“clonaz”, “valium”) is what a reader who types a name is looking for. Then the
    treatments of a group the query names (“benzodiazepine”), then whole-word matches
    anywhere in the text in either word form (“steroid” finds “steroids”), with the search
    backend's own ranking.
    """
    terms = search_terms(query)
    if not terms:
        return ()
    pages = searchable_pages() if pages is None else pages
    ids = []

    def add(found):
        for pk in found:
            if pk not in ids:
                ids.append(pk)

    add(page.pk for page in pages.autocomplete(terms)[:MAX_RESULTS])
    if treatments is not None:
        add(in_group(terms, treatments))
    add(page.pk for page in pages.search(in_any_word_form(terms))[:MAX_RESULTS])
    return tuple(ids[:MAX_RESULTS])


# English stop words of PostgreSQL's full-text search (its "english" dictionary), for queries.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with you your yours yourself yourselves""".split()
)


def in_any_word_form(terms):
    """A backend query for every word of `terms`, each in its singular or plural form.

    Stop words ("on", "have", "very") are left out when other words remain: PostgreSQL's
    full-text search drops them, and a query part with no words left matches nothing.
    """
    words = terms.split()
    words = [word for word in words if word.casefold() not in STOP_WORDS] or words
    return And([Or([PlainText(form) for form in word_forms(word)]) for word in words])


@dataclass
class GuideSearch:
    """What a search found: the page ids, and the name searched instead when the query
    itself found nothing but is near a treatment's name.
    """

    page_ids: tuple
    corrected: str = ""


def search_guide(query):
    """The pages for `query`; when it finds nothing, the pages for the nearest name. A query
    that names the disease finds the guide first."""
    pages = searchable_pages()
    treatments = guide_treatments(pages)
    query = in_the_guides_words(query)
    ids = ranked_page_ids(query, treatments, pages)
    if names_the_disease(query):
        return GuideSearch(_guide_first(ids, pages))
    if ids:
        return GuideSearch(ids)
    nearest = closest_treatment(search_terms(query), treatments)
    if nearest is None:
        return GuideSearch(())
    return GuideSearch(ranked_page_ids(nearest.name, treatments, pages), corrected=nearest.name)


def _guide_first(ids, pages):
    guide = pages.exact_type(TreatmentGuidePage).filter(alias_of__isnull=True).first()
    if guide is None:
        return ids
    return (guide.pk, *(pk for pk in ids if pk != guide.pk))


@dataclass
class Result:
    """One row of the result list, as values."""

    title: str
    url: str
    kind: str
    brands: list = field(default_factory=list)
    category: str = ""
    description: str = ""
    review: object = None  # a ReviewState; None for a page under no medical review


def results_for(page_ids, request):
    """Result rows for one page of ids, in that order, in a constant number of queries; each
    page's review state is read with the pages."""
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids)
        .annotate(live_reviewed_at=live_review_time())
        .specific()
    }
    treatments = [page for page in pages.values() if isinstance(page, TreatmentPage)]
    prefetch_related_objects(treatments, "brand_names")
    parent_paths = {page.path[: -page.steplen] for page in pages.values()}
    parents = {
        category.path: category.title
        # An alias category shows the English title: a Spanish result names no category then.
        for category in TherapyCategoryPage.objects.live()
        .filter(shows_own_text(), path__in=parent_paths)
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
                review=_review_state(page),
            )
        )
    return rows


def _review_state(page):
    if not isinstance(page, ReviewedPageMixin):
        return None
    return review_state_from(page.live_reviewed_at, page.moved_at)


def _kind(page):
    if isinstance(page, TreatmentPage):
        return page.get_kind_display()
    if isinstance(page, TherapyCategoryPage):
        return "Category"
    return getattr(page, "search_kind", "Guide")


def promotions_for(query, request, record_hit=True):
    """Editors' promoted results for this query (wagtail.contrib.search_promotions), as rows.

    The hit is counted for the admin's "popular searches".
    """
    query_string = normalise_query_string(query)
    if record_hit:
        _record_hit(query_string)
    return _visible_promotions(query_string, request)


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


def _visible_promotions(query_string, request):
    """The promoted pages, each shown by its own live title and description.

    A promotion's free text (its description, an external link and its text) went through no
    review, so readers never see it: a page's own fields went through its review.
    """
    page_ids = list(
        SearchPromotion.objects.filter(query__query_string=query_string, page__isnull=False)
        .order_by("sort_order")
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return []
    # A promoted page that was unpublished or made private since is left out, like any draft.
    pages = {
        page.pk: page
        for page in Page.objects.filter(visible_to_visitors(), pk__in=page_ids)
        .annotate(live_reviewed_at=live_review_time())
        .specific()
    }
    return [
        Result(
            title=page.title,
            url=page.get_url(request),
            kind=_kind(page),
            description=page_description(page),
            review=_review_state(page),
        )
        for page in (pages.get(pk) for pk in dict.fromkeys(page_ids))
        if page is not None
    ]
