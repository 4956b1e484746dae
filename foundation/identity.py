"""The foundation's identity as a reader sees it: the live identity of the reader's language,
else the English one (marked as English), with its menus' pages resolved.

Two queries per request, made only when a template shows the identity (see
`context_processors`): the identity with its logo, and the pages its menus link. A page link
shows the page's edition in the reader's language where one is live, else the page itself;
a page that is not live, or is private, is left out.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import get_language
from wagtail.models import Page

from editions.visibility import answered_with_the_note, visible_to_visitors
from foundation.models import FoundationIdentity
from sps_foundation.once import once_per_request


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    language: str


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class ReaderIdentity:
    """What the header, the footer and the `Organization` JSON-LD say; `language` is the
    language its words are in."""

    language: str
    name: str
    logo: Logo | None
    charity_number: str
    postal_address: str
    contact_email: str
    funding_statement: str
    social_links: list[Link] = field(default_factory=list)
    main_menu: list[Link] = field(default_factory=list)
    footer_links: list[Link] = field(default_factory=list)


def reader_language():
    return get_language() or settings.LANGUAGE_CODE


def identity_for_reader(request=None, language=None):
    """The identity a reader of `language` (the active one) sees, or None if none is live;
    worked out once per request."""
    language = language or reader_language()
    return once_per_request(
        request, "foundation_identity", language, lambda: _identity_for(request, language)
    )


def live_identity(language):
    """The live identity in `language`, else in the default language, else None: one query."""
    languages = list(dict.fromkeys([language, settings.LANGUAGE_CODE]))
    found = {}
    rows = (
        FoundationIdentity.objects.filter(live=True, locale__language_code__in=languages)
        .select_related("logo", "locale")
        .order_by("pk")
    )
    for identity in rows:
        found.setdefault(identity.locale.language_code, identity)
    return next((found[code] for code in languages if code in found), None)


def _identity_for(request, language):
    identity = live_identity(language)
    if identity is None:
        return None
    own = identity.locale.language_code
    menus = {name: _raw_links(getattr(identity, name)) for name in ("main_menu", "footer_links")}
    page_ids = {link["page"] for links in menus.values() for kind, link in links if kind == "page"}
    pages = _visible_pages(page_ids, language)
    logo = identity.logo
    return ReaderIdentity(
        language=own,
        name=identity.name,
        logo=Logo(logo.file.url, logo.width, logo.height, identity.logo_alt_text) if logo else None,
        charity_number=identity.charity_number,
        postal_address=identity.postal_address,
        contact_email=identity.contact_email,
        funding_statement=identity.funding_statement,
        social_links=[
            Link(item["value"]["label"], item["value"]["url"], own)
            for item in identity.social_links.raw_data
            if item["type"] == "link"
        ],
        main_menu=_links(menus["main_menu"], pages, own, request),
        footer_links=_links(menus["footer_links"], pages, own, request),
    )


def _raw_links(stream):
    # The stored values: the pages are read in one query for both menus, not block by block.
    return [(item["type"], item["value"]) for item in stream.raw_data]


def _visible_pages(page_ids, language):
    """{linked page id: the page to show}: its edition in `language` where a reader may see
    it, else the linked page itself where a reader may see it."""
    if not page_ids:
        return {}
    shown = visible_to_visitors() & ~answered_with_the_note()
    rows = (
        Page.objects.filter(
            Q(pk__in=page_ids)
            | Q(
                translation_key__in=Page.objects.filter(pk__in=page_ids).values("translation_key"),
                locale__language_code=language,
            )
        )
        .annotate(shown=ExpressionWrapper(shown, output_field=BooleanField()))
        .select_related("locale")
    )
    key_of, in_language, linked = {}, {}, {}
    for page in rows:
        if page.pk in page_ids:
            key_of[page.pk] = page.translation_key
            if page.shown:
                linked[page.pk] = page
        if page.shown and page.locale.language_code == language:
            in_language[page.translation_key] = page
    chosen = {pk: in_language.get(key, linked.get(pk)) for pk, key in key_of.items()}
    return {pk: page for pk, page in chosen.items() if page is not None}


def _links(raw_links, pages, language, request):
    """The menu's entries a reader may follow, in order."""
    links = []
    for kind, value in raw_links:
        if kind == "external":
            links.append(Link(value["label"], value["url"], language))
            continue
        page = pages.get(value.get("page"))
        if page is None:
            continue
        url = page.get_url(request)
        if not url:
            continue
        label = (value.get("label") or "").strip()
        links.append(
            Link(label, url, language)
            if label
            else Link(page.title, url, page.locale.language_code)
        )
    return links
