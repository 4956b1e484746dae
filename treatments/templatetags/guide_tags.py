from django import template
from wagtail.models import Page

from page_cache.shared import public, remember
from treatments.models import TreatmentGuidePage

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_page(context):
    """The live guide index: from the page's ancestry when it is in the guide, else looked up."""
    page = context.get("page")
    for candidate in [*context.get("ancestors", ()), page]:
        if isinstance(candidate, Page) and candidate.specific_class is TreatmentGuidePage:
            return candidate
    request = context.get("request")
    cached = getattr(request, "_sps_guide_page", None) if request else None
    if cached is None:
        cached = (
            remember("guide_page", lambda: public(TreatmentGuidePage.objects.live()).first())
            or False
        )
        if request is not None:
            request._sps_guide_page = cached
    return cached or None


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = context.get("ancestors")
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=2) if page else []
    return {"ancestors": ancestors, "page": page}
