"""Template tags of the sections of guide pages (treatments.sections)."""

from django import template

from treatments import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def page_cautions(context, page):
    """The cautions `page` shows in its "Important: read before use" section."""
    return sections.cautions_for(page, context.get("ancestors") or (), context.get("request"))


@register.simple_tag(takes_context=True)
def sibling_treatments(context, page):
    """The other live, public treatments of the page's category."""
    return sections.sibling_treatments(page, context.get("request"))


@register.simple_tag(takes_context=True)
def guide_credits(context, page):
    """Who wrote the guide that `page` belongs to: contributors and advisors."""
    return sections.guide_credits(sections.guide_of(page, context.get("ancestors") or ()))
