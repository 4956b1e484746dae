"""Where cached pages live: Django's default cache (local memory, or Redis when configured).

Every entry carries the site's cache *generation*. Publishing anything moves the generation
on, which retires every cached page at once: a publish can change what many pages show (the
guide and categories list treatments, breadcrumbs and the header name ancestors, related
treatment blocks name other treatments, the comparison table lists them all), and one write
is the only purge that is right for all of them, on local memory and on Redis alike. A hit
costs one round trip: the entry and the generation are read together.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "page_cache:generation"
# Query parameters that never change a page (campaign tracking added by newsletters,
# social networks and news sites): stripped from the cache key.
IGNORED_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref")


def cache_key(request):
    """The entry's key, or None when this request's page must not come from the cache."""
    for name in request.GET:
        if not name.startswith(IGNORED_PARAMETERS):
            return None
    return f"page_cache:page:{request.get_host()}:{request.path}"


def _new_generation():
    return uuid.uuid4().hex


def start_generation():
    """The current generation, started if there is none; None if the cache is unreachable."""
    cache.add(GENERATION_KEY, _new_generation(), timeout=None)
    return cache.get(GENERATION_KEY)


def fetch(key):
    """The cached response for `key`, or None if absent or retired by a later publish."""
    found = cache.get_many([key, GENERATION_KEY])
    entry = found.get(key)
    generation = found.get(GENERATION_KEY)
    if generation is None:
        start_generation()
        return None
    if entry is None or entry["generation"] != generation:
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response.headers[header] = value
    return response


def store(key, response):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        return
    entry = {
        "generation": generation,
        "status": response.status_code,
        "content": response.content,
        "headers": [
            (header, value)
            for header, value in response.headers.items()
            if header.lower() not in ("set-cookie", "content-length")
        ],
    }
    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)


def retire_all(reason):
    """Retires every cached page (the next visitor to each gets a fresh render)."""
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    logger.info("Page cache retired: %s", reason)
