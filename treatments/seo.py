"""What the site tells search engines: page titles and descriptions, and robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

DESCRIPTION_LENGTH = 160
SITE_DESCRIPTION = (
    "The SPS Treatment Guide: medications and other treatments for SPS by category, "
    "with their brand names and how each is given."
)


def page_title(page):
    """The page's own title: its SEO title if an editor gave one, else its title."""
    return (getattr(page, "seo_title", "") or page.title).strip()


def document_title(title, site_name=None):
    """The `<title>`: the page's title, then the site's name, the name never twice (the home
    page's title is the site's name)."""
    site_name = site_name or settings.WAGTAIL_SITE_NAME
    title = " ".join((title or "").split())
    if not title or title.casefold() == site_name.casefold():
        return site_name
    if title.casefold().endswith(f"| {site_name}".casefold()):
        return title
    return f"{title} | {site_name}"


def _plain(text):
    return " ".join(strip_tags(text or "").split())


def page_description(page):
    """The page's search description, else its intro, else a summary of its own fields."""
    text = _plain(getattr(page, "search_description", ""))
    if not text:
        text = _plain(getattr(page, "intro", ""))
    if not text and hasattr(page, "generic_name"):
        text = treatment_summary(page)
    if not text:
        text = _plain(getattr(page, "subtitle", "")) or SITE_DESCRIPTION
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def treatment_summary(page):
    """Names, then the first thing the page says about the treatment, in the seed's words."""
    brands = page.brand_name_list
    name = f"{page.title} ({', '.join(brands)})" if brands else page.title
    detail = page.targets or page.administration or page.regimen
    if not detail:
        detail = next(
            (_plain(str(block.value)) for block in page.body if block.block_type == "text"), ""
        )
    if detail:
        return f"{name}: {_plain(detail)}"
    kind = page.get_kind_display()
    if page.drug_class:
        kind = f"{kind} ({page.drug_class})"
    return f"{name}: {kind} in the {settings.WAGTAIL_SITE_NAME}."


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
