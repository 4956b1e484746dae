"""What page renders read from the database, shared between requests until something changes.

A render reads the site for the host name, the root page, the page at the URL (as its
specific class, with its brand names and routes), the view restrictions above it, its
ancestors, the category tree it lists, the guide's settings. All of it changes only when
something is published, unpublished, moved or deleted, made private, or when a site, a
setting or another displayed model is saved: exactly the events that move the page cache's
generation on (page_cache.purge). Each answer kept here is tagged with the generation it was
read under and is ignored once the generation moves, so nothing here is ever older than the
page cache itself. Drafts never come through here: previews render the revision.

So a render the page cache does not answer (a URL with other parameters, an editor who is
logged in) runs the templates on objects from here, and only the first render after a publish
reads the database. When the cache is unreachable (Redis down), or PAGE_CACHE_SHARED_LOOKUPS
is False, every render reads the database.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from page_cache.store import GENERATION_KEY, start_generation

# Answers already unpickled by this process, for the generation they were read under:
# unpickling a page and its relations costs more than rendering some of its templates.
# Shared between this process's threads, so what is kept here is only ever read.
_LOCAL_LIMIT = 2000
_local = {"generation": None, "answers": {}}
_local_lock = threading.Lock()


def remember(name, build):
    """`build()`, or its value from an earlier request under the current generation.

    `name` must identify the answer completely (include the host, path or id it is for).
    None is never kept, so a lookup that finds nothing asks again next time. The value is
    shared with other requests: callers must not change it.
    """
    if not settings.PAGE_CACHE_SHARED_LOOKUPS:
        return build()
    generation = cache.get(GENERATION_KEY) or start_generation()
    if generation is None:  # the cache is unreachable
        return build()
    local = _local
    if local["generation"] == generation and name in local["answers"]:
        return local["answers"][name]
    key = "page_cache:shared:" + hashlib.sha1(name.encode()).hexdigest()  # noqa: S324 - a key, not a secret
    entry = cache.get(key)
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        value = build()
        if value is None:
            return None
        cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_SECONDS)
    _keep_locally(generation, name, value)
    return value


def _keep_locally(generation, name, value):
    global _local
    with _local_lock:
        if _local["generation"] != generation or len(_local["answers"]) >= _LOCAL_LIMIT:
            _local = {"generation": generation, "answers": {}}
        _local["answers"][name] = value


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, with the site's root page (as its specific class)."""
    hostname = split_domain_port(request.get_host())[0]

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            # Every route starts here; keep it with the site.
            site.root_page.localized.specific  # noqa: B018
        return site

    return remember(f"site:{hostname}:{request.get_port()}", find)


def restricted_paths():
    """The tree paths of pages under a view restriction, and of their aliases (which share
    their source page's restrictions): a page is public when its path starts with none.
    """

    def find():
        restricted = Page.objects.filter(
            Q(view_restrictions__isnull=False) | Q(alias_of__view_restrictions__isnull=False)
        )
        return tuple(restricted.values_list("path", flat=True).distinct())

    return remember("restricted_paths", find)


class SharedViewRestrictionsMixin:
    """For page models: Wagtail checks a page's view restrictions (two queries) before serving
    it; a page under no restricted page has none, and that is known without a query.
    """

    def get_view_restrictions(self):
        if self.alias_of_id is None and not self.path.startswith(restricted_paths()):
            restrictions = PageViewRestriction.objects.none()
            # Known empty: iterating it (as Wagtail's check does) then compiles no SQL.
            restrictions._result_cache = []
            return restrictions
        return super().get_view_restrictions()


def public(pages):
    """`pages.public()` (Wagtail's), without its query for the view restrictions."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages
