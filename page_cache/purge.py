"""Retires cached pages when what they show changes, after the change commits: on publish,
unpublish, move and delete of any page, on a change of its privacy, and on saving or deleting
any other content (snippets, settings, images, documents, sites, redirects, promotions and
every model of the site's own apps). Only bookkeeping that changes without changing what a
reader sees is left out (BOOKKEEPING): draft revisions, logs, workflow states, sessions,
logins, search statistics, renditions.

The page cache (memory, the database or Redis) is retired whole (see page_cache.store), once
at once and once more after the transaction commits: a page rendered from the old rows in
between is retired too. A CDN, when one is configured through WAGTAILFRONTENDCACHE, is purged
by URL after the commit: the page itself, the pages that list it (its ancestors: the guide,
its categories, the home page), the pages below it (their breadcrumbs name it) and its
editions in other languages; a Spanish page's URLs are under `/es/`, as Wagtail builds them.
"""

import copy
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import DraftStateMixin, Page, Revision, TaskState, WorkflowState
from wagtail.models.audit_log import BaseLogEntry
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from page_cache import store

logger = logging.getLogger(__name__)

# Apps whose rows never change a public page: accounts, sessions, logins and lockouts, the
# admin's own state, the search index (rebuilt from the content that retires the cache), the
# reading grades that only editors see.
BOOKKEEPING_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "migrations",
    "plain_language",
    "sessions",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
}
# Models of content apps that are bookkeeping too. Renditions and embeds are created while
# pages render; search queries are counted while visitors search.
BOOKKEEPING = {
    "medical_review.ReviewReminder",
    "wagtailcore.APIToken",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.UploadedFile",
    "wagtailembeds.Embed",
    "wagtailimages.Rendition",
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.QueryDailyHits",
}
BOOKKEEPING_BASES = (Revision, BaseLogEntry, WorkflowState, TaskState)
# What saving a draft, locking or commenting writes on a page or snippet row.
DRAFT_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}


def pages_to_purge(page):
    """The page, the pages that list it (ancestors, and the siblings whose "More in this
    category" names it), the pages below it and its editions in other languages (their
    language switch and alternates name it), all live."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    related = Page.objects.live().filter(depth__gt=1)
    return [
        page,
        *related.ancestor_of(page).order_by("depth"),
        *related.sibling_of(page, inclusive=False).order_by("path"),
        *related.descendant_of(page).order_by("path"),
        *related.filter(translation_key=page.translation_key).exclude(pk=page.pk),
    ]


def purge_cdn(page, url_path_before=None):
    """Purges the frontend cache (Varnish, a CDN) of the page, the pages that list it and the
    pages below it, each with its `get_cached_paths()` (the guide's include its table). After
    a move, `url_path_before` names where the page was: that URL and the old listing pages
    are purged too."""
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
    # Wagtail runs the purge as a task: a cache that fails is logged, the publish stands.
    batch.purge()


def is_content(model):
    """True when saving or deleting a `model` row can change what a public page shows."""
    meta = model._meta
    return not (
        meta.app_label in BOOKKEEPING_APPS
        or meta.label in BOOKKEEPING
        or issubclass(model, BOOKKEEPING_BASES)
    )


def _retire_after_commit():
    store.retire_all("content changed (committed)")


def retire(reason, page=None, url_path_before=None):
    """Retires the page cache now and after the transaction commits; purges the CDN for
    `page` (and, for a move, its old URL) after the commit."""
    store.retire_all(reason)
    if connection.in_atomic_block:
        pending = [func for _, func, _ in connection.run_on_commit]
        if _retire_after_commit not in pending:
            transaction.on_commit(_retire_after_commit, robust=True)
    if page is not None:
        transaction.on_commit(lambda: purge_cdn(page, url_path_before), robust=True)


def retire_on_snippet_change(model, pages_of):
    """When a `model` snippet is published, unpublished or deleted, retires the page cache and
    purges the frontend cache for each page `pages_of(snippet)` gives, with the pages that list
    it and every page below it (no page: the page cache alone).

    The delete is handled before it happens: deleting a snippet may delete what `pages_of`
    reads (a person's credits).
    """

    def purge(sender, instance, **kwargs):
        reason = f"{model._meta.verbose_name} {instance.pk} changed"
        for page in list(pages_of(instance)) or [None]:
            retire(reason, page=page)

    name = model._meta.label_lower
    for signal, event in ((published, "published"), (unpublished, "unpublished")):
        signal.connect(purge, sender=model, weak=False, dispatch_uid=f"{name}_purge_{event}")
    pre_delete.connect(purge, sender=model, weak=False, dispatch_uid=f"{name}_purge_deleted")


def on_page_changed(sender, instance, **kwargs):
    retire(
        f"page {instance.pk} changed",
        page=instance,
        url_path_before=kwargs.get("url_path_before"),
    )


def on_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if not is_content(sender):
        return
    if isinstance(instance, DraftStateMixin):
        if update_fields and set(update_fields) <= DRAFT_FIELDS:
            return  # a draft saved, a lock taken: readers see nothing new
        if created and not instance.live:
            return  # a new draft
    if isinstance(instance, Page) and not instance.live and not update_fields:
        return  # a draft page saved (its unpublish has its own signal)
    retire(f"{sender._meta.label} {instance.pk} saved")


def on_deleted(sender, instance, **kwargs):
    if not is_content(sender):
        return
    # A page's row is deleted under its base class too: purge the CDN for that one.
    page = instance if type(instance) is Page else None
    retire(f"{sender._meta.label} {instance.pk} deleted", page=page)


def connect_signals():
    page_published.connect(on_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="page_cache_moved")
    post_save.connect(on_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(on_deleted, dispatch_uid="page_cache_deleted")
