"""The note for a Spanish address with no reviewed Spanish page, and the 404 that offers it."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext, override
from django.views import defaults
from wagtail.models import Site


def untranslated(request, english_page):
    """A 404 in the reader's language that says so and links to the English page."""
    with override(settings.LANGUAGE_CODE):
        english_url = english_page.get_url(request)
    context = {
        "english_page_title": english_page.title,
        "english_url": english_url,
        "meta_title": gettext("This page is not available in Spanish yet"),
        "meta_description": gettext(
            "This page of the SPS Treatment Guide has no medically reviewed Spanish version yet."
        ),
        "noindex": True,
    }
    response = TemplateResponse(request, "editions/untranslated.html", context, status=404)
    response.render()
    return response


def english_page_at(request):
    """The live English page at the request's path without its language prefix, or None."""
    prefix = f"/{get_language()}/"
    site = Site.find_for_request(request)
    if site is None or not request.path_info.startswith(prefix):
        return None
    path = request.path_info[len(prefix) :]
    try:
        page, _, _ = site.root_page.specific.route(request, [c for c in path.split("/") if c])
    except Http404:
        return None
    return page


def page_not_found(request, exception):
    """Django's 404, except where a Spanish address has an English page: then the note."""
    if get_language() != settings.LANGUAGE_CODE:
        page = english_page_at(request)
        if page is not None:
            return untranslated(request, page)
    return defaults.page_not_found(request, exception)
