"""Stored reading grades of page revisions, and the query that reads them beside pages."""

from django.db.models import OuterRef, Subquery
from wagtail.models import Page, Revision, get_default_page_content_type

from plain_language.models import RevisionReadingGrade
from plain_language.readability import check_page


def is_page_revision(revision):
    return revision.base_content_type_id == get_default_page_content_type().pk


def record_grade(revision):
    """Works out and stores the reading grade of a page revision (any other is left alone)."""
    if not is_page_revision(revision):
        return None
    check = check_page(revision.as_object())
    grade, _ = RevisionReadingGrade.objects.update_or_create(
        revision=revision, defaults={"grade": check.grade, "words": check.words}
    )
    return grade


def grade_missing_revisions():
    """Grades each page's latest revision that has no grade yet; returns how many."""
    latest = Page.objects.filter(latest_revision__isnull=False).values("latest_revision_id")
    missing = Revision.objects.filter(pk__in=latest, reading_grade__isnull=True)
    count = 0
    for revision in missing.iterator():
        record_grade(revision)
        count += 1
    return count


def latest_revision_grade():
    """An annotation for a page queryset: the reading grade of each page's latest revision."""
    return Subquery(
        RevisionReadingGrade.objects.filter(revision_id=OuterRef("latest_revision_id")).values(
            "grade"
        )[:1]
    )
