from django import template

from feedback.rendering import form_context

register = template.Library()


@register.inclusion_tag("feedback/components/feedback_form.html")
def feedback_form(page):
    """The "Was this page helpful?" and "Report a mistake" forms for `page`."""
    return form_context(page)
