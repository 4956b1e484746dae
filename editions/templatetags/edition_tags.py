"""What the templates ask about a page's language editions (editions.links)."""

from dataclasses import replace

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from editions.languages import language_of
from editions.links import PageEditions, editions_of
from editions.reader_links import ReaderLinks

register = template.Library()


@register.simple_tag(takes_context=True)
def page_editions(context, page):
    """The page's `PageEditions`; for a view that is not a saved Wagtail page, those it gives
    as `reader_editions` (a language's home), else none."""
    if not isinstance(page, Page) or page.pk is None:
        return context.get("reader_editions") or PageEditions(language_code="", editions=())
    request = context.get("request")
    editions = editions_of(page, request, context.get("reader_links"))
    return at_sub_route(editions, page, request)


def at_sub_route(editions, page, request):
    """On a sub-route of a routable page (the guide's table), each edition at that sub-route:
    every edition of the page has the same routes."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or not isinstance(page, RoutablePageMixin):
        return editions
    if getattr(match.func, "__self__", None) is not page:
        return editions
    suffix = page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    if not suffix:
        return editions
    return replace(
        editions,
        editions=tuple(replace(edition, url=edition.url + suffix) for edition in editions.editions),
    )


def reader_links_of(context):
    """The page's `ReaderLinks` (a guide page's context has them, resolved together), else
    links for the language of the page read, or the active one."""
    links = context.get("reader_links")
    if links is None:
        page = context.get("page")
        language = language_of(page) if isinstance(page, Page) else get_language()
        links = ReaderLinks(language or settings.LANGUAGE_CODE, context.get("request"))
    return links


@register.simple_tag(takes_context=True)
def reader_link(context, page):
    """The `ReaderLink` to `page` for this page's reader (editions.reader_links), or None."""
    return reader_links_of(context).link(page)
