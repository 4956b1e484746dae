"""The identity is in the header and footer of every page: when it goes live or comes down,
every live page is purged from the HTTP cache in front (with the pages below each home page).
"""

from wagtail.models import Page

from foundation.models import FoundationIdentity
from http_cache.purge import purge_on_snippet_change


def every_home_page(identity):
    """The sites' home pages in every language: purged with every page below them."""
    return Page.objects.live().filter(depth=2).order_by("path")


def connect():
    """Connects the receivers; called once the app registry is ready."""
    purge_on_snippet_change(FoundationIdentity, every_home_page)
