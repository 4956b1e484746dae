"""Serves anonymous visitors' public pages from the cache, before any other middleware or the
database is touched, and says in Cache-Control who else may keep a response.

It is the first middleware: a miss goes through all the others, so what it stores is the
response exactly as the site sends it, every security header included, and a hit replays
those headers without computing them again.
"""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.cache import patch_cache_control, patch_vary_headers

from page_cache import sites, store

# Set by the on_serve_page hook on a public Wagtail page (no view restriction, not a
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


def lookup(request):
    """(cached response or None, key to store a render under or None); sets the request's
    generation, read before anything is rendered."""
    try:
        if sites.has_other_parameters(request):
            return None, None
        known = sites.known_sites()
        if not known.sites:
            known = sites.read_sites(store.current_generation())
        key = sites.page_key(request, known)
    except SuspiciousOperation:
        # A host not allowed, a query string too long: the middleware after this one answers
        # it (a 400 with the security headers).
        return None, None
    if key is None:
        return None, None
    accepts_gzip = bool(store.ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    response, generation = store.read(key, accepts_gzip)
    request.page_cache_generation = generation
    if generation is not None and generation != known.generation:
        # Something changed since this process read the sites (a Site, maybe).
        key_before = key
        key = sites.page_key(request, sites.read_sites(generation))
        if key != key_before:
            response = None
    return response, key


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # WhiteNoise answers these, with their own Cache-Control.
        self.static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else None

    def __call__(self, request):
        if self.static_prefix and request.path_info.startswith(self.static_prefix):
            return self.get_response(request)
        anonymous = is_anonymous_visitor(request)
        key = None
        if request.method in ("GET", "HEAD") and anonymous:
            cached, key = lookup(request)
            if cached is not None:
                cached[STATUS_HEADER] = "hit"
                return cached

        response = self.get_response(request)

        if (
            key is not None
            and getattr(request, CACHEABLE_PAGE, False)
            and self._can_store(response)
        ):
            # Browsers revalidate; an HTTP cache in front may keep the page, and is purged.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.HTTP_CACHE_SECONDS
            )
            # Hits are sent gzipped to whoever accepts it.
            patch_vary_headers(response, ("Accept-Encoding",))
            if request.method == "GET":
                store.store(key, response, getattr(request, "page_cache_generation", None))
            response[STATUS_HEADER] = "miss"
        elif not anonymous or "Cache-Control" not in response:
            # An editor's view, a preview, search, a page with other parameters, an error:
            # nobody but this browser may keep it, and only to revalidate.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _can_store(response):
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and not response.has_header("Content-Encoding")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )
