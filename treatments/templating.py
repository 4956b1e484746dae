"""What the public templates ask of Python: the guide's index, head tags, JSON-LD, settings.

Globals of the Jinja2 environment (sps_foundation.jinja2); most take the template context.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import pass_context
from markupsafe import Markup
from wagtail.models import Page

from page_cache.shared import public, remember
from treatments.models import GuideSettings, TreatmentGuidePage
from treatments.routing import full_page_url, page_url
from treatments.seo import SITE_DESCRIPTION, page_description
from treatments.structured_data import to_json_ld


@pass_context
def guide_page(context):
    """The live guide index: from the page's ancestry when it is in the guide, else looked up."""
    page = context.get("page")
    for candidate in [*(context.get("ancestors") or ()), page]:
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


@pass_context
def page_meta(context):
    """Description, canonical URL and Open Graph values from the page, or from the view."""
    request = context.get("request")
    page = context.get("page")
    description = context.get("meta_description")
    canonical = context.get("canonical_url")
    title = context.get("meta_title")
    if isinstance(page, Page):
        description = description or page_description(page)
        title = title or page.seo_title or page.title
        if canonical is None and request is not None:
            canonical = full_page_url(page, request)
    return {
        "description": description or SITE_DESCRIPTION,
        "canonical_url": canonical,
        "title": title or settings.WAGTAIL_SITE_NAME,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "og_type": "article" if hasattr(page, "generic_name") else "website",
        "noindex": context.get("noindex", False),
    }


@pass_context
def structured_data(context, page):
    """The page's JSON-LD in a `<script type="application/ld+json">`, if it has any.

    Kept on the page object for the host it names: a page shared between requests
    (treatments.routing) is a published version, and its JSON-LD changes only with it.
    """
    builder = getattr(page, "structured_data", None)
    if builder is None:
        return ""
    request = context.get("request")
    host = (request.scheme, request.get_host()) if request is not None else None
    scripts = page.__dict__.setdefault("_json_ld", {})
    if host not in scripts:
        # to_json_ld escapes <, > and & inside the JSON.
        scripts[host] = Markup(  # noqa: S704
            f'<script type="application/ld+json">{to_json_ld(builder(request))}</script>'
        )
    return scripts[host]


@pass_context
def routablepageurl(context, page, url_name, *args):
    """A routable page's sub-URL (wagtail.contrib.routable_page's Django tag, for Jinja2)."""
    base_url = page_url(page, context["request"])
    if not base_url.endswith("/"):
        base_url += "/"
    return base_url + _subpage_url(type(page), url_name, args)


# URL patterns do not change while the process runs: each URL is reversed once.
@cache
def _subpage_url(page_class, url_name, args):
    return page_class.get_resolver().reverse(url_name, *args)


def url(name, *args):
    """Django's `reverse`, once per URL conf and script prefix."""
    return _reverse(get_urlconf(), get_script_prefix(), name, args)


@cache
def _reverse(urlconf, script_prefix, name, args):
    return reverse(name, urlconf=urlconf, args=args or None)


@pass_context
def pageurl(context, page):
    """Wagtail's `pageurl`, once per page per request."""
    return page_url(page, context.get("request"))


@cache
def static(path):
    """Django's `static`: the hashed name never changes while the process runs."""
    return django_static(path)


@receiver(setting_changed)
def _forget_static_urls(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES"):  # tests switch storages
        static.cache_clear()
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


@pass_context
def guide_settings(context):
    """The site's GuideSettings (the disclaimer), shared between requests."""
    request = context.get("request")
    return GuideSettings.for_request(request) if request is not None else None


GLOBALS = {
    "url": url,
    "pageurl": pageurl,
    "static": static,
    "guide_page": guide_page,
    "page_meta": page_meta,
    "structured_data": structured_data,
    "routablepageurl": routablepageurl,
    "guide_settings": guide_settings,
}
