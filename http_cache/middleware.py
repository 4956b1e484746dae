"""Says in Cache-Control who may keep a response: an HTTP cache in front (Varnish, a CDN) may
keep a public page for HTTP_CACHE_SECONDS, and is purged when it changes (http_cache.purge);
everything else is for the visitor's browser alone.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# Set by the on_serve_page hook on a public Wagtail page (no view restriction, not a
# preview). Search, the API and the admin never are.
PUBLIC_PAGE = "http_cache_public_page"
# Query parameters that never change a page (campaign tracking added by newsletters, social
# networks and news sites). deploy/varnish/default.vcl strips the same ones, so a page asked
# for with them is kept, and purged, under its plain address.
IGNORED_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_")


def is_anonymous_visitor(request):
    """True when nothing identifies the visitor: no session (so no editor) and no messages."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and (
        "messages" not in request.COOKIES
    )


def has_other_parameters(request):
    """True when the query string has a parameter that may change the page: its address is
    not one a purge names."""
    return any(not name.startswith(IGNORED_PARAMETERS) for name in request.GET)


def is_public_page(request, response):
    return (
        getattr(request, PUBLIC_PAGE, False)
        and request.method in ("GET", "HEAD")
        and is_anonymous_visitor(request)
        and not has_other_parameters(request)
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


class CacheControlMiddleware:
    """Placed after WhiteNoise: static files keep their own Cache-Control."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public_page(request, response):
            # Browsers revalidate; an HTTP cache in front may keep the page, and is purged.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.HTTP_CACHE_SECONDS
            )
        elif not is_anonymous_visitor(request) or "Cache-Control" not in response:
            # An editor's view, a preview, search, a page with other parameters, an error:
            # nobody but this browser may keep it, and only to revalidate.
            patch_cache_control(response, private=True, no_cache=True)
        return response
