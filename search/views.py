"""The site search page, /search/?q=…&page=…, and the names it suggests as a reader types,
/search/suggest/?q=…"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from search.names import guide_treatments, suggested_treatments
from search.results import (
    MAX_QUERY_LENGTH,
    QueryTooLong,
    clean_query,
    promotions_for,
    refused_query,
    results_for,
    search_guide,
    searchable_pages,
)

RESULTS_PER_PAGE = 10
# Short: a suggestion for a page a moderator has just taken down lasts a minute at most.
SUGGESTIONS_MAX_AGE = 60


@require_safe
def search(request):
    context = {
        "query": "",
        "max_query_length": MAX_QUERY_LENGTH,
        "meta_title": gettext("Search the guide"),
        "meta_description": gettext(
            "Search the SPS Treatment Guide by generic name, brand name, "
            "how a treatment is given or any word in the guide."
        ),
        "canonical_url": request.build_absolute_uri(request.path),
    }
    raw = request.GET.get("q", "")
    try:
        query = clean_query(raw)
    except QueryTooLong:
        # Kept in the box, so that the reader shortens it rather than types it again.
        context["query"] = refused_query(raw)
        context["error"] = gettext(
            "Your search is too long. Please use at most %(limit)s characters."
        ) % {"limit": MAX_QUERY_LENGTH}
        return TemplateResponse(request, "search/search.html", context, status=400)

    page_number = request.GET.get("page", "1")
    if not (page_number.isascii() and page_number.isdigit()) or not page_number.strip("0"):
        context["query"] = query
        context["error"] = gettext("That page of results does not exist. Page numbers start at 1.")
        return TemplateResponse(request, "search/search.html", context, status=400)

    if not query:
        return TemplateResponse(request, "search/search.html", context)

    found = search_guide(query)
    paginator = Paginator(found.page_ids, RESULTS_PER_PAGE)
    # A number too long to be a page is simply past the last one (and int() has a limit).
    requested = int(page_number) if len(page_number) <= 9 else paginator.num_pages + 1
    results_page = paginator.get_page(requested)
    context.update(
        query=query,
        # Result pages are endless and thin: kept out of search engines, the links followed.
        noindex=True,
        meta_title=gettext("Search results for “%(query)s”") % {"query": query},
        promotions=promotions_for(query, request, record_hit=requested == 1),
        corrected=found.corrected,
        corrected_url="?" + urlencode({"q": found.corrected}) if found.corrected else "",
        paginator=paginator,
        results_page=results_page,
        results=results_for(list(results_page.object_list), request),
        # Past the last page, show the last one and say so rather than fail.
        beyond_last_page=requested > paginator.num_pages and paginator.count > 0,
        previous_url=_page_url(query, results_page.previous_page_number())
        if results_page.has_previous()
        else "",
        next_url=_page_url(query, results_page.next_page_number())
        if results_page.has_next()
        else "",
    )
    return TemplateResponse(request, "search/search.html", context)


def _page_url(query, number):
    return "?" + urlencode({"q": query, "page": number})


@require_safe
@cache_control(public=True, max_age=SUGGESTIONS_MAX_AGE)
def suggest(request):
    """Treatment names for what a reader has typed: {"suggestions": [{title, url, also}]}."""
    try:
        typed = clean_query(request.GET.get("q", ""))
    except QueryTooLong:
        return JsonResponse(
            {"error": f"Use at most {MAX_QUERY_LENGTH} characters.", "suggestions": []},
            status=400,
        )
    picked = suggested_treatments(typed, guide_treatments(searchable_pages())) if typed else []
    pages = Page.objects.in_bulk([treatment.page_id for treatment in picked])
    suggestions = [
        {
            "title": treatment.title,
            "url": pages[treatment.page_id].get_url(request),
            "also": treatment.also,
        }
        for treatment in picked
        if treatment.page_id in pages
    ]
    return JsonResponse({"suggestions": suggestions})
