"""The language of a page, read from the Site's root paths (Wagtail caches them): no query."""

from wagtail.models import Site


def language_of(page):
    """The language code of the edition `page` belongs to ("en", "es")."""
    for root in Site.get_site_root_paths():
        if page.url_path and page.url_path.startswith(root.root_path):
            return root.language_code
    return page.locale.language_code
