"""Which editions of a page a reader may be sent to: the page itself and its live translations.

A translation of a medically reviewed page is offered only when its live revision was
approved in a medical review (a translation is medical content); the English page a
translation was made from is offered whenever it is live. The language switch, the
`hreflang` alternates and the JSON-LD's `inLanguage` all read this, once per page and request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Value
from django.urls import reverse
from django.utils.translation import get_language_info, override
from wagtail.models import Page

from editions.languages import default_content_language, language_of
from editions.visibility import visible_to_visitors
from medical_review.models import MedicalReview, ReviewedPageMixin
from sps_foundation.once import once_per_request


@dataclass(frozen=True)
class Edition:
    """One language edition of a page, as plain values."""

    language_code: str
    language_name: str  # in its own language: "English", "Español"
    url: str  # absolute
    current: bool


@dataclass(frozen=True)
class PageEditions:
    """The language of a page and the editions a reader may switch to (itself included)."""

    language_code: str
    editions: tuple[Edition, ...]

    @property
    def others(self):
        return tuple(edition for edition in self.editions if not edition.current)

    @property
    def default(self):
        """The edition for readers of any other language (`x-default`): the English one."""
        return next((e for e in self.editions if e.language_code == settings.LANGUAGE_CODE), None)


def language_name(code):
    return get_language_info(code)["name_local"]


def _absolute(url, request):
    if url and request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def offered_translations(page):
    """The translations of `page` a visitor may see and be sent to: one query."""
    return [
        translation
        for translation in translations_of(page)
        if translation.visible
        and (translation.reviewed or translation.locale.language_code == settings.LANGUAGE_CODE)
    ]


def translations_of(page):
    """Every other translation of `page` in tree order, with its locale, whether a visitor may
    see it (`visible`) and, for a medically reviewed page type, whether its live text was
    reviewed (`reviewed`, else True): one query.

    A reviewed translation's English source is among them: the page is given it as its
    `translation_source` (is the translation out of date?), which costs no query of its own.
    """
    candidates = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    reviewed = isinstance(page, ReviewedPageMixin)
    candidates = candidates.annotate(
        visible=ExpressionWrapper(visible_to_visitors(), output_field=BooleanField()),
        reviewed=Exists(
            MedicalReview.objects.filter(page=OuterRef("pk"), revision=OuterRef("live_revision"))
        )
        if reviewed
        else Value(True),
    )
    translations = list(candidates.select_related("locale").order_by("path"))
    default = default_content_language()
    if reviewed and language_of(page) != default:
        source = next((t for t in translations if t.locale.language_code == default), None)
        page.__dict__.setdefault("translation_source", source)
    return translations


def editions_of(page, request=None, links=None):
    """The `PageEditions` of `page` (once per request: the head and header both ask). With
    `links` (editions.reader_links) that asked for the page's editions, read from their query.
    """
    return once_per_request(
        request, "editions_of", page.pk, lambda: _editions_of(page, request, links)
    )


def home_url_in(language):
    """The home address of `language`: "/" or "/es/" (as Wagtail builds page URLs)."""
    with override(language):
        return reverse("wagtail_serve", args=("",))


def home_editions(language, request=None):
    """The home page's editions: every content language has one at its home address (a page
    that `answers_in_every_language`), whether or not a translation of it exists."""
    return PageEditions(
        language_code=language,
        editions=tuple(
            Edition(
                language_code=code,
                language_name=language_name(code),
                url=_absolute(home_url_in(code), request),
                current=code == language,
            )
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ),
    )


def _editions_of(page, request, links):
    language = language_of(page)
    if getattr(page, "answers_in_every_language", False):
        return home_editions(language, request)
    editions = ()
    if links is not None and links.knows_editions_of(page):
        others = links.translations_of(page)
    else:
        others = offered_translations(page)
    if others:
        by_language = sorted(
            [(language, page), *((other.locale.language_code, other) for other in others)],
            key=lambda pair: pair[0],
        )
        editions = tuple(
            Edition(
                language_code=code,
                language_name=language_name(code),
                url=_absolute(edition.get_url(request), request),
                current=edition is page,
            )
            for code, edition in by_language
        )
    return PageEditions(language_code=language, editions=editions)
