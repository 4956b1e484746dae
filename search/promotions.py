"""Promoted search results recommend a page, never free text.

Readers see a promoted page by its own title and search description, which went through the
page's review (`search.results`). Wagtail's promotion form offers a description and an
external link with its own text, which would go live at once with no review: here they are
hidden and ignored (a disabled field keeps its initial value whatever is posted).
"""

from django import forms

FREE_TEXT_FIELDS = ("description", "external_link_url", "external_link_text")


def recommend_pages_only():
    """Hides and ignores the free-text fields of Wagtail's promotion form."""
    from wagtail.contrib.search_promotions.forms import SearchPromotionsFormSet

    # The admin's views build their forms from the formset's own form class.
    fields = SearchPromotionsFormSet.form.base_fields
    for name in FREE_TEXT_FIELDS:
        field = fields[name]
        field.disabled = True
        field.required = False
        field.widget = forms.HiddenInput()
        field.label = ""
        field.help_text = ""
    page = fields["page"]
    page.help_text = (
        "Readers see the page's own title and search description, as its review approved them."
    )
