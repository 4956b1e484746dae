"""What the public templates ask of Python: the guide index, head tags, JSON-LD, the lists.

The pages' own `get_context` reads what each page shows (treatments.page_contents); these tags
format it, and find it for views that are not pages (search, the error pages).
"""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from wagtail.models import Page

from editions.languages import language_of
from editions.reader_links import link_as_it_is
from editions.templatetags.edition_tags import reader_links_of
from treatments.doctor_list import cautions_of_chosen, shared_cautions
from treatments.models import HomePage, TherapyCategoryPage, TreatmentGuidePage
from treatments.page_contents import category_tree, guide_for_reader, live_guide
from treatments.route_names import route_names
from treatments.seo import (
    SITE_DESCRIPTION,
    document_title,
    page_description,
    page_title,
    site_name,
)
from treatments.structured_data import (
    absolute_url,
    glance_page,
    structured_data_for,
    to_json_ld,
)

register = template.Library()


def reader_language(context):
    """The language of the page being read, else the active one ("en", "es")."""
    page = context.get("page")
    if isinstance(page, Page) and page.url_path:
        return language_of(page)
    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def guide_page(context):
    """The live guide index of the reader's language: from the page's context when the page
    read it (a guide page's ancestry, the home page's guide), else looked up once per request
    (treatments.page_contents.live_guide).
    """
    page = context.get("page")
    for candidate in [*(context.get("ancestors") or ()), page, context.get("guide")]:
        if isinstance(candidate, TreatmentGuidePage):
            return candidate
    return live_guide(reader_language(context), context.get("request"))


@register.simple_tag(takes_context=True)
def reader_guide(context):
    """The `ReaderLink` to the guide for this page's reader (the header's link): the guide
    being read, the guide above the page as the page's `reader_links` resolve it (an alias
    above a translation leads to the English guide), the guide the view shows, else the live
    guide of the reader's language or, where there is none, the English one (marked so)."""
    request, language = context.get("request"), reader_language(context)
    page = context.get("page")
    if isinstance(page, TreatmentGuidePage):
        return link_as_it_is(page, language, request)
    for ancestor in context.get("ancestors") or ():
        if isinstance(ancestor, TreatmentGuidePage):
            return reader_links_of(context).link(ancestor)
    guide = context.get("guide")
    if isinstance(guide, TreatmentGuidePage):
        return link_as_it_is(guide, language, request)
    return guide_for_reader(language, request)


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home address of the reader's language: "/" or "/es/" (as Wagtail builds page URLs)."""
    with override(reader_language(context)):
        return reverse("wagtail_serve", args=("",))


@register.simple_tag(takes_context=True)
def routes_in_language(context, treatment):
    """The treatment's live routes, each named in the reader's language where a reviewed
    translation is live (treatments.route_names): one query per request, none in English."""
    return route_names(treatment.routes.all(), reader_language(context), context.get("request"))


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
        "title": title or site_name(),
        "site_name": site_name(),
        "og_type": "article" if hasattr(page, "generic_name") else "website",
        "noindex": context.get("noindex", False),
        # A sub-route of a page (the table) says what it is in structured data of its own.
        "page_structured_data": page is not None and not context.get("own_structured_data"),
    }


@register.simple_tag(takes_context=True)
def title_of_document(context):
    """The `<title>`: the view's title or the page's, then the site's name (once)."""
    title = context.get("meta_title")
    page = context.get("page")
    if not title and isinstance(page, Page):
        title = page_title(page)
    return document_title(title)


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
    home page leads to, the tree a category lists (both read by the page's `get_context`).
    """
    if isinstance(page, HomePage):
        return {"guide": guide_page(context)}
    if isinstance(page, TherapyCategoryPage):
        tree = context.get("tree")
        if tree is None:
            tree = category_tree(page, context.get("request"))
        return {"contents": tree}
    return {}


@register.simple_tag(takes_context=True)
def doctor_list_items(context, chosen):
    """What the list for the doctor shows: (treatment, its own cautions) for each treatment,
    and the cautions they share with the guide, each once with the treatments it applies to."""
    items = cautions_of_chosen(chosen, context.get("request"))
    own = [(entry, [c for c in cautions if not c.url]) for entry, cautions in items]
    return {"treatments": own, "shared_cautions": shared_cautions(items)}
