"""What the public templates ask of Python: the guide index, head tags, JSON-LD, the lists."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail.models import Page

from treatments.glance import build_glance
from treatments.key_statements import key_statements as statements_of
from treatments.listing import build_category_tree, visible_to_visitors
from treatments.models import HomePage, TherapyCategoryPage, TreatmentGuidePage
from treatments.seo import SITE_DESCRIPTION, document_title, page_description, page_title
from treatments.structured_data import (
    absolute_url,
    glance_page,
    structured_data_for,
    to_json_ld,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_page(context):
    """The live guide index: from the page's ancestry when it is in the guide, else looked up
    (once per request: the header and the page's own content both ask).
    """
    page = context.get("page")
    for candidate in [*(context.get("ancestors") or ()), page, context.get("guide")]:
        if isinstance(candidate, TreatmentGuidePage):
            return candidate
    request = context.get("request")
    found = getattr(request, "_guide_page", None)
    if found is None:
        found = TreatmentGuidePage.objects.filter(visible_to_visitors()).first() or False
        if request is not None:
            request._guide_page = found
    return found or None


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical URL and Open Graph tags from the page, or from the view's context."""
    request = context.get("request")
    page = context.get("page")
    description = context.get("meta_description")
    canonical = context.get("canonical_url")
    title = context.get("meta_title")
    if isinstance(page, Page):
        description = description or page_description(page, **_described_by(context, page))
        title = title or page_title(page)
        if canonical is None and request is not None:
            canonical = absolute_url(page, request)
    return {
        "request": request,
        "page": page,
        "description": description or str(SITE_DESCRIPTION),
        "canonical_url": canonical,
        "title": title or settings.WAGTAIL_SITE_NAME,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "og_type": "article" if hasattr(page, "generic_name") else "website",
        "noindex": context.get("noindex", False),
    }


@register.simple_tag(takes_context=True)
def title_of_document(context):
    """The `<title>`: the view's title or the page's, then the site's name (once)."""
    title = context.get("meta_title")
    page = context.get("page")
    if not title and isinstance(page, Page):
        title = page_title(page)
    return document_title(title)


@register.simple_tag
def key_statements(guide):
    """The headings of the guide's introduction, each with its opening sentence."""
    return statements_of(guide)


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD in a `<script type="application/ld+json">`, if it has any."""
    data = structured_data_for(page, context.get("request"), **_described_by(context, page))
    return _json_ld_script(data)


@register.simple_tag(takes_context=True)
def glance_structured_data(context, guide):
    """The JSON-LD of "Treatments at a glance", from the view's description and address."""
    request = context.get("request")
    description = context.get("meta_description") or str(SITE_DESCRIPTION)
    return _json_ld_script(glance_page(guide, request, description, context.get("canonical_url")))


def _json_ld_script(data):
    if data is None:
        return ""
    return mark_safe(  # noqa: S308 - to_json_ld escapes <, > and & inside the JSON
        f'<script type="application/ld+json">{to_json_ld(data)}</script>'
    )


def _described_by(context, page):
    """What a page's description and JSON-LD draw on beyond its own fields: the guide the
    home page leads to, the tree a category lists (both read once per request).
    """
    if isinstance(page, HomePage):
        return {"guide": guide_page(context)}
    if isinstance(page, TherapyCategoryPage):
        return {"contents": _tree(context.get("request"), page)}
    return {}


def _tree(request, page, with_routes=False):
    """The category tree below `page`, built once per request: the head describes a category
    with it and the body lists it.
    """
    if request is None:
        return build_category_tree(page, request, with_routes=with_routes)
    trees = request.__dict__.setdefault("_category_trees", {})
    key = (page.pk, with_routes)
    if key not in trees:
        trees[key] = build_category_tree(page, request, with_routes=with_routes)
    return trees[key]


@register.simple_tag(takes_context=True)
def category_tree(context, page):
    """The live, public categories and treatments below `page` (treatments.listing)."""
    return _tree(context.get("request"), page)


@register.inclusion_tag("components/at_a_glance_table.html", takes_context=True)
def at_a_glance_table(context, guide):
    """The filters and the table of every treatment, for the request's GET parameters."""
    request = context["request"]
    return {
        "request": request,
        "guide": guide,
        "glance": build_glance(build_category_tree(guide, request, with_routes=True), request.GET),
    }
