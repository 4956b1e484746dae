"""What an advisor approves: the text under review against what it replaces, built with
Wagtail's compare machinery (the edit handler's `get_comparison`) for every approve dialog.

- a page or snippet approved before: the changes since the last approved revision;
- live but never approved: the changes from the live page;
- never live nor approved, translating a page in the default language (a first translation):
  its whole text beside the text of that page, field by field;
- never live nor approved otherwise (a new page): its whole text, as added.
"""

from dataclasses import dataclass, field

from wagtail.models import Page, Revision

from editions.languages import default_content_language
from medical_review.models import MedicalReview, language_name

SINCE_APPROVED = "since_approved"
SINCE_LIVE = "since_live"
FIRST_TRANSLATION = "first_translation"
NEW = "new"


def reviews_of(obj):
    """The reviews of `obj`'s revisions, newest first: a page's by page, a snippet's by revision."""
    reviews = MedicalReview.objects.filter(revision__isnull=False)
    if isinstance(obj, Page):
        return reviews.filter(page_id=obj.pk)
    return reviews.filter(revision__in=Revision.objects.for_instance(obj))


@dataclass
class SideBySide:
    """One field of a first translation: the source's value and the translation's."""

    field_label: str
    source: object
    translation: object


@dataclass
class ChangesUnderReview:
    """What the approve dialog shows. `comparisons` are Wagtail's field comparisons (diffs);
    a first translation has `side_by_side` rows instead."""

    kind: str
    comparisons: list = field(default_factory=list)
    side_by_side: list = field(default_factory=list)
    last_approved: MedicalReview | None = None
    source: object = None
    language: str = ""
    source_language: str = ""


def translation_source_of(obj):
    """The object in the default language that `obj` translates (same translation key), or None."""
    locale = getattr(obj, "locale", None)
    if locale is None or locale.language_code == default_content_language():
        return None
    source = (
        type(obj)
        .objects.filter(
            translation_key=obj.translation_key,
            locale__language_code=default_content_language(),
        )
        .first()
    )
    if isinstance(source, Page):
        source = source.specific
    return source


def text_readers_see(obj):
    """`obj` as readers read it when live, else as last saved."""
    return obj if obj.live else obj.get_latest_revision_as_object()


def is_blank(comparison):
    """Whether the value a comparison of an object with itself shows is empty."""
    if comparison.is_child_relation:
        return not list(comparison.val_a.all())
    return comparison.val_a in (None, "", [], ()) or (
        hasattr(comparison.val_a, "__len__") and len(comparison.val_a) == 0
    )


def changes_under_review(obj, task_state, request, edit_handler):
    """The `ChangesUnderReview` of `obj`'s open review (`task_state`), field by field as
    `edit_handler` (the page's or the snippet viewset's) lays the object out."""
    after = task_state.revision.as_object()
    panel = edit_handler.get_bound_panel(instance=obj, request=request, form=None)
    comparison_classes = panel.get_comparison()

    approved = (
        reviews_of(obj).exclude(revision_id=task_state.revision_id).select_related("revision")
    ).first()
    if approved is not None:
        before, kind = approved.revision.as_object(), SINCE_APPROVED
    elif obj.live:
        before, kind = obj, SINCE_LIVE
    else:
        source = translation_source_of(obj)
        if source is not None:
            return first_translation(after, text_readers_see(source), comparison_classes)
        # A blank object of the same type: every field of the new text shows as added.
        before, kind = type(after)(), NEW

    diffs = [comparison(before, after) for comparison in comparison_classes]
    return ChangesUnderReview(
        kind=kind,
        comparisons=[diff for diff in diffs if diff.has_changed()],
        last_approved=approved,
    )


def first_translation(translation, source, comparison_classes):
    rows = []
    for comparison in comparison_classes:
        # A comparison of an object with itself renders its value without diff marks.
        of_source, of_translation = comparison(source, source), comparison(translation, translation)
        if is_blank(of_source) and is_blank(of_translation):
            continue
        rows.append(SideBySide(of_translation.field_label(), of_source, of_translation))
    return ChangesUnderReview(
        kind=FIRST_TRANSLATION,
        side_by_side=rows,
        source=source,
        language=language_name(translation.locale.language_code),
        source_language=language_name(default_content_language()),
    )
