"""“At a glance”: every treatment of the guide in one table, filtered and sorted by GET parameters.

The guide page serves the table's page at `at-a-glance/` (a Wagtail routable page), so it
needs no page of its own in the tree; that view reads the table with `glance_of_guide`. It
works without JavaScript:
every filter and sort is a plain link or form that can be bookmarked. The treatments named by
`t` parameters (the list for the doctor's "Back to the table") come back ticked.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from editions.languages import language_of
from treatments.listing import CategoryNode, TreatmentEntry, build_category_tree
from treatments.models import TreatmentPage
from treatments.models.pages import TREATMENT_ID, category_stating_line, live_text_reviewed
from treatments.route_names import route_names

# What the caption says the table is sorted by, in the reader's language.
SORTS = {
    "name": _("treatment name"),
    "category": _("category"),
    "line": _("line of therapy"),
    "route": _("how it is given"),
}
DIRECTIONS = {"asc": _("ascending"), "desc": _("descending")}
# The values of `aria-sort`: ARIA's own words, in no language.
ARIA_SORT = {"asc": "ascending", "desc": "descending"}
COLUMNS = (
    ("name", _("Treatment")),
    ("category", _("Category")),
    ("line", _("Line of therapy")),
    ("route", _("How it is given")),
)
# The GET parameters the table reads.
PARAMETERS = ("category", "line", "route", "sort", "dir")


@dataclass
class Row:
    """One treatment of the table, with the chain of categories above it.

    `line_label` is empty where no category above states a line of therapy: the symptomatic
    treatments have none, and the seed gives none for the stem cell transplant.
    """

    treatment: TreatmentEntry
    categories: list
    brands: list
    routes: list  # RouteName: live routes, in the reader's language
    line_value: str = ""
    line_label: str = ""

    @property
    def category(self):
        return self.categories[-1] if self.categories else None


@dataclass
class Column:
    key: str
    label: str
    url: str = ""
    aria_sort: str = ""
    next_direction: str = "asc"


@dataclass
class Glance:
    rows: list
    total: int
    category_options: list
    line_options: list
    route_options: list
    selected: dict
    sort: str
    direction: str
    columns: list = field(default_factory=list)
    ticked: frozenset = frozenset()

    @property
    def filtered(self):
        return any(self.selected.values())

    @property
    def sort_label(self):
        return SORTS[self.sort]

    @property
    def direction_label(self):
        return DIRECTIONS[self.direction]


def rows_from_tree(node: CategoryNode, name_routes, ancestors=()):
    """Every treatment below a node of `build_category_tree`, with its chain of categories
    and its routes as `name_routes` gives them."""
    rows = []
    for treatment in node.treatments:
        rows.append(_row(treatment, list(ancestors), name_routes(treatment.routes)))
    for child in node.categories:
        rows.extend(rows_from_tree(child, name_routes, (*ancestors, child.page)))
    return rows


def only_treatments(node: CategoryNode, ids):
    """The tree below `node` with only the treatments whose ids are in `ids`, and only the
    categories that still hold one of them."""
    categories = [only_treatments(child, ids) for child in node.categories]
    categories = [child for child in categories if child.treatments or child.categories]
    treatments = [treatment for treatment in node.treatments if treatment.pk in ids]
    return replace(node, categories=categories, treatments=treatments, entries=[])


def _row(treatment, categories, routes):
    row = Row(
        treatment=treatment,
        categories=categories,
        brands=treatment.brand_names,
        routes=routes,
    )
    category = category_stating_line(categories)
    if category is not None:
        row.line_value = category.line_of_therapy
        row.line_label = category.get_line_of_therapy_display()
    return row


def _category_options(node, depth=0):
    options = []
    for child in node.categories:
        page = child.page
        # A dash per level shows nesting inside a <select>, which cannot be indented.
        options.append({"value": str(page.pk), "label": "– " * depth + page.title})
        options.extend(_category_options(child, depth + 1))
    return options


def _sort_key(sort):
    def by_name(row):
        return row.treatment.title.casefold()

    if sort == "category":
        return lambda row: (row.category.title.casefold() if row.category else "", by_name(row))
    if sort == "line":
        # Rows without a stated line of therapy sort after those with one.
        return lambda row: (row.line_value == "", row.line_value, by_name(row))
    if sort == "route":
        return lambda row: (
            row.routes[0].name.casefold() if row.routes else "\uffff",
            by_name(row),
        )
    return by_name


def build_glance(tree, params, language=settings.LANGUAGE_CODE, request=None):
    """The table for the guide's category tree and the request's GET parameters, its routes
    named in `language` (treatments.route_names)."""
    all_rows = rows_from_tree(tree, lambda routes: route_names(routes, language, request))
    category_options = _category_options(tree)
    line_options = sorted({(row.line_value, row.line_label) for row in all_rows if row.line_value})
    # Only the lines the guide states: "no line" is not a line of therapy, and for the
    # symptomatic treatments the idea does not apply.
    line_options = [{"value": value, "label": label} for value, label in line_options]
    routes = {route.slug: route for row in all_rows for route in row.routes}
    route_options = [
        {"value": route.slug, "label": route.name, "lang": route.lang}
        for route in sorted(routes.values(), key=lambda route: (route.sort_order, route.name))
    ]

    # Unknown values are ignored rather than refused: an old bookmark still shows the table.
    def valid(name, options):
        value = params.get(name, "")
        return value if value in {option["value"] for option in options} else ""

    selected = {
        "category": valid("category", category_options),
        "line": valid("line", line_options),
        "route": valid("route", route_options),
    }
    rows = all_rows
    if selected["category"]:
        rows = [r for r in rows if any(str(c.pk) == selected["category"] for c in r.categories)]
    if selected["line"]:
        rows = [r for r in rows if r.line_value == selected["line"]]
    if selected["route"]:
        rows = [r for r in rows if any(route.slug == selected["route"] for route in r.routes)]

    sort = params.get("sort") if params.get("sort") in SORTS else "name"
    direction = params.get("dir") if params.get("dir") in DIRECTIONS else "asc"
    rows = sorted(rows, key=_sort_key(sort), reverse=direction == "desc")

    # Ticks come back from the list for the doctor; anything else in `t` is ignored.
    ticked = frozenset(int(value) for value in params.getlist("t") if TREATMENT_ID.fullmatch(value))
    glance = Glance(
        ticked=ticked,
        rows=rows,
        total=len(all_rows),
        category_options=category_options,
        line_options=line_options,
        route_options=route_options,
        selected=selected,
        sort=sort,
        direction=direction,
    )
    filters = {name: value for name, value in selected.items() if value}
    for key, label in COLUMNS:
        column = Column(key=key, label=label)
        if key == sort:
            column.aria_sort = ARIA_SORT[direction]
            column.next_direction = "desc" if direction == "asc" else "asc"
        column.url = "?" + urlencode({**filters, "sort": key, "dir": column.next_direction})
        glance.columns.append(column)
    return glance


def glance_of_guide(guide, request):
    """The table of every treatment of `guide` for the request's GET parameters.

    A translated guide's table lists only the treatments whose live text was medically
    reviewed (one more query), as its language switch and its list for the doctor do.
    """
    tree = build_category_tree(guide, request, with_routes=True, with_reviews=True)
    language = language_of(guide)
    if language != settings.LANGUAGE_CODE:
        reviewed = TreatmentPage.objects.descendant_of(guide).filter(live_text_reviewed())
        tree = only_treatments(tree, set(reviewed.values_list("pk", flat=True)))
    return build_glance(tree, request.GET, language, request)
