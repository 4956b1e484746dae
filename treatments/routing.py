"""Routing from the site root in one lookup, shared between requests: a treatment four
levels down is found without a query once found before, instead of two queries per URL
segment.
"""

from wagtail.models import Page

from page_cache.shared import remember


class DirectRoutingMixin:
    """For the site's root page: finds the page a URL names by its url_path.

    The live page at a path, as its specific class and with what every render of it reads
    already read (`prepare_for_serving` on the guide's pages), is shared between requests
    until the next publish (page_cache.shared). A routable page's sub-URL (the guide's
    at-a-glance/) is routed from the page one level up. Anything else (a page that is not
    live, a 404) falls back to Wagtail's walk down the tree, so behaviour is unchanged.
    """

    def route(self, request, path_components):
        if path_components:
            page = self._live_page_at(self._url_path_of(path_components))
            if page is not None:
                return page.route(request, [])
            if len(path_components) > 1:
                parent = self._live_page_at(self._url_path_of(path_components[:-1]))
                if parent is not None:
                    return parent.route(request, path_components[-1:])
        return super().route(request, path_components)

    def _url_path_of(self, path_components):
        return self.url_path + "/".join(path_components) + "/"

    @staticmethod
    def _live_page_at(url_path):
        def find():
            page = Page.objects.filter(url_path=url_path, live=True).specific().first()
            if hasattr(page, "prepare_for_serving"):
                page.prepare_for_serving()
            return page

        return remember(f"page:{url_path}", find)


def page_url(page, request):
    """`page.get_url(request)`, worked out once per request for each page: a render names
    the guide's URL three times (header, breadcrumbs, the at-a-glance link).
    """
    if request is None:
        return page.get_url()
    urls = request.__dict__.setdefault("_sps_page_urls", {})
    if page.pk not in urls:
        urls[page.pk] = page.get_url(request)
    return urls[page.pk]
