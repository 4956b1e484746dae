"""What the templates ask about a page's language editions (editions.links)."""

from django import template
from wagtail.models import Page

from editions.links import PageEditions, editions_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_editions(context, page):
    """The page's `PageEditions`; none for anything that is not a saved Wagtail page."""
    if not isinstance(page, Page) or page.pk is None:
        return PageEditions(language_code="", editions=())
    return editions_of(page, context.get("request"))
