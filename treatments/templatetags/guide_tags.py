"""What the public templates ask of Python: the guide index, head tags, JSON-LD, the lists."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from wagtail.models import Page

from editions.languages import language_of
from treatments.doctor_list import cautions_of_chosen, shared_cautions
from treatments.glance import build_glance, only_treatments
from treatments.key_statements import key_statements as statements_of
from treatments.listing import build_category_tree, visible_to_visitors
from treatments.models import (
    HomePage,
    Person,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)
from treatments.models.pages import in_the_default_language, live_text_reviewed
from treatments.per_request import once_per_request
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
    """The live guide index of the reader's language: from the page's ancestry when it is in
    the guide, else looked up (once per request: the header and the page's content both ask).
    A translated guide counts once its live text was medically reviewed; where there is none,
    there is no guide in that language.
    """
    page = context.get("page")
    for candidate in [*(context.get("ancestors") or ()), page, context.get("guide")]:
        if isinstance(candidate, TreatmentGuidePage):
            return candidate
    language = reader_language(context)
    request = context.get("request")
    return once_per_request(
        request,
        "guide_page",
        language,
        lambda: TreatmentGuidePage.objects.filter(
            visible_to_visitors(),
            Q(locale__language_code=language),
            in_the_default_language() | live_text_reviewed(),
        ).first(),
    )


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home address of the reader's language: "/" or "/es/" (as Wagtail builds page URLs)."""
    with override(reader_language(context)):
        return reverse("wagtail_serve", args=("",))


@register.simple_tag(takes_context=True)
def credits_in_language(context, credits):
    """The guide's credits as (credit, person) pairs, each person as its live translation in the
    reader's language where there is one, else as its live English record; a person never
    published (or taken down) is left out, and a draft's text is never shown (a live person's
    row holds the published text). One query, none in the default language.
    """
    credits = list(credits)
    language = reader_language(context)
    if language == settings.LANGUAGE_CODE or not credits:
        return [(credit, credit.person) for credit in credits if credit.person.live]
    live = Person.objects.filter(
        live=True,
        translation_key__in={credit.person.translation_key for credit in credits},
        locale__language_code__in=[language, settings.LANGUAGE_CODE],
    ).select_related("locale")
    by_language = {(p.translation_key, p.locale.language_code): p for p in live}
    pairs = []
    for credit in credits:
        key = credit.person.translation_key
        person = by_language.get((key, language)) or by_language.get((key, settings.LANGUAGE_CODE))
        if person is not None:
            pairs.append((credit, person))
    return pairs


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
    return once_per_request(
        request,
        "category_tree",
        (page.pk, with_routes),
        lambda: build_category_tree(page, request, with_routes=with_routes),
    )


@register.simple_tag(takes_context=True)
def category_tree(context, page):
    """The live, public categories and treatments below `page` (treatments.listing)."""
    return _tree(context.get("request"), page)


@register.inclusion_tag("components/at_a_glance_table.html", takes_context=True)
def at_a_glance_table(context, guide):
    """The filters and the table of every treatment, for the request's GET parameters.

    A translated guide's table lists only the treatments whose live text was medically
    reviewed (one more query), as its language switch and its list for the doctor do.
    """
    request = context["request"]
    tree = build_category_tree(guide, request, with_routes=True, with_reviews=True)
    if language_of(guide) != settings.LANGUAGE_CODE:
        reviewed = TreatmentPage.objects.descendant_of(guide).filter(live_text_reviewed())
        tree = only_treatments(tree, set(reviewed.values_list("pk", flat=True)))
    return {
        "request": request,
        "guide": guide,
        "glance": build_glance(tree, request.GET, language_of(guide), request),
    }


@register.simple_tag(takes_context=True)
def doctor_list_items(context, chosen):
    """What the list for the doctor shows: (treatment, its own cautions) for each treatment,
    and the cautions they share with the guide, each once with the treatments it applies to."""
    items = cautions_of_chosen(chosen, context.get("request"))
    own = [(entry, [c for c in cautions if not c.url]) for entry, cautions in items]
    return {"treatments": own, "shared_cautions": shared_cautions(items)}
