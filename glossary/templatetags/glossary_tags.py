"""`{% glossary_links %}…{% endglossary_links %}`: the first use of each live glossary term in
the enclosed HTML links to its entry on the glossary page."""

import logging

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.models import Site

from glossary.linking import TermLink, link_terms
from glossary.models import GlossaryPage, GlossaryTerm
from page_cache import store

logger = logging.getLogger(__name__)
register = template.Library()


def read_term_links(request, locale_id):
    """The live terms of a language as links to their entries (two queries), or []."""
    glossary = GlossaryPage.objects.live().filter(locale_id=locale_id).first()
    if glossary is None:
        return []
    url = glossary.get_url(request)
    if not url:
        return []
    terms = GlossaryTerm.objects.filter(live=True, locale_id=locale_id).only(
        "term", "other_forms", "expansion", "slug"
    )
    return [TermLink(tuple(term.forms), f"{url}#{term.slug}", term.expansion) for term in terms]


def term_links(request, page):
    """The links for `page`'s language, read once per generation of the page cache.

    What is kept is plain text (each term's forms, address and expansion), keyed by the page
    cache's generation, which any publish, unpublish or move retires (page_cache.purge): a
    render never links a term that is no longer live, nor misses one that just went live.
    """
    if getattr(request, "is_preview", False):
        return read_term_links(request, page.locale_id)
    generation = store.current_generation(request)
    site = Site.find_for_request(request)
    key = f"glossary:links:{generation}:{site.pk if site else 0}:{page.locale_id}"
    if generation is not None:
        try:
            kept = cache.get(key)
        except Exception:
            logger.warning("Glossary links unreadable from the cache", exc_info=True)
            kept = None
        if kept is not None:
            return [TermLink(tuple(forms), href, expansion) for forms, href, expansion in kept]
    links = read_term_links(request, page.locale_id)
    if generation is not None:
        kept = [(list(link.forms), link.href, link.expansion) for link in links]
        try:
            cache.set(key, kept, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Glossary links not kept in the cache", exc_info=True)
    return links


class GlossaryLinksNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        request, page = context.get("request"), context.get("page")
        if request is None or page is None or isinstance(page, GlossaryPage):
            return html
        # The enclosed HTML was rendered (and escaped) by the template; link_terms adds only
        # escaped attributes and the text it found there.
        return mark_safe(link_terms(html, term_links(request, page)))  # noqa: S308


@register.tag
def glossary_links(parser, token):
    """Links the first use of each live glossary term in the enclosed HTML to its entry."""
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist)
