"""The cache key of a request: the Wagtail Site it is for and the page's path, never the raw
Host header.

The Site is matched as `Site.find_for_request` matches it, from plain values (pk, hostname,
port, default flag) that each process reads from the database and reads again whenever the
page cache's generation moves on (saving a Site moves it): so cached pages still serve while
the database is down. A page names the host it was asked for (its canonical and printed
URLs), so the key includes that host too, but only a host the site knows: a Site's hostname
or a literal ALLOWED_HOSTS name, with no port or the port the request came in on. Any other
host (`host:<any digits>`, a wildcard subdomain) is answered uncached, and adds no entry.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

logger = logging.getLogger(__name__)

# Query parameters that never change a page (campaign tracking added by newsletters,
# social networks and news sites): they share the page's entry.
IGNORED_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref")
# Entries are gzipped responses with every header; a server of an earlier release, which
# keeps plain ones, never reads them (during a rolling deploy both share the cache).
KEY_PREFIX = "page_cache:page:gz:"


@dataclass(frozen=True)
class SiteRecord:
    pk: int
    hostname: str
    port: int
    is_default: bool


@dataclass(frozen=True)
class KnownSites:
    """This process's copy of the Site table, as read under `generation`."""

    generation: str | None
    sites: tuple[SiteRecord, ...]

    def match(self, hostname, port):
        """The site Wagtail's `get_site_for_hostname` picks, or None."""

        def rank(site):
            if site.hostname == hostname and site.port == port:
                return 0
            if site.hostname == hostname and site.is_default:
                return 1
            return 2 if site.is_default else 3

        candidates = sorted(
            (s for s in self.sites if s.hostname == hostname or s.is_default), key=rank
        )
        if not candidates:
            return None
        if len(candidates) == 1 or rank(candidates[0]) in (0, 1):
            return candidates[0]
        if rank(candidates[0]) == 2:
            return candidates[len(candidates) == 2]
        return None

    def knows_host(self, hostname):
        return any(s.hostname == hostname for s in self.sites) or hostname in literal_hosts()


def literal_hosts():
    return {h.lower() for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")}


_known = KnownSites(generation=None, sites=())


def known_sites():
    return _known


def read_sites(generation):
    """This process's copy, read again from the database for `generation` (which was read
    before this). The previous copy is kept if the database cannot be reached."""
    global _known
    try:
        rows = Site.objects.order_by("pk").values_list("pk", "hostname", "port", "is_default_site")
        sites = tuple(
            SiteRecord(pk, hostname.lower(), port, default) for pk, hostname, port, default in rows
        )
    except DatabaseError:
        logger.warning("Sites not read (database unreachable); keeping the previous copy")
        sites = _known.sites
    _known = KnownSites(generation=generation, sites=sites)
    return _known


def request_port(request):
    try:
        return int(request.get_port())
    except (TypeError, ValueError):
        return None


def has_other_parameters(request):
    """True when the query string has a parameter that may change the page."""
    return any(not name.startswith(IGNORED_PARAMETERS) for name in request.GET)


def page_key(request, known):
    """The entry's key for `request` under `known` sites, or None if it must not be cached."""
    if has_other_parameters(request):
        return None
    hostname, header_port = split_domain_port(request.get_host())
    port = request_port(request)
    if header_port and (port is None or header_port != str(port)):
        return None
    if not known.knows_host(hostname):
        return None
    site = known.match(hostname, port)
    if site is None:
        return None
    address = f"{request.scheme}://{hostname}:{header_port}{request.path}"
    return f"{KEY_PREFIX}{site.pk}:{hashlib.sha256(address.encode()).hexdigest()}"
