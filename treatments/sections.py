"""What a guide page shows besides its own fields: the cautions that apply to it, the other
treatments of its category and who wrote the guide.

A caution is said on one page of the guide (the overview or a category), in that page's
"Important: read before use" section, with an id; every treatment below that page quotes it
with a link to that id. The text is a field of the page that says it, so it goes through the
medical review of that page and nowhere is it written into a template.

On a translated page the link to where a caution is said leads to that page in the reader's
language where it is offered, else to the English page, marked as English
(editions.reader_links); a caution whose text is English (said on an alias, which shows its
English source's text) is marked as English too.
"""

from dataclasses import dataclass

from django.conf import settings

from editions.languages import language_of
from editions.visibility import visible_to_visitors
from treatments.blocks import APPLIES_TO_EVERY_TREATMENT
from treatments.listing import TreatmentEntry
from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage

ANCHOR_PREFIX = "caution-"


@dataclass
class CautionEntry:
    """One caution as a page shows it: said here (with its id), or quoted with a link."""

    text: str
    anchor: str = ""
    url: str = ""
    source_title: str = ""
    # Set where not the reader's: the language of the text, and of the page the link leads to.
    lang: str = ""
    source_lang: str = ""

    @property
    def said_here(self):
        return not self.url

    @property
    def element_id(self):
        return ANCHOR_PREFIX + self.anchor if self.anchor and self.said_here else ""


def applies_to(value, treatment):
    """Whether the guide caution `value` applies to `treatment` (a page below the one that says
    it): to every treatment, or only to those of the kind it is scoped to."""
    scope = value.get("applies_to") or APPLIES_TO_EVERY_TREATMENT
    return scope == APPLIES_TO_EVERY_TREATMENT or scope == treatment.kind


def _text_language(page, links):
    """The language of `page`'s text where it is not the reader's, else "": an alias shows
    its English source's text."""
    if links is None:
        return ""
    language = settings.LANGUAGE_CODE if page.alias_of_id else language_of(page)
    return "" if language == links.language else language


def _entries_of(page, request, here, treatment=None, links=None):
    """The cautions of a guide or category page; those it says itself link to it unless `here`.
    With `treatment`, only those that apply to it."""
    entries = []
    lang = _text_language(page, links)
    for block in page.cautions:
        if block.block_type != "caution":
            continue
        value = block.value
        if treatment is not None and not applies_to(value, treatment):
            continue
        source = value["said_on"] or page
        if source is page and here:
            entries.append(CautionEntry(text=value["text"], anchor=value["anchor"], lang=lang))
            continue
        quoted = quoted_caution(value, source, request, links)
        if quoted is not None:
            quoted.lang = lang
            entries.append(quoted)
    return entries


def quoted_caution(value, source, request=None, links=None):
    """The caution `value` quoted with a link to where `source` says it, or None when that
    page is not routable (unpublished, another site). With `links` (editions.reader_links),
    the link leads to the page for the reader's language."""
    if source is None:
        return None
    if links is None:
        url, title, source_lang = source.get_url(request), source.title, ""
    else:
        link = links.link(source)
        if link is None:
            return None
        url, title = link.url, link.title
        source_lang = link.lang if link.is_fallback else ""
    if not url:
        return None
    return CautionEntry(
        text=value["text"],
        anchor=value["anchor"],
        url=f"{url}#{ANCHOR_PREFIX}{value['anchor']}",
        source_title=title,
        source_lang=source_lang,
    )


def caution_sources(page, ancestors):
    """The pages where the cautions `page` shows are said (see `cautions_for`)."""
    sayers = [page]
    if isinstance(page, TreatmentPage):
        sayers = [a for a in ancestors if isinstance(a, TreatmentGuidePage | TherapyCategoryPage)]
    return [
        block.value["said_on"] or sayer
        for sayer in sayers
        for block in sayer.cautions
        if block.block_type == "caution"
    ]


def cautions_for(page, ancestors, request=None, links=None):
    """The cautions a page shows: a treatment its own and those of the guide and categories
    above it that apply to it (top-down); the guide or a category those it says or quotes.
    With `links`, their sources are linked for the reader's language (one query for all).
    """
    if links is not None:
        links.add(caution_sources(page, ancestors))
    if not isinstance(page, TreatmentPage):
        return _entries_of(page, request, here=True, links=links)
    entries = [CautionEntry(text=page.cautions)] if page.cautions else []
    for ancestor in ancestors:
        if isinstance(ancestor, TreatmentGuidePage | TherapyCategoryPage):
            entries.extend(_entries_of(ancestor, request, here=False, treatment=page, links=links))
    return entries


def sibling_treatments(page, request=None):
    """The other live, public treatments of the page's category, in the editor's order.

    One query whatever the category's size. The reader has passed the restrictions of the
    page and its ancestors, which the siblings share, so only their own count (or, for an
    alias, those of its source page and the source's ancestors).
    """
    if page.pk is None or not page.path:  # a preview of a page not yet created
        return []
    rows = (
        TreatmentPage.objects.sibling_of(page, inclusive=False)
        .filter(visible_to_visitors(passed=page))
        .order_by("path")
        .only("pk", "path", "depth", "title", "url_path", "locale_id")
    )
    return [TreatmentEntry(row.pk, row.path, row.title, row.get_url(request)) for row in rows]


def guide_of(page, ancestors):
    """The guide index above (or being) the page, from the ancestors already read."""
    for candidate in [page, *ancestors]:
        if isinstance(candidate, TreatmentGuidePage):
            return candidate
    return None


def guide_credits(guide):
    """The people credited on the guide, in the editor's order: one query."""
    if guide is None or guide.pk is None:
        return []
    return list(guide.people.select_related("person"))
