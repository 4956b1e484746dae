"""Where a link leads a reader: to the page in the reader's language where that page is live,
shows its own text and (for a medically reviewed page type) its live text was reviewed; else
to the English page, which the link then marks as English (`lang`, `hreflang` and "(in
English)"). Breadcrumbs, the header and the cautions' sources all ask here, so no link on a
Spanish page leads to the "not available in Spanish" note or to an unreviewed translation.

A page collects the pages it links to first and resolves them together: one query however
many links, none when an English page links to English pages.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, get_page_models

from editions.languages import language_of
from editions.visibility import shows_own_text, visible_to_visitors
from medical_review.models import MedicalReview, ReviewedPageMixin


@dataclass(frozen=True)
class ReaderLink:
    """A link as the reader sees it: the page it leads to, its address and language, and
    whether that is another language than the reader's (the link says so)."""

    page: Page
    url: str
    lang: str
    is_fallback: bool

    @property
    def title(self):
        return self.page.title


def _reviewed_page_types():
    models = [model for model in get_page_models() if issubclass(model, ReviewedPageMixin)]
    return list(ContentType.objects.get_for_models(*models).values())


def offered_to_readers():
    """A filter for the pages a link may lead to: visible, not an alias, and an English page
    or a translation whose live text was reviewed (where its type is medically reviewed; a
    page under the editorial review is live only once approved)."""
    reviewed = Exists(
        MedicalReview.objects.filter(page=OuterRef("pk"), revision=OuterRef("live_revision"))
    )
    return (
        visible_to_visitors()
        & shows_own_text()
        & (
            Q(locale__language_code=settings.LANGUAGE_CODE)
            | ~Q(content_type__in=_reviewed_page_types())
            | Q(reviewed)
        )
    )


class ReaderLinks:
    """Links for a reader of `language` to the pages `add`ed, resolved together on the first
    `link()`; a page added later costs a query of its own.

    With `page` (the page read), the same query finds its offered editions in every language
    (`translations_of`), which the language switch and the `hreflang` alternates name."""

    def __init__(self, language, request=None, pages=(), page=None):
        self.language = language
        self.request = request
        self._wanted = set()
        self._asked = set()
        self._found = {}
        if page is not None and page.pk is not None:
            self._wanted.add(page.translation_key)
        self.add(pages)

    def knows_editions_of(self, page):
        return page.translation_key in self._wanted | self._asked

    def translations_of(self, page):
        """The other offered editions of `page` (asked for with `page`), by language code."""
        self._resolve()
        return [
            found
            for (key, _language), found in sorted(self._found.items())
            if key == page.translation_key and found.pk != page.pk
        ]

    def add(self, pages):
        for page in pages:
            if page is None or self._is_direct(page) or page.translation_key in self._asked:
                continue
            self._wanted.add(page.translation_key)
        return self

    def link(self, page):
        """The `ReaderLink` for `page` (any edition of it), or None when no edition of it is
        offered to readers."""
        if page is None:
            return None
        if self._is_direct(page):
            return link_as_it_is(page, self.language, self.request)
        self.add([page])
        self._resolve()
        key = page.translation_key
        found = self._found.get((key, self.language)) or self._found.get(
            (key, settings.LANGUAGE_CODE)
        )
        if found is None:
            return None
        return link_as_it_is(found, self.language, self.request)

    def _is_direct(self, page):
        """An English page for an English reader: offered whenever it is live (the callers
        pass live pages), and linked without a query."""
        return (
            self.language == settings.LANGUAGE_CODE
            and page.alias_of_id is None
            and language_of(page) == settings.LANGUAGE_CODE
        )

    def _resolve(self):
        if not self._wanted:
            return
        keys, self._wanted = list(self._wanted), set()
        self._asked.update(keys)
        for row in Page.objects.filter(
            offered_to_readers(), translation_key__in=keys
        ).select_related("locale"):
            # As its own class (a guide's routes), with the locale read: its URL needs it.
            page = row.specific_deferred
            page.locale = row.locale
            self._found[(row.translation_key, row.locale.language_code)] = page


def link_as_it_is(page, reader_language, request=None):
    """The `ReaderLink` to `page` itself, for a page known to be offered (an English page
    read from the live pages); None when it has no address."""
    url = page.get_url(request)
    if not url:
        return None
    lang = language_of(page)
    return ReaderLink(page=page, url=url, lang=lang, is_fallback=lang != reader_language)
