"""The read-only Wagtail API v2: live, public guide pages with their structured fields."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage


class GuidePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint narrowed to the guide's page types.

    Only JSON (no browsable HTML), and no full-text `search` parameter: the site's own
    search at /search/ is the one that handles brand names and odd input.
    """

    renderer_classes = [JSONRenderer]
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {
        "search",
        "search_operator",
        "translation_of",
        "locale",
    }

    def get_base_queryset(self):
        # Wagtail's base queryset is already live pages without view restrictions.
        return (
            super().get_base_queryset().type(TreatmentGuidePage, TherapyCategoryPage, TreatmentPage)
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", GuidePagesAPIViewSet)
