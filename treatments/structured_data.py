"""Schema.org JSON-LD for the site's pages, built from their fields.

The home page is the `WebSite`, published by the foundation (an `Organization`), with a
`SearchAction` for the site search. Every guide page is a `MedicalWebPage` (with
`lastReviewed` and `reviewedBy` when it has a medical review), part of the guide and the
website, with a `BreadcrumbList` of the trail the page shows; a category is about a kind of
`MedicalTherapy` and lists what it contains; a treatment page is about a `Drug` or, for
procedures and therapies, a `MedicalTherapy`, with the medicine sections schema.org has a
text property for (see `medicine_sections`). The sources a guide page lists are its
`citation`s (`CreativeWork`). A content page (About SPS, Living with SPS…) is medically
reviewed too: a `MedicalWebPage` of the website. "Treatments at a glance" is a `WebPage` of the
guide. Templates render it with `{% structured_data page %}` and `{% glance_structured_data
guide %}` (treatments.templatetags.guide_tags).
"""

import datetime
import html
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Site

from content_pages.models import ContentPage
from editions.languages import language_of
from treatments.models import HomePage, TherapyCategoryPage, TreatmentGuidePage, TreatmentPage
from treatments.route_names import route_names
from treatments.seo import page_description, site_name

SCHEMA_CONTEXT = "https://schema.org"

# Characters that could end a <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


GUIDE_PAGE_TYPES = (TreatmentGuidePage, TherapyCategoryPage, TreatmentPage)
# The page types described as a `MedicalWebPage`: the guide's, and the site's content pages.
MEDICAL_WEB_PAGE_TYPES = (*GUIDE_PAGE_TYPES, ContentPage)
# The search view's parameter, which the SearchAction's URL template fills in.
SEARCH_PARAMETER = "q"
GLANCE_NAME = gettext_noop("Treatments at a glance")


def structured_data_for(page, request=None, guide=None, contents=None):
    """The JSON-LD of the home page, a guide or content page, or a page type with its own
    `structured_data(request)`; None for any other page.

    `guide` is the live guide (the home page describes the site with its words); `contents`
    is the category tree below a category (treatments.listing), which it lists.
    """
    if isinstance(page, HomePage):
        return website(page, request, guide)
    if hasattr(page, "structured_data"):  # a page type that describes itself (news, events)
        return page.structured_data(request)
    if not isinstance(page, MEDICAL_WEB_PAGE_TYPES):
        return None
    data = medical_web_page(page, request, contents)
    trail = page.ancestors_below_root
    data["breadcrumb"] = breadcrumb_list([*trail, page], request, page)
    guide_above = next((p for p in trail if isinstance(p, TreatmentGuidePage)), None)
    data["isPartOf"] = (
        guide_reference(guide_above, request) if guide_above else website_reference(page, request)
    )
    if isinstance(page, TherapyCategoryPage):
        data["about"] = {"@type": "MedicalTherapy", "name": page.title}
        if contents is not None:
            data["mainEntity"] = item_list(contents, request)
    return data


def glance_page(guide, request=None, description="", url=None):
    """The `WebPage` of "Treatments at a glance", a route of the guide page."""
    url = url or absolute_url(guide, request) + guide.reverse_subpage("at_a_glance")
    trail = [*guide.ancestors_below_root, guide]
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebPage",
        "name": gettext(GLANCE_NAME),
        "url": url,
        "description": description,
        "inLanguage": language_of(guide),
        "breadcrumb": breadcrumb_list(trail, request, guide, last=(gettext("At a glance"), url)),
        "isPartOf": guide_reference(guide, request),
    }


def site_root_url(page, request=None):
    """The absolute URL of the root of the page's site (its home page)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, _ = parts
    site = Site.find_for_request(request)
    if request is not None and site is not None and site.pk == site_id:
        return request.build_absolute_uri("/")
    return root_url.rstrip("/") + "/"


def organization_name(page, request=None):
    """The foundation's name: the Site's name (Settings → Sites), a proper name said the same
    in every language, else the site's name in the reader's language."""
    site = Site.find_for_request(request) if request is not None else page.get_site()
    return (site.site_name if site else "") or site_name()


def website_reference(page, request=None):
    root = site_root_url(page, request)
    return {
        "@type": "WebSite",
        "@id": f"{root}#website",
        "name": site_name(),
        "url": root,
    }


def guide_reference(guide, request=None):
    return {
        "@type": "MedicalWebPage",
        "name": guide.title,
        "url": absolute_url(guide, request),
        "isPartOf": website_reference(guide, request),
    }


def website(home, request=None, guide=None):
    """The home page's `WebSite`: the site search and the foundation that publishes it."""
    root = site_root_url(home, request)
    search_url = f"{root.rstrip('/')}{reverse('search')}"
    return {
        "@context": SCHEMA_CONTEXT,
        **website_reference(home, request),
        "description": page_description(home, guide=guide),
        "inLanguage": language_of(home),
        "publisher": {
            "@type": "Organization",
            "@id": f"{root}#organization",
            "name": organization_name(home, request),
            "url": root,
        },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?{SEARCH_PARAMETER}={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_list(pages, request, page, last=None):
    """The `BreadcrumbList` of the trail the page shows: Home, the guide, categories, itself."""
    crumbs = [("Home", site_root_url(page, request))]
    crumbs += [(crumb.title, absolute_url(crumb, request)) for crumb in pages]
    if last is not None:
        crumbs.append(last)
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def item_list(node, request=None):
    """The categories and treatments a category lists, in its order, as an `ItemList`."""
    items = []
    for entry in node.entries:
        if entry.category is not None:
            items.append((entry.category.page.title, entry.category.url))
        items += [(treatment.title, treatment.url) for treatment in entry.treatments]
    items = [(name, _absolute(url, request)) for name, url in items]
    return {
        "@type": "ItemList",
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "url": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def absolute_url(page, request=None):
    """The page's URL (Wagtail's `get_url`), absolute on the host the request names."""
    url = page.get_url(request)
    if url and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return page.get_full_url(request) if url else url


def _absolute(url, request=None):
    """A URL the category tree gives (relative on the request's own site), made absolute."""
    if url and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def latest_review(page):
    """The review of the page's live revision, or None (pages outside the guide have none)."""
    return getattr(page, "live_medical_review", None)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def medical_web_page(page, request=None, contents=None):
    """The `MedicalWebPage` describing `page`, with what it is about for treatments."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.seo_title or page.title,
        "url": absolute_url(page, request),
        "description": page_description(page, contents=contents),
        "inLanguage": language_of(page),
    }
    review = latest_review(page)
    reviewed_on = _as_date(getattr(review, "reviewed_at", None))
    if getattr(page, "moved_since_review", None):  # the review was of the page elsewhere
        review = reviewed_on = None
    if reviewed_on:
        data["lastReviewed"] = reviewed_on.isoformat()
    if review is not None and getattr(review, "reviewer_name", ""):
        data["reviewedBy"] = reviewer(review)
    if hasattr(page, "generic_name"):
        data["about"] = treatment(page, request)
    citations = [citation(source) for source in page.cited_sources]
    if citations:
        data["citation"] = citations
    return data


def citation(source):
    """A source the page lists, as a `CreativeWork`: only what the source row says."""
    work = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        work["url"] = source.url
    if source.identifier:
        work["identifier"] = source.identifier
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    return work


def plain_text(rich_text):
    """A rich-text field's words, without markup, as one line."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(rich_text))).strip()


# The medicine sections schema.org has a text property for, on a `Drug` and on a
# `MedicalTherapy`. Sections without one (how to take a medicine, side effects of a drug,
# stopping or missing a dose, common questions) are left out rather than stretched to fit.
DRUG_SECTION_PROPERTIES = {
    "who_should_not": ("warning",),
    "pregnancy_and_breastfeeding": ("pregnancyWarning", "breastfeedingWarning"),
}
THERAPY_SECTION_PROPERTIES = {
    "how_to_take": ("howPerformed",),
    "who_should_not": ("contraindication",),
}


def medicine_sections(page, properties):
    """The filled sections of `page` as the schema.org properties `properties` names."""
    data = {}
    for field, names in properties.items():
        text = plain_text(getattr(page, field))
        if text:
            data.update(dict.fromkeys(names, text))
    return data


def reviewer(review):
    person = {"@type": "Person", "name": review.reviewer_name}
    credentials = getattr(review, "reviewer_credentials", "")
    if credentials:
        person["honorificSuffix"] = credentials
    return person


def treatment(page, request=None):
    """A `Drug` for medications, a `MedicalTherapy` for procedures and other therapies."""
    alternate_names = [name.strip() for name in page.also_known_as.split(",") if name.strip()]
    if page.kind != "medication":
        data = {"@type": "MedicalTherapy", "name": page.title, "url": absolute_url(page, request)}
        if alternate_names:
            data["alternateName"] = alternate_names
        data.update(medicine_sections(page, THERAPY_SECTION_PROPERTIES))
        return data
    data = {"@type": "Drug", "name": page.title, "url": absolute_url(page, request)}
    if page.generic_name:
        data["nonProprietaryName"] = page.generic_name
    brands = page.brand_name_list
    if brands:
        data["proprietaryName"] = brands
    if alternate_names:
        data["alternateName"] = alternate_names
    routes = route_names(page.routes.all(), language_of(page), request)
    if routes:
        data["administrationRoute"] = [route.name for route in routes]
    if page.drug_class:
        data["drugClass"] = {"@type": "DrugClass", "name": strip_tags(page.drug_class)}
    data.update(medicine_sections(page, DRUG_SECTION_PROPERTIES))
    return data


def to_json_ld(data):
    """JSON safe to place inside a `<script type="application/ld+json">` element."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
