"""The language of a page or snippet: which edition ("en", "es") it belongs to.

The language switch, the review task (who may review it), the audit, the e-mails and the
structured data all read it here. It imports no other app of the site, so the medical review
may use it too.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site


def default_content_language():
    """The language code of the default locale (`LANGUAGE_CODE` among the content languages)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def language_of(obj):
    """The language code of `obj`'s locale; the default language for an untranslatable object.

    Read without a query where it can be: from the locale when it is loaded, else, for a page,
    from the Site's root paths (Wagtail caches them; each edition's tree has its own root).
    """
    if getattr(obj, "locale_id", None) is None:
        return default_content_language()
    locale_loaded = obj._meta.get_field("locale").is_cached(obj)
    if not locale_loaded and getattr(obj, "url_path", None):
        for root in Site.get_site_root_paths():
            if obj.url_path.startswith(root.root_path):
                return root.language_code
    return obj.locale.language_code
