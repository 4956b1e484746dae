"""Where cached pages live: the "pages" cache alias (local memory in development and tests,
Redis or the database in production), holding response bytes only: the status, the headers
the site sent and the body, gzipped (a hit sends it as it is to a reader who accepts gzip).

Every entry carries the site's cache *generation*. Any change to what pages show moves the
generation on (page_cache.purge), which retires every cached page at once: a publish can change
what many pages show (the guide and categories list treatments, breadcrumbs name ancestors,
the table lists every treatment), and one write is the only purge that is right for all of
them. A request reads the entry and the generation in one round trip, *before* its page is
rendered, and a miss is stored under that generation: a change made during the render has
already retired it.

A retire that cannot reach the cache is not forgotten: until a later one succeeds (retried in
the background every RETRY_SECONDS, and for up to EXIT_RETRY_SECONDS when the process exits),
this process neither serves nor stores cached pages. Entries also expire after
PAGE_CACHE_SECONDS, which bounds what a change made without any signal (a bulk SQL update)
can leave behind.
"""

import atexit
import gzip
import logging
import re
import threading
import time
import uuid
import zlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "page_cache:generation"
RETRY_SECONDS = 0.5
EXIT_RETRY_SECONDS = 15
# Headers never replayed from an entry: they belong to the response they came with.
UNSTORED_HEADERS = ("set-cookie", "content-length", "x-page-cache")
# As Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP_MAGIC = b"\x1f\x8b"


def pages_cache():
    return caches[ALIAS]


def _new_generation():
    return uuid.uuid4().hex


def start_generation():
    """The current generation, started if there is none; None if the cache is unreachable."""
    cache = pages_cache()
    try:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    except Exception:
        logger.warning("Page cache unreachable: no generation", exc_info=True)
        return None
    return generation if isinstance(generation, str) else None


def current_generation(request=None):
    """The generation to key anything cached during this request by (page_cache.store's rule:
    read before the render). The page cache reads it at the start of the request; without a
    request, or before that, it is read now. None when the cache is unreachable.
    """
    generation = getattr(request, "page_cache_generation", None)
    if generation is None:
        generation = None if retire_pending() else start_generation()
        if request is not None:
            request.page_cache_generation = generation
    return generation


def read(key, accepts_gzip=False):
    """(the entry's response or None, the generation) in one round trip; (None, None) when
    the cache cannot be used. An entry that cannot be read (unpickling fails, a shape from
    another release) is a miss and is deleted. Entries are kept gzipped: sent as they are
    when `accepts_gzip`, else unzipped.
    """
    if retire_pending():
        return None, None
    cache = pages_cache()
    try:
        found = cache.get_many([key, GENERATION_KEY])
    except Exception:
        logger.warning("Page cache read failed; rendering instead", exc_info=True)
        try:
            cache.delete(key)
        except Exception:  # noqa: S110 - unreachable: the page renders from the database
            pass
        return None, start_generation()
    generation = found.get(GENERATION_KEY)
    if not isinstance(generation, str):
        return None, start_generation()
    return _response(found.get(key), generation, accepts_gzip), generation


def _response(entry, generation, accepts_gzip):
    if not (isinstance(entry, tuple) and len(entry) == 4 and entry[0] == generation):
        return None
    _, status, headers, content = entry
    if not (isinstance(content, bytes) and content.startswith(GZIP_MAGIC)):
        return None
    if not accepts_gzip:
        try:
            content = zlib.decompress(content, wbits=31)
        except (zlib.error, TypeError):
            return None
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response.headers[header] = value
    response.headers["Content-Length"] = str(len(content))
    if accepts_gzip:
        response.headers["Content-Encoding"] = "gzip"
    return response


def store(key, response, generation):
    """Keeps `response`'s bytes under `key`, for `generation` (read before it was rendered)."""
    if generation is None or retire_pending():
        return False
    entry = (
        generation,
        response.status_code,
        tuple(
            (header, value)
            for header, value in response.headers.items()
            if header.lower() not in UNSTORED_HEADERS
        ),
        gzip.compress(response.content, compresslevel=6, mtime=0),
    )
    try:
        pages_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache write failed", exc_info=True)
        return False
    return True


# A retire that failed, for this process: {"reason": …, "since": monotonic time}.
_pending = {}
_pending_lock = threading.Lock()


def retire_pending():
    """True while a retire this process asked for has not reached the cache."""
    return bool(_pending)


def retire_all(reason):
    """Retires every cached page (the next visitor to each gets a fresh render).

    Returns False when the cache could not be reached; the retire is then retried (see the
    module docstring) and this process serves no cached page meanwhile.
    """
    try:
        pages_cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:
        logger.error("Page cache NOT retired (%s): cache unreachable; retrying", reason)
        _mark_pending(reason)
        return False
    with _pending_lock:
        _pending.clear()
    logger.info("Page cache retired: %s", reason)
    return True


def _mark_pending(reason):
    with _pending_lock:
        first = not _pending
        _pending.setdefault("since", time.monotonic())
        _pending["reason"] = reason
    if first:
        threading.Thread(target=_retry_until_retired, daemon=True, name="page-cache").start()


def _retry_until_retired():
    while _pending:
        time.sleep(RETRY_SECONDS)
        reason = _pending.get("reason")
        if reason is not None and _retire_quietly(reason):
            return


def _retire_quietly(reason):
    try:
        pages_cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:
        return False
    with _pending_lock:
        _pending.clear()
    logger.warning("Page cache retired after a failed attempt: %s", reason)
    return True


@atexit.register
def _retire_before_exit():
    """A shell or cron process that published exits soon: it keeps trying for a while."""
    deadline = time.monotonic() + EXIT_RETRY_SECONDS
    while _pending and time.monotonic() < deadline:
        if _retire_quietly(_pending.get("reason", "exit")):
            return
        time.sleep(RETRY_SECONDS)
    if _pending:
        logger.error(
            "Page cache NOT retired (%s): run `manage.py clear_page_cache`; entries expire "
            "within PAGE_CACHE_SECONDS",
            _pending.get("reason"),
        )
