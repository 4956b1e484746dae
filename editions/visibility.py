"""Who may see a page: the rule every list, link, search, sitemap and API answer of the public
site follows.

A visitor sees a live page outside every private section (a page with a view restriction and
everything below it). An alias shows its source page's content, so it has its source's view
restrictions too; Wagtail's `public()` looks at tree paths only and would let it through. An
alias in another language's tree shows English text at a non-English address: its address
answers with the note that the page is not available in that language, and no list names it.
It imports no other app of the site.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Locale, Page, PageViewRestriction


def _restriction_on_or_above(path):
    """View restrictions on the page whose tree path is `path` (an outer reference) or on one
    of its ancestors."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path), 1, Length("page__path"))
    )


def visible_to_visitors(passed=None):
    """A filter for the live pages a visitor may see, checked in the pages' own query.

    `passed`: a page the reader is reading, whose restrictions (its own and its ancestors')
    they have passed: for pages that share its ancestors only their own restrictions count.
    An alias's source always counts in full.
    """
    own = _restriction_on_or_above("path")
    if passed is not None:
        own = own.filter(page__depth__gte=passed.depth)
    source = _restriction_on_or_above("alias_of__path")
    return Q(live=True) & ~Exists(own) & (Q(alias_of__isnull=True) | ~Exists(source))


def view_restricted():
    """An annotation: whether a view restriction applies to the page (on it or an ancestor, or,
    for an alias, on its source page or the source's ancestors)."""
    own = Exists(_restriction_on_or_above("path"))
    source = Exists(_restriction_on_or_above("alias_of__path"))
    return ExpressionWrapper(Q(own) | Q(source), output_field=BooleanField())


def view_restrictions_of(page):
    """The restrictions a visitor must pass to read `page`: its own and its ancestors', an
    alias's being those of its source page; one query (the ancestors are known from the path),
    none for a page read with the `view_restricted()` annotation saying there are none.
    """
    if getattr(page, "view_restricted", None) is False:
        return PageViewRestriction.objects.none()
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    chain = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=chain.filter(alias_of__isnull=True)) | Q(page__in=chain.values("alias_of"))
    )


def shows_own_text():
    """A filter for pages that are not aliases. An alias repeats its source's title and text,
    so a list that names pages (search, the API) names the source instead."""
    return Q(alias_of__isnull=True)


def answered_with_the_note():
    """A filter for aliases in another language's tree (see `is_answered_with_the_note`)."""
    return Q(alias_of__isnull=False) & ~Q(locale=Locale.get_default())


def is_answered_with_the_note(page):
    """Whether `page` is an alias in another language's tree: it would show its English
    source's text, so its address answers with the note instead and no list names it."""
    return page.alias_of_id is not None and page.locale_id != Locale.get_default().pk
