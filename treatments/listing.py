"""The category tree that the guide overview, the category pages and the “At a glance” table
list: live, public categories and treatments below a page, in the editor's order.

Treatments are read as a few plain columns, not as full pages: a list shows a treatment's
title, link, brand names and routes, and building a thousand full page objects (each with its
StreamField and clusters) would cost seconds. The number of queries is fixed, whatever the
guide's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from editions.visibility import visible_to_visitors
from medical_review.review_state import (
    NOT_REVIEWED,
    ReviewState,
    live_review_time,
    review_state_from,
)
from treatments.models import (
    AdministrationRoute,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentPage,
)


@dataclass
class TreatmentEntry:
    """A treatment as the lists show it."""

    pk: int
    path: str
    title: str
    url: str
    brand_names: list[str] = field(default_factory=list)
    routes: list[AdministrationRoute] = field(default_factory=list)
    review: ReviewState = NOT_REVIEWED


@dataclass
class TreeEntry:
    """One item of a category's contents: a sub-category, or a run of treatments."""

    category: CategoryNode | None = None
    treatments: list[TreatmentEntry] = field(default_factory=list)


@dataclass
class CategoryNode:
    """A page of the tree (the root, or a category) with what is below it."""

    page: Page
    url: str
    categories: list[CategoryNode] = field(default_factory=list)
    treatments: list[TreatmentEntry] = field(default_factory=list)
    entries: list[TreeEntry] = field(default_factory=list)


def build_category_tree(root, request=None, with_routes=False, with_reviews=False):
    """The tree below `root` (the guide or a category), in three queries: the categories, the
    treatments and their brand names; a fourth for the treatments' routes `with_routes` (the
    lists do not show them, the table does). `with_reviews`, each treatment's review state is
    read with the treatments, in no query of its own.
    """
    visible = visible_to_visitors()
    nodes = {root.path: CategoryNode(page=root, url=root.get_url(request))}
    categories = TherapyCategoryPage.objects.descendant_of(root).filter(visible).order_by("path")
    for category in categories:
        parent = nodes.get(category.path[: -category.steplen])
        if parent is None:  # below an unpublished or private category
            continue
        node = CategoryNode(page=category, url=category.get_url(request))
        nodes[category.path] = node
        parent.categories.append(node)

    treatments = {}
    columns = ["pk", "path", "depth", "title", "url_path", "locale_id"]
    rows = TreatmentPage.objects.descendant_of(root).filter(visible).order_by("path")
    if with_reviews:
        rows = rows.annotate(live_reviewed_at=live_review_time())
        columns.append("moved_at")
    rows = rows.only(*columns)
    for page in rows:
        parent = nodes.get(page.path[: -page.steplen])
        if parent is not None:
            entry = TreatmentEntry(page.pk, page.path, page.title, page.get_url(request))
            if with_reviews:
                entry.review = review_state_from(page.live_reviewed_at, page.moved_at)
            treatments[page.pk] = entry
            parent.treatments.append(entry)
    _add_brand_names(treatments, root)
    if with_routes:
        _add_routes(treatments, root)

    for node in nodes.values():
        node.entries = _entries_in_tree_order(node)
    return nodes[root.path]


# Brand names and routes are selected by tree path rather than a list of ids: a thousand
# ids make a slow query.


def _add_brand_names(treatments, root):
    brand_names = TreatmentBrandName.objects.filter(page__path__startswith=root.path).order_by(
        "page_id", "sort_order", "pk"
    )
    for page_id, name in brand_names.values_list("page_id", "name"):
        if page_id in treatments:
            treatments[page_id].brand_names.append(name)


def _add_routes(treatments, root):
    # In the routes' own order (the model's ordering), as the treatment page lists them.
    links = (
        TreatmentPage.routes.through.objects.filter(treatmentpage__path__startswith=root.path)
        .select_related("administrationroute")
        .order_by("administrationroute__sort_order", "administrationroute__name")
    )
    for link in links:
        if link.treatmentpage_id in treatments:
            treatments[link.treatmentpage_id].routes.append(link.administrationroute)


def _entries_in_tree_order(node):
    """A node's sub-categories and runs of treatments, in the editor's order (consecutive
    treatments grouped, so a template can put each run in one list).
    """
    children = sorted(
        [(child.page.path, child) for child in node.categories]
        + [(entry.path, entry) for entry in node.treatments],
        key=lambda child: child[0],
    )
    entries = []
    for _path, child in children:
        if isinstance(child, CategoryNode):
            entries.append(TreeEntry(category=child))
        elif entries and entries[-1].category is None:
            entries[-1].treatments.append(child)
        else:
            entries.append(TreeEntry(treatments=[child]))
    return entries
