"""Head tags for every page: description, canonical URL, Open Graph and JSON-LD."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from treatments.seo import SITE_DESCRIPTION, page_description
from treatments.structured_data import to_json_ld

register = template.Library()


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical and Open Graph tags from the page, or from the view's context."""
    request = context.get("request")
    page = context.get("page")
    description = context.get("meta_description")
    canonical = context.get("canonical_url")
    title = context.get("meta_title")
    if page is not None and hasattr(page, "get_url"):
        description = description or page_description(page)
        title = title or page.seo_title or page.title
        if canonical is None and request is not None:
            canonical = request.build_absolute_uri(page.get_url(request))
    return {
        "request": request,
        "page": page,
        "description": description or SITE_DESCRIPTION,
        "canonical_url": canonical,
        "title": title or settings.WAGTAIL_SITE_NAME,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "og_type": "article" if hasattr(page, "generic_name") else "website",
        "noindex": context.get("noindex", False),
    }


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD in a `<script type="application/ld+json">`, if it has any."""
    builder = getattr(page, "structured_data", None)
    if builder is None:
        return ""
    data = builder(context.get("request"))
    return mark_safe(  # noqa: S308 - to_json_ld escapes <, > and & inside the JSON
        f'<script type="application/ld+json">{to_json_ld(data)}</script>'
    )
