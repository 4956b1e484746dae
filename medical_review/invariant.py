"""The promise, as a rule that can be checked on any object a reader can see.

For every live reviewed page and snippet, in every language:

1. its live row holds exactly the content of its live revision;
2. that revision was approved in a review by someone who authored none of its content (a
   restored revision carries the authors of the revision it restores, a translation the
   authors of its source), or it is the seed as the loader first published it;
3. the public review line describes exactly that revision.

`medical_review.gate` holds the rule on every save; `audit` checks it over the
whole database (`manage.py audit_reviews`).
"""

import json
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page, Revision, TaskState, WorkflowState

from editions.languages import default_content_language, language_of
from sps_foundation.once import once_per_approval

SEED_LOG_ACTION = "medical_review.seed"

# What a live row may change without a review: its place in the tree, its publishing and
# locking state, its revision pointers and the review dates (set from the review itself).
STATE_FIELDS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "draft_title",
        "translation_key",
        "locale",
        "alias_of",
        "wagtail_admin_comments",
        "last_reviewed",
        "next_review_due",
        "moved_at",
    }
)
# Keys of a child object (an inline panel's row) that say where it is stored, not what it says.
CHILD_STATE_KEYS = frozenset({"pk", "id", "page", "sort_order"})


def exempt_fields(obj):
    """Fields of `obj` outside the review (e.g. a person's link to an admin account)."""
    return frozenset(getattr(obj, "review_exempt_fields", ()))


def _plain(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _child(value):
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in CHILD_STATE_KEYS}
    return value


def _parsed(value):
    # A StreamField is serialised as JSON text, whose key order follows the database that
    # stored it (PostgreSQL's jsonb reorders keys): compare what the text says.
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def normalised_content(data, exempt=frozenset(), only=None):
    """The content keys of serialised `data` (a row's or a revision's), comparable as JSON."""
    content = {}
    for key, value in _plain(data).items():
        if key in STATE_FIELDS or key in exempt or (only is not None and key not in only):
            continue
        value = _parsed(value)
        if isinstance(value, list):
            value = [_child(item) for item in value]
        content[key] = value
    return content


def row_content(obj, only=None):
    """The content `obj` holds (or is about to write), as a revision would store it."""
    return normalised_content(obj.serializable_data(), exempt_fields(obj), only)


def revision_content(revision, obj, only=None):
    return normalised_content(revision.content, exempt_fields(obj), only)


# What a field holds when nothing is written in it.
EMPTY_VALUES = ("", [], None, "[]")


def _same(row, stored, key):
    # A revision saved before a field existed does not name it, and Wagtail restores the field
    # empty from it: an empty field matches such a revision.
    if key not in row or key not in stored:
        return row.get(key) in EMPTY_VALUES and stored.get(key) in EMPTY_VALUES
    return row[key] == stored[key]


def differing_keys(obj, revision, only=None):
    """The content keys where `obj` differs from `revision`."""
    row, stored = row_content(obj, only), revision_content(revision, obj, only)
    return sorted(key for key in row.keys() | stored.keys() if not _same(row, stored, key))


# -- who wrote a revision, who approved it ---------------------------------------------------


def _model_of(revision):
    # Through Django's cache of content types: no query per revision.
    return ContentType.objects.get_for_id(revision.content_type_id).model_class()


def _revisions_of(revision):
    return Revision.objects.filter(
        base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
    )


def _logs_of(revision):
    from wagtail.log_actions import registry

    model = registry.get_log_model_for_model(_model_of(revision))
    return model.objects.filter(revision__in=_revisions_of(revision)) if model else None


def published_revision_ids(revision):
    """The ids of `revision`'s object's revisions that went live (Wagtail logs each)."""
    logs = _logs_of(revision)
    if logs is None:
        return set()
    return set(logs.filter(action="wagtail.publish").values_list("revision_id", flat=True))


def authors(revision):
    """The ids of the users who wrote any of `revision`'s content.

    That is whoever saved a revision of the object since the last one that went live before
    it, up to it; the authors of any revision one of those restored (revert); and, for a
    translation, the authors of its source's live revision. Read once per approval.
    """
    if revision is None:
        return set()
    return set(
        once_per_approval(("authors", revision.pk), lambda: frozenset(_authors(revision, set())))
    )


def _authors(revision, seen):
    if revision is None or revision.pk in seen:
        return set()
    seen.add(revision.pk)
    logs = _logs_of(revision)
    logged = (
        list(
            logs.filter(action__in=("wagtail.publish", "wagtail.revert")).values_list(
                "action", "revision_id", "data"
            )
        )
        if logs is not None
        else []
    )
    published_before = [
        pk for action, pk, _ in logged if action == "wagtail.publish" and pk < revision.pk
    ]
    window = _revisions_of(revision).filter(pk__lte=revision.pk)
    if published_before:
        window = window.filter(pk__gt=max(published_before))
    saved = list(window.values_list("pk", "user_id"))
    window_ids = {pk for pk, _ in saved}
    found = {user for _, user in saved if user is not None}
    for action, pk, data in logged:
        if action == "wagtail.revert" and pk in window_ids:
            restored = Revision.objects.filter(pk=(data or {}).get("revision", {}).get("id"))
            found |= _authors(restored.first(), seen)
    source = translation_source_of(revision)
    if source is not None and source.live_revision_id:
        found |= _authors(source.live_revision, seen)
    return found


def translation_source_of(revision):
    """The object in the default language that `revision`'s object translates, or None."""
    from wagtail.models import TranslatableMixin

    model = _model_of(revision)
    if not issubclass(model, TranslatableMixin):
        return None
    obj = revision.content_object
    if obj is None or language_of(obj) == default_content_language():
        return None
    base = Page if isinstance(obj, Page) else type(obj)
    return (
        base.objects.filter(
            translation_key=obj.translation_key,
            locale__language_code=default_content_language(),
        )
        .select_related("live_revision")
        .first()
    )


# The task each kind of review (`ReviewGateMixin.review_kind`) is approved in, by content type.
REVIEW_TASKS = {
    "medical": ("medical_review", "medicalreviewtask"),
    "editorial": ("editorial_review", "editorialreviewtask"),
}


def approvers(revision):
    """The ids of the users whose approval of `revision` finished its review workflow, in the
    task of the review its model names (a medical page counts only a medical approval)."""
    approved = TaskState.objects.filter(
        revision=revision,
        status=TaskState.STATUS_APPROVED,
        workflow_state__status=WorkflowState.STATUS_APPROVED,
    )
    task = REVIEW_TASKS.get(getattr(_model_of(revision), "review_kind", None))
    if task is not None:
        approved = approved.filter(
            task__content_type__app_label=task[0], task__content_type__model=task[1]
        )
    return set(approved.values_list("finished_by_id", flat=True)) - {None}


def approval_refusal(revision):
    """Why `revision` may not go live as approved, or None if a review approved it."""
    found = approvers(revision)
    if not found:
        return "its live revision was never approved in a review"
    if found & authors(revision):
        return "its live revision was approved by someone who wrote some of it"
    return None


def is_seed(revision):
    """Whether the loader published `revision` as the seed (and logged it so)."""
    logs = _logs_of(revision)
    return bool(logs is not None and logs.filter(action=SEED_LOG_ACTION, revision=revision))


def first_publication(revision):
    """Whether no revision of the object went live before `revision`."""
    return not any(pk < revision.pk for pk in published_revision_ids(revision))


# -- the audit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    title: str
    pk: object
    model: str
    language: str
    clause: str

    def __str__(self):
        return f"{self.model} {self.pk} “{self.title}” ({self.language}): {self.clause}"


def violations_of(obj):
    """The clauses of the promise that live `obj` breaks, as sentences."""
    found = []
    revision = obj.live_revision
    if revision is None:
        return ["it is live with no live revision"]
    differing = differing_keys(obj, revision)
    if differing:
        found.append(f"its live row differs from its live revision in {', '.join(differing)}")
    seed = is_seed(revision)
    if seed and not first_publication(revision):
        found.append("its live revision is marked as the seed but is not its first publication")
    if not seed:
        refusal = approval_refusal(revision)
        if refusal:
            found.append(refusal)
    # A reviewed page also says who reviewed it (ReviewedPageMixin.review_line_violations).
    review_line = getattr(obj, "review_line_violations", None)
    if review_line is not None:
        found.extend(review_line(revision, seed))
    return found


def gated_models():
    return [
        model for model in apps.get_models() if not model._meta.abstract and is_gated_model(model)
    ]


def is_gated_model(model):
    """Whether `model` reaches readers only through a review (it carries the gate's mixin)."""
    return getattr(model, "review_gate", False)


def live_reviewed_objects():
    """Every live reviewed page and snippet, in every language (aliases are checked as their
    source: they show its content)."""
    for model in gated_models():
        live = model.objects.filter(live=True).select_related("live_revision", "locale")
        if issubclass(model, Page):
            live = live.filter(alias_of__isnull=True)
        yield from live


def audit():
    """(how many objects were checked, every violation of the promise among them)."""
    checked, found = 0, []
    for obj in live_reviewed_objects():
        checked += 1
        for clause in violations_of(obj):
            found.append(
                Violation(
                    title=str(obj),
                    pk=obj.pk,
                    model=type(obj)._meta.label,
                    language=language_of(obj),
                    clause=clause,
                )
            )
    return checked, found
