"""The read-only Wagtail API v2: live, public guide pages, content pages and the foundation's
pages (news, events, contact, how the guide is made, privacy) with their public fields."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from content_pages.models import ContentPage
from editions.languages import default_content_language
from editions.visibility import shows_own_text, visible_to_visitors
from events.models import EventIndexPage, EventPage
from news.models import NewsArticlePage, NewsIndexPage
from policy_pages.models import policy_page_models
from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage

# The page types the API serves, each with its `api_fields`; the home page is not among them.
PUBLIC_PAGE_TYPES = (
    TreatmentGuidePage,
    TherapyCategoryPage,
    TreatmentPage,
    ContentPage,
    NewsIndexPage,
    NewsArticlePage,
    EventIndexPage,
    EventPage,
    *policy_page_models(),
)

# Far beyond the whole guide, and far below what a database accepts as OFFSET (a larger
# number reached the database and failed there).
OFFSET_MAX = 10_000


class GuidePagination(WagtailPagination):
    """Wagtail's `offset`/`limit` paging, with `offset` bounded: a larger one answers 400."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check below answers it
        if offset > OFFSET_MAX:
            raise BadRequestError(f"offset cannot be higher than {OFFSET_MAX}")
        return super().paginate_queryset(queryset, request, view)


class EditionFilter(LocaleFilter):
    """One edition per listing: `?locale=es` lists the Spanish pages, no `locale` the English
    ones (an unknown locale answers 404)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" in request.GET:
            return super().filter_queryset(request, queryset, view)
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale__language_code=default_content_language())
        if child_of:
            queryset._filtered_by_child_of = child_of
        return queryset


class GuidePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint narrowed to `PUBLIC_PAGE_TYPES`.

    Only JSON (no browsable HTML), and no full-text `search` parameter: the site's own
    search at /search/ is the one that handles brand names and odd input. A listing is one
    edition (`EditionFilter`); an alias page, which repeats its source's text in another
    locale, is not listed.
    """

    renderer_classes = [JSONRenderer]
    pagination_class = GuidePagination
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        EditionFilter,
        OrderingFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {
        "search",
        "search_operator",
        "translation_of",
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .type(*PUBLIC_PAGE_TYPES)
            .filter(visible_to_visitors(), shows_own_text())
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", GuidePagesAPIViewSet)
