"""Formats what the context processor read (`foundation`, the reader's identity): no queries."""

from django import template
from django.utils.safestring import mark_safe

from foundation.structured_data import organization
from treatments.structured_data import to_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_structured_data(context, home):
    """The foundation's `Organization` JSON-LD in a `<script>`, if its identity is live."""
    data = organization(context.get("foundation"), home, context.get("request"))
    if data is None:
        return ""
    return mark_safe(  # noqa: S308 - to_json_ld escapes <, > and & inside the JSON
        f'<script type="application/ld+json">{to_json_ld(data)}</script>'
    )
