"""`{% glossary_links %}…{% endglossary_links %}`: the first use of each live glossary term in
the enclosed HTML links to its entry on the glossary page."""

from django import template
from django.utils.safestring import mark_safe

from glossary.linking import TermLink, link_terms
from glossary.models import GlossaryPage, GlossaryTerm
from glossary.navigation import glossary_link, live_glossaries
from treatments.templatetags.guide_tags import reader_language

register = template.Library()


def read_term_links(request, locale_id):
    """The live terms of a language as links to their entries (one query beyond the live
    glossaries the navigation reads), or []."""
    glossary = next(
        (page for page in live_glossaries(request) if page.locale_id == locale_id), None
    )
    if glossary is None:
        return []
    url = glossary.get_url(request)
    if not url:
        return []
    terms = GlossaryTerm.objects.filter(live=True, locale_id=locale_id).only(
        "term", "other_forms", "expansion", "slug"
    )
    return [TermLink(tuple(term.forms), f"{url}#{term.slug}", term.expansion) for term in terms]


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
        return mark_safe(link_terms(html, read_term_links(request, page.locale_id)))  # noqa: S308


@register.tag
def glossary_links(parser, token):
    """Links the first use of each live glossary term in the enclosed HTML to its entry."""
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist)


@register.simple_tag(takes_context=True)
def glossary_for_reader(context):
    """The glossary the navigation links to for this page's reader (a `GlossaryLink`), or None."""
    return glossary_link(context.get("request"), reader_language(context), context.get("page"))
