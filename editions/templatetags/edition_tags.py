"""What the templates ask about a page's language editions (editions.links)."""

from dataclasses import replace

from django import template
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from editions.links import PageEditions, editions_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_editions(context, page):
    """The page's `PageEditions`; none for anything that is not a saved Wagtail page."""
    if not isinstance(page, Page) or page.pk is None:
        return PageEditions(language_code="", editions=())
    request = context.get("request")
    return at_sub_route(editions_of(page, request), page, request)


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
