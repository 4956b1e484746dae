"""Schema.org JSON-LD for guide pages, built from their fields.

Every guide page is a `MedicalWebPage` (with `lastReviewed` and `reviewedBy` when it has a
medical review); a treatment page is also about a `Drug` or, for procedures and therapies,
a `MedicalTherapy`. Templates render it with `{% structured_data page %}`
(treatments.templatetags.guide_tags).
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags

from editions.languages import language_of
from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage
from treatments.seo import page_description

SCHEMA_CONTEXT = "https://schema.org"

# Characters that could end a <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


GUIDE_PAGE_TYPES = (TreatmentGuidePage, TherapyCategoryPage, TreatmentPage)


def structured_data_for(page, request=None):
    """The JSON-LD of a guide page, or None for any other page."""
    if not isinstance(page, GUIDE_PAGE_TYPES):
        return None
    return medical_web_page(page, request)


def absolute_url(page, request=None):
    """The page's URL (Wagtail's `get_url`), absolute on the host the request names."""
    url = page.get_url(request)
    if url and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return page.get_full_url(request) if url else url


def latest_review(page):
    """The review of the page's live revision, or None (pages outside the guide have none)."""
    return getattr(page, "live_medical_review", None)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def medical_web_page(page, request=None):
    """The `MedicalWebPage` describing `page`, with what it is about for treatments."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.seo_title or page.title,
        "url": absolute_url(page, request),
        "description": page_description(page),
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
        return data
    data = {"@type": "Drug", "name": page.title, "url": absolute_url(page, request)}
    if page.generic_name:
        data["nonProprietaryName"] = page.generic_name
    brands = page.brand_name_list
    if brands:
        data["proprietaryName"] = brands
    if alternate_names:
        data["alternateName"] = alternate_names
    routes = page.route_name_list
    if routes:
        data["administrationRoute"] = routes
    if page.drug_class:
        data["drugClass"] = {"@type": "DrugClass", "name": strip_tags(page.drug_class)}
    return data


def to_json_ld(data):
    """JSON safe to place inside a `<script type="application/ld+json">` element."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
