"""Purges cached pages when what they show changes: on publish, unpublish, move and delete
of any page, on a change of its privacy, and on saving the snippets and settings that
pages display.

The local page cache (memory or Redis) is retired whole (see page_cache.store). A CDN, when
one is configured through WAGTAILFRONTENDCACHE, is purged by URL: the page itself, the pages
that list it (its ancestors: the guide, its categories, the home page) and the pages below
it (their breadcrumbs and headers name it).
"""

import copy
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from page_cache import store

logger = logging.getLogger(__name__)

# Models that are shown on pages without being pages: the guide's people and routes,
# the footer's disclaimer, sites, redirects and promoted search results.
DISPLAYED_MODELS = [
    "treatments.Person",
    "treatments.AdministrationRoute",
    "treatments.GuideSettings",
    "wagtailcore.Site",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.SearchPromotion",
]


def pages_to_purge(page):
    """The page, the pages that list it (ancestors) and the pages below it, all live."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    related = Page.objects.live().filter(depth__gt=1)
    return [
        page,
        *related.ancestor_of(page).order_by("depth"),
        *related.descendant_of(page).order_by("path"),
    ]


def purge_cdn(page, url_path_before=None):
    """Purges the frontend cache (Varnish, a CDN) of the page, the pages that list it and the
    pages below it, each with its `get_cached_paths()` (the guide's include its table). After
    a move, `url_path_before` names where the page was: that URL and the old listing pages
    are purged too."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(page))
    if url_path_before and url_path_before != page.url_path:
        # The page as it was: Wagtail builds its old URL the way it builds every URL.
        moved_from = copy.copy(page)
        moved_from.url_path = url_path_before
        batch.add_page(moved_from)
        prefixes = [url_path_before[: i + 1] for i, c in enumerate(url_path_before) if c == "/"]
        batch.add_pages(Page.objects.live().filter(depth__gt=1, url_path__in=prefixes))
    # Wagtail runs the purge as a task: a cache that fails is logged, the publish stands.
    batch.purge()


def on_page_changed(sender, instance, **kwargs):
    reason = f"page {instance.pk} changed"
    # Now, so nothing cached before the change is served again; and once more after the
    # transaction commits, so a page rendered from the old rows meanwhile is retired too.
    store.retire_all(reason)
    transaction.on_commit(lambda: store.retire_all(reason))
    url_path_before = kwargs.get("url_path_before")
    transaction.on_commit(lambda: purge_cdn(instance, url_path_before))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        store.retire_all(f"page {instance.pk} deleted")


def on_displayed_model_saved(sender, instance, **kwargs):
    reason = f"{sender._meta.label} {instance.pk} changed"
    store.retire_all(reason)
    transaction.on_commit(lambda: store.retire_all(reason))


def on_view_restriction_changed(sender, instance, **kwargs):
    """Making a page private (or public again) changes who may see it and the lists it is in."""
    on_page_changed(sender, instance.page, **kwargs)


def connect_signals():
    page_published.connect(on_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="page_cache_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="page_cache_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache_view_restriction_{signal}",
        )
    for label in DISPLAYED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for signal in (post_save, post_delete):
            signal.connect(
                on_displayed_model_saved, sender=model, dispatch_uid=f"page_cache_{label}_{signal}"
            )
