"""The one gate every change to reviewed content passes: the model's own save.

A live reviewed object's row changes its content only when a revision that a review
approved goes live (or when the loader first publishes the seed). Any other write to the
live content, through whatever path (an admin view, a translation tool, a bulk action, a
scheduled command, the shell), is held back: the text is kept as a draft revision to
submit, the live row keeps the approved text, and the person is told why.

A row written past `save()` (`QuerySet.update`, SQL) is found by the audit
(`medical_review.invariant.audit`, `manage.py audit_reviews`).
"""

import contextlib
import contextvars
import logging

from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.log_actions import log

from medical_review import invariant

logger = logging.getLogger(__name__)

HELD_BACK = (
    "“{title}” was not published: only an approved review publishes it. Your changes are "
    "kept as a draft; submit it for review."
)
TAKEN_OFFLINE = "“{title}” was kept as a draft: it goes live only once a review approves it."
REFUSED = "“{title}” was not published: only an approved review publishes it."

_seed = contextvars.ContextVar("medical_review_seed", default=False)
_held = contextvars.ContextVar("medical_review_held", default=None)


@contextlib.contextmanager
def seed_publication():
    """The loader's first publication of the seed text: the promise's one exception."""
    token = _seed.set(True)
    try:
        yield
    finally:
        _seed.reset(token)


@contextlib.contextmanager
def collecting_messages():
    """Collects what the gate held back while the block runs (see `middleware`)."""
    token = _held.set([])
    try:
        yield _held.get()
    finally:
        _held.reset(token)


def _tell(message, obj):
    logger.warning("Review gate: %s (%s %s)", message, type(obj).__name__, obj.pk)
    held = _held.get()
    if held is not None:
        held.append(message)


def _written(obj, update_fields):
    """The names of the fields a save writes (None: all), attnames read as names."""
    if update_fields is None:
        return None
    names = {field.attname: field.name for field in obj._meta.concrete_fields}
    return {names.get(name, name) for name in update_fields}


def _writes(field, update_fields):
    return update_fields is None or field in update_fields


class ReviewRequired(PermissionDenied):
    """A revision was about to go live without an approved review."""


class ReviewGateMixin(models.Model):
    """Carried by every page type and snippet that readers see only once reviewed."""

    review_gate = True
    # Which review approves it: "medical" (an advisor) or "editorial" (a second moderator).
    review_kind = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if kwargs.get("raw"):
            return super().save(*args, **kwargs)
        if _seed.get():
            seed_revision = _seed_publication_of(self, _written(self, update_fields))
            result = super().save(*args, **kwargs)
            if seed_revision is not None:
                log(instance=self, action=invariant.SEED_LOG_ACTION, revision=seed_revision)
            return result
        extra = hold_unreviewed_changes(self, _written(self, update_fields))
        if extra and update_fields is not None:
            kwargs["update_fields"] = list(dict.fromkeys([*update_fields, *extra]))
        return super().save(*args, **kwargs)


def _seed_publication_of(obj, update_fields):
    """The revision the loader is publishing as the seed in this save, or None."""
    if not obj.pk or not obj.live or not _writes("live_revision", update_fields):
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).values("live_revision_id").first()
    if stored is None or stored["live_revision_id"] == obj.live_revision_id:
        return None
    return obj.live_revision


def hold_unreviewed_changes(obj, update_fields):
    """Keeps `obj`'s live row as approved, whatever is about to be written.

    Returns the fields the gate changed on `obj` that must be written too.
    """
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    if stored is None:
        return _hold_new(obj)
    live_after = obj.live if _writes("live", update_fields) else stored.live
    if not live_after:
        return ()
    alias = getattr(obj, "alias_of_id", None)
    converted = getattr(stored, "alias_of_id", None) is not None and alias is None
    if alias is not None:
        return ()  # an alias shows its source's reviewed content
    if converted or not stored.live:
        # Going live with content of its own: only an approved revision may.
        if _writes("live_revision", update_fields) and _approved_publication(obj, update_fields):
            return ()
        return _take_offline(obj)
    new_revision = (
        obj.live_revision_id if _writes("live_revision", update_fields) else stored.live_revision_id
    )
    if new_revision != stored.live_revision_id:
        if _approved_publication(obj, update_fields):
            return ()
        _tell(REFUSED.format(title=obj), obj)
        raise ReviewRequired(REFUSED.format(title=obj))
    only = _content_keys(update_fields)
    if only == set():
        return ()
    if invariant.row_content(obj, only) != invariant.row_content(stored, only):
        _keep_as_draft(obj, stored, update_fields)
    return ()


def _content_keys(update_fields):
    if update_fields is None:
        return None
    return {name for name in update_fields if name not in invariant.STATE_FIELDS}


def _approved_publication(obj, update_fields):
    revision = obj.live_revision
    if revision is None or invariant.approval_refusal(revision) is not None:
        return False
    return not invariant.differing_keys(obj, revision, _content_keys(update_fields))


def _hold_new(obj):
    if not obj.live or getattr(obj, "alias_of_id", None) is not None:
        return ()
    return _take_offline(obj)


def _take_offline(obj):
    """A row with no approved text of its own to show becomes a draft."""
    obj.live = False
    obj.has_unpublished_changes = True
    obj.live_revision = None
    _tell(TAKEN_OFFLINE.format(title=obj), obj)
    return ("live", "has_unpublished_changes", "live_revision")


# Written by the gate itself, or state that no reader sees: left as the caller set it.
_KEPT_ON_RESTORE = frozenset(
    {"latest_revision", "latest_revision_created_at", "has_unpublished_changes", "draft_title"}
    | {"locked", "locked_at", "locked_by", "path", "depth", "numchild"}
)


def _restore(obj, stored, update_fields):
    """Puts the stored (approved) content back on `obj` for every field about to be written."""
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in _KEPT_ON_RESTORE:
            continue
        if _writes(field.name, update_fields):
            setattr(obj, field.attname, getattr(stored, field.attname))
    for relation in _child_relations(obj):
        if _writes(relation, update_fields):
            setattr(obj, relation, list(getattr(stored, relation).all()))
    for field in obj._meta.many_to_many:
        if _writes(field.name, update_fields) and hasattr(getattr(obj, field.name), "commit"):
            setattr(obj, field.name, list(getattr(stored, field.name).all()))
    obj.has_unpublished_changes = True


def _child_relations(obj):
    from modelcluster.models import get_all_child_relations

    return [relation.get_accessor_name() for relation in get_all_child_relations(obj)]


def _keep_as_draft(obj, stored, update_fields):
    """An unreviewed edit of live content: saved as a draft revision, the live row kept."""
    message = HELD_BACK.format(title=obj)
    obj.save_revision(changed=True, clean=False)
    _restore(obj, stored, update_fields)
    _tell(message, obj)
