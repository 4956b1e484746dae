"""Schema.org JSON-LD for guide pages, built from their fields.

Every guide page is a `MedicalWebPage` (with `lastReviewed` and `reviewedBy` when it has a
medical review); a treatment page is also about a `Drug` or, for procedures and therapies,
a `MedicalTherapy`. Pages call these builders from `structured_data()`; templates render
the result with `{{ structured_data(page) }}` (treatments.templating).
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags

from treatments.routing import full_page_url

SCHEMA_CONTEXT = "https://schema.org"

# Characters that could end a <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class StructuredDataMixin:
    """Gives a guide page its JSON-LD; no fields, so no migration."""

    def structured_data(self, request=None):
        return medical_web_page(self, request)


def latest_review(page):
    """The review of the page's live revision, or None (pages outside the guide have none)."""
    return getattr(page, "live_medical_review", None)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def medical_web_page(page, request=None):
    """The `MedicalWebPage` describing `page`, with what it is about for treatments."""
    from treatments.seo import page_description

    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.seo_title or page.title,
        "url": full_page_url(page, request),
        "description": page_description(page),
        "inLanguage": "en",
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
        data = {"@type": "MedicalTherapy", "name": page.title, "url": full_page_url(page, request)}
        if alternate_names:
            data["alternateName"] = alternate_names
        return data
    data = {"@type": "Drug", "name": page.title, "url": full_page_url(page, request)}
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
