"""What the site tells search engines: page titles and descriptions, and robots.txt."""

import html
import re

from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.views.decorators.http import require_safe

DESCRIPTION_LENGTH = 160
SITE_DESCRIPTION = gettext_lazy(
    "The SPS Treatment Guide: medications and other treatments for SPS by category, "
    "with their brand names and how each is given."
)


# Block-level tags: their text is a block of its own, so stripping tags must leave a space.
_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|blockquote|br|hr|tr|td|th)\b[^>]*>", re.I)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.I | re.S)
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def site_name():
    """The site's name in the reader's language: the header's brand, the `<title>`, Open Graph
    and structured data all say it so (`WAGTAIL_SITE_NAME` names the admin)."""
    return pgettext("site name", "SPS Treatment Guide")


def page_title(page):
    """The page's own title: its SEO title if an editor gave one, else its title."""
    return (getattr(page, "seo_title", "") or page.title).strip()


def document_title(title):
    """The `<title>`: the page's title, then the site's name, the name never twice (the home
    page's title is the site's name)."""
    name = site_name()
    title = " ".join((title or "").split())
    if not title or title.casefold() == name.casefold():
        return name
    if title.casefold().endswith(f"| {name}".casefold()):
        return title
    return f"{title} | {name}"


def _plain(text):
    """Text without its tags, one space between words and between blocks."""
    return " ".join(html.unescape(strip_tags(_BLOCK_TAG.sub(" ", text or ""))).split())


def _plain_blocks(rich_text):
    """Rich text as one line; a heading ends with a full stop, so it reads as its own phrase."""

    def heading(match):
        words = _plain(match.group(1))
        if words and not words.endswith(_SENTENCE_END):
            words += "."
        return f"<p>{html.escape(words)}</p>"

    return _plain(_HEADING.sub(heading, rich_text or ""))


def truncate(text, length=DESCRIPTION_LENGTH):
    """`text` cut at a word boundary to at most `length` characters, an ellipsis marking a cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def own_description(page):
    """The page's search description, else its intro or summary (news, events), else a
    treatment's own fields, else the start of a rich-text body (Privacy), or ''."""
    text = _plain(getattr(page, "search_description", ""))
    if not text:
        text = _plain_blocks(getattr(page, "intro", ""))
    if not text:
        text = _plain(getattr(page, "summary", ""))
    if not text and hasattr(page, "generic_name"):
        text = treatment_summary(page)
    body = getattr(page, "body", "")
    if not text and isinstance(body, str):  # a StreamField body is summarised elsewhere
        text = _plain_blocks(body)
    return text


def page_description(page, guide=None, contents=None):
    """What a page is about in at most 160 characters, from its own fields or what it lists.

    In order: the search description, the intro, a treatment's own fields; then, for a page
    with no words of its own, those of the `guide` it leads to (the home page) or the names of
    what it lists (`contents`, the category tree of treatments.listing, for a category);
    then the subtitle, and only then the site's description.
    """
    text = own_description(page)
    if not text and guide is not None:
        text = own_description(guide)
    if not text and contents is not None:
        text = contents_summary(page, contents)
    if not text:
        text = _plain(getattr(page, "subtitle", "")) or str(SITE_DESCRIPTION)
    return truncate(text)


def contents_summary(page, node):
    """“TITLE: the categories and treatments it lists”, from a category tree node."""
    names = []
    for entry in node.entries:
        if entry.category is not None:
            names.append(entry.category.page.title)
        for item in entry.treatments:
            brands = f" ({', '.join(item.brand_names)})" if item.brand_names else ""
            names.append(item.title + brands)
    if not names:
        return ""
    return f"{page.title}: {', '.join(names)}."


def treatment_summary(page):
    """Names, then the first thing the page says about the treatment, in the seed's words."""
    brands = page.brand_name_list
    name = f"{page.title} ({', '.join(brands)})" if brands else page.title
    detail = page.targets or page.administration or page.regimen
    if not detail:
        detail = next(
            (_plain_blocks(str(block.value)) for block in page.body if block.block_type == "text"),
            "",
        )
    if detail:
        return f"{name}: {_plain(detail)}"
    kind = page.get_kind_display()
    if page.drug_class:
        kind = f"{kind} ({page.drug_class})"
    return gettext("%(name)s: %(kind)s in the %(site)s.") % {
        "name": name,
        "kind": kind,
        "site": site_name(),
    }


@require_safe
def robots_txt(request):
    """Crawl the guide, not the admin.

    Search result pages are not disallowed here but carry `noindex`: a crawler must be
    allowed to fetch a page to see that it should not index it.
    """
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
