"""Serves anonymous visitors' public pages from the cache, before the database is touched."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from page_cache import store

# Set by the before_serve_page hook on a public Wagtail page (no view restriction, not a
# preview): only such responses are cached. Search, the API and the admin never are.
CACHEABLE_PAGE = "page_cache_cacheable"
STATUS_HEADER = "X-Page-Cache"


def is_anonymous_visitor(request):
    """True when nothing identifies the visitor: no session (so no editor) and no messages.

    Read from the cookies, not request.user, so that answering needs no database.
    """
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and (
        "messages" not in request.COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if request.method in ("GET", "HEAD") and is_anonymous_visitor(request):
            key = store.cache_key(request)
        if key is not None:
            cached = store.fetch(key)
            if cached is not None:
                cached[STATUS_HEADER] = "hit"
                return cached

        response = self.get_response(request)

        if getattr(request, CACHEABLE_PAGE, False):
            if key is not None and self._can_store(response):
                # Browsers revalidate; a CDN may keep the page while purges reach it.
                cdn_seconds = (
                    settings.PAGE_CACHE_SECONDS
                    if getattr(settings, "WAGTAILFRONTENDCACHE", None)
                    else 0
                )
                patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_seconds)
                store.store(key, response)
                response[STATUS_HEADER] = "miss"
            else:
                # A page for an editor or with unknown parameters: no shared cache may keep it.
                patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _can_store(response):
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )
