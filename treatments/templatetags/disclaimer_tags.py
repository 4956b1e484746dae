"""The footer's disclaimer, in the reader's language."""

from django import template

from treatments.models import Disclaimer

register = template.Library()


@register.simple_tag
def reader_disclaimer():
    """The live disclaimer in the active language, else the English one, or None."""
    return Disclaimer.for_reader()
