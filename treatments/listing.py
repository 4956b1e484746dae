"""The category tree that the guide overview, the category pages and the “At a glance” table
list: live, public categories and treatments below a page, in the editor's order.

Treatments are read as plain values, not as pages: a list shows a treatment's title, link,
brand names and routes, and building a thousand full page objects (each with its StreamField
and clusters) would cost seconds. The number of queries is fixed, whatever the guide's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from page_cache.shared import remember, restricted_paths
from treatments.routing import page_url, url_below


@dataclass
class TreatmentEntry:
    """A treatment as the lists show it."""

    pk: int
    path: str
    title: str
    url: str
    brand_name_list: list = field(default_factory=list)
    routes: list = field(default_factory=list)


def build_category_tree(root, request=None):
    """The tree below `root` as nested nodes: {"page", "url", "categories", "treatments",
    "entries"}.

    Shared between requests until the next publish (page_cache.shared); built in five
    queries: categories, treatments, their brand names, their routes, and the routes.
    """
    root_url = page_url(root, request) or ""
    return remember(f"tree:{root.path}:{root_url}", lambda: _build_tree(root, root_url))


def _build_tree(root, root_url):
    from treatments.models import TherapyCategoryPage, TreatmentPage

    def url_of(url_path):
        return url_below(root, root_url, url_path)  # everything listed is below `root`

    restricted = restricted_paths()
    nodes = {root.path: {"page": root, "url": root_url, "categories": [], "treatments": []}}
    categories = TherapyCategoryPage.objects.live().descendant_of(root).order_by("path")
    for category in categories:
        parent = nodes.get(category.path[: -category.steplen])
        # Skipped: below an unpublished category, or behind a view restriction.
        if parent is None or category.path.startswith(restricted):
            continue
        node = {
            "page": category,
            "url": url_of(category.url_path),
            "categories": [],
            "treatments": [],
        }
        nodes[category.path] = node
        parent["categories"].append(node)

    treatments = {}
    rows = (
        TreatmentPage.objects.live()
        .descendant_of(root)
        .order_by("path")
        .values_list("pk", "path", "title", "url_path")
    )
    for pk, path, title, url_path in rows:
        parent = nodes.get(path[: -TreatmentPage.steplen])
        if parent is not None and not path.startswith(restricted):
            entry = TreatmentEntry(pk, path, title, url_of(url_path))
            treatments[pk] = entry
            parent["treatments"].append(entry)
    _add_names_and_routes(treatments, root)

    for node in nodes.values():
        node["entries"] = _entries_in_tree_order(node)
    return nodes[root.path]


def _add_names_and_routes(treatments, root):
    """Selected by tree path rather than a list of ids: a thousand ids make a slow query."""
    from treatments.models import AdministrationRoute, TreatmentBrandName, TreatmentPage

    if not treatments:
        return
    brand_names = TreatmentBrandName.objects.filter(page__path__startswith=root.path).order_by(
        "page_id", "sort_order", "pk"
    )
    for page_id, name in brand_names.values_list("page_id", "name"):
        if page_id in treatments:
            treatments[page_id].brand_name_list.append(name)

    # In the routes' own order (the model's ordering), as the treatment page lists them.
    routes = {route.pk: route for route in AdministrationRoute.objects.all()}
    links = defaultdict(set)
    through = TreatmentPage.routes.through.objects.filter(treatmentpage__path__startswith=root.path)
    for page_id, route_id in through.values_list("treatmentpage_id", "administrationroute_id"):
        links[page_id].add(route_id)
    for page_id, route_ids in links.items():
        if page_id not in treatments:
            continue
        treatments[page_id].routes = [route for pk, route in routes.items() if pk in route_ids]


def _entries_in_tree_order(node):
    """A node's sub-categories and runs of treatments, in the editor's order.

    Each entry is {"category": node} or {"treatments": [entry, …]} (consecutive treatments
    grouped, so a template can put each run in one list).
    """
    children = sorted(
        [(child["page"].path, "category", child) for child in node["categories"]]
        + [(entry.path, "treatment", entry) for entry in node["treatments"]],
        key=lambda child: child[0],
    )
    entries = []
    for _path, kind, child in children:
        if kind == "category":
            entries.append({"category": child})
        elif entries and "treatments" in entries[-1]:
            entries[-1]["treatments"].append(child)
        else:
            entries.append({"treatments": [child]})
    return entries
