"""Routing from the site root in one lookup, shared between requests: a treatment four
levels down is found without a query once found before, instead of two queries per URL
segment.
"""

from dataclasses import dataclass

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from page_cache.shared import remember


class DirectRoutingMixin:
    """For the site's root page: finds the page a URL names by its url_path.

    The live page at a path, as its specific class and with what every render of it reads
    already read (`prepare_for_serving` on the guide's pages), is shared between requests
    until the next publish (page_cache.shared). A routable page's sub-URL (the guide's
    at-a-glance/) is found as such once and routed from that page, one level up. Anything
    else (a page that is not live, a 404) falls back to Wagtail's walk down the tree, so
    behaviour is unchanged.
    """

    def route(self, request, path_components):
        if path_components:
            found = self._live_page_at(path_components)
            if isinstance(found, SubpageOf):
                return found.page.route(request, path_components[-1:])
            if found is not None:
                return found.route(request, [])
        return super().route(request, path_components)

    def _live_page_at(self, path_components):
        url_path = self.url_path + "/".join(path_components) + "/"

        def find():
            page = Page.objects.filter(url_path=url_path, live=True).specific().first()
            if page is None:
                if len(path_components) < 2:
                    return None
                parent = self._live_page_at(path_components[:-1])
                if _routes_subpage(parent, path_components[-1]):
                    return SubpageOf(parent)
                return None
            if hasattr(page, "prepare_for_serving"):
                page.prepare_for_serving()
            return page

        return remember(f"page:{url_path}", find)


@dataclass(frozen=True)
class SubpageOf:
    """What is at a routable page's sub-URL: that page's own route."""

    page: Page


def _routes_subpage(page, component):
    if not isinstance(page, RoutablePageMixin) or not page.live:
        return False
    try:
        page.resolve_subpage(f"/{component}/")
    except Http404:
        return False
    return True


def url_below(root, root_url, url_path):
    """The URL of the page at `url_path` below `root`, whose URL is `root_url`: the root's URL
    plus the rest of the path (the page routing would find there).
    """
    return root_url + url_path[len(root.url_path) :]


def page_url(page, request):
    """`page.get_url(request)`, worked out once per request for each page: a render names
    the guide's URL three times (header, breadcrumbs, the at-a-glance link). A page below
    the request's site root (every page of the guide) has a URL below the root's.
    """
    if request is None:
        return page.get_url()
    urls = request.__dict__.setdefault("_sps_page_urls", {})
    if page.pk not in urls:
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if root is not None and page.pk != root.pk and page.url_path.startswith(root.url_path):
            root_url = page_url(root, request)
            urls[page.pk] = root_url and url_below(root, root_url, page.url_path)
        else:
            urls[page.pk] = page.get_url(request)
    return urls[page.pk]


def full_page_url(page, request=None):
    """`page_url`, absolute: for canonical links and JSON-LD."""
    url = page_url(page, request)
    if url and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url
