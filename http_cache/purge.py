"""Purges the HTTP cache in front (Varnish, a CDN: WAGTAILFRONTENDCACHE) of every page that
shows what changed, after the change commits.

Wagtail's frontend cache app purges a published or unpublished page itself; a page here shows
more than itself, so more is purged: the pages that list it (its ancestors: the guide, its
categories, the home page; its siblings' "More in this category"), the pages below it (their
breadcrumbs name it) and its editions in other languages (their language switch names it),
each with its `get_cached_paths()`. That happens on publish, unpublish, move and delete of a
page and on a change of its privacy; a snippet that pages show names its pages with
`purge_on_snippet_change`. A Spanish page's URLs are under `/es/`, as Wagtail builds them.
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished


def pages_to_purge(page):
    """The page, the pages that list it (ancestors, and the siblings whose "More in this
    category" names it), the pages below it and its editions in other languages, all live."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    related = Page.objects.live().filter(depth__gt=1)
    return [
        page,
        *related.ancestor_of(page).order_by("depth"),
        *related.sibling_of(page, inclusive=False).order_by("path"),
        *related.descendant_of(page).order_by("path"),
        *related.filter(translation_key=page.translation_key).exclude(pk=page.pk),
    ]


def purge_pages(page, url_path_before=None):
    """Purges `page` and the pages that show it (see the module). After a move,
    `url_path_before` names where the page was: that URL and the old listing pages are purged
    too."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(page))
    if url_path_before and url_path_before != page.url_path:
        # The page as it was: Wagtail builds its old URL the way it builds every URL.
        moved_from = copy.copy(page)
        moved_from.url_path = url_path_before
        batch.add_page(moved_from)
        prefixes = [url_path_before[: i + 1] for i, c in enumerate(url_path_before) if c == "/"]
        batch.add_pages(Page.objects.live().filter(depth__gt=1, url_path__in=prefixes))
    # Wagtail runs the purge as a task: a cache that fails is logged, the change stands.
    batch.purge()


def purge_after_commit(page, url_path_before=None):
    transaction.on_commit(lambda: purge_pages(page, url_path_before), robust=True)


def purge_on_snippet_change(model, pages_of):
    """When a `model` snippet is published, unpublished or deleted, purges each page
    `pages_of(snippet)` gives, with the pages that show it (see the module).

    The delete is handled before it happens: deleting a snippet may delete what `pages_of`
    reads (a person's credits).
    """

    def purge(sender, instance, **kwargs):
        for page in pages_of(instance):
            purge_after_commit(page)

    name = model._meta.label_lower
    for signal, event in ((published, "published"), (unpublished, "unpublished")):
        signal.connect(purge, sender=model, weak=False, dispatch_uid=f"{name}_purge_{event}")
    pre_delete.connect(purge, sender=model, weak=False, dispatch_uid=f"{name}_purge_deleted")


def on_page_changed(sender, instance, **kwargs):
    purge_after_commit(instance, kwargs.get("url_path_before"))


def on_page_deleted(sender, instance, **kwargs):
    purge_after_commit(instance)


def on_privacy_changed(sender, instance, **kwargs):
    # A page made private leaves the cache with its listings; made public, it is marked
    # public from its next render. Read by id: the page may be being deleted with it.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge_after_commit(page)


def connect_signals():
    page_published.connect(on_page_changed, dispatch_uid="http_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="http_cache_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="http_cache_moved")
    # A page's row is deleted under its base class too: one purge per page.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="http_cache_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"http_cache_privacy_{signal is post_save}",
        )
