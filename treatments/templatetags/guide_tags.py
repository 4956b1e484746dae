from django import template

from treatments.models import TreatmentGuidePage

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_page(context):
    """The live guide index, looked up once per request."""
    request = context.get("request")
    cached = getattr(request, "_sps_guide_page", None) if request else None
    if cached is None:
        cached = TreatmentGuidePage.objects.live().public().first() or False
        if request is not None:
            request._sps_guide_page = cached
    return cached or None


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(page):
    ancestors = page.get_ancestors().filter(depth__gt=1) if page else []
    return {"ancestors": ancestors, "page": page}
