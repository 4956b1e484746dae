"""Children of a guide page read with their specific rows, in one query per level.

Wagtail's `Page.route` finds each level's child with `get_children().get(slug=...)`, then
reads the child's specific row (`.specific`): two queries per level of the URL. A page type
with this mixin answers `get_children()` with each child already of its specific class (its
page type's table joined in the same query) and marked with whether a view restriction
applies to it (editions.visibility), so routing through it costs one query per level and
the view-restriction check none when nothing is restricted. Routing itself stays Wagtail's.
"""

from django.db.models.query import ModelIterable
from wagtail.models import Page

from editions.visibility import view_restricted


class SpecificChildrenIterable(ModelIterable):
    """Yields each page as its specific instance where the query joined its page type's table."""

    def __iter__(self):
        annotations = list(self.queryset.query.annotation_select)
        for page in super().__iter__():
            specific = next(
                (
                    row
                    for row in page._state.fields_cache.values()
                    if isinstance(row, Page) and row is not page
                ),
                page,
            )
            for name in annotations:
                setattr(specific, name, getattr(page, name))
            yield specific


def specific_links(models):
    """The names that join each of `models` (direct subclasses of Page) to its page row."""
    return [
        model._meta.parents[Page].remote_field.get_accessor_name()
        for model in models
        if Page in model._meta.parents
    ]


class SpecificChildrenMixin:
    """A page whose children come as their specific classes, with their view restrictions."""

    def get_children(self):
        children = super().get_children()
        links = specific_links(type(self).allowed_subpage_models())
        children = children.select_related(*links).annotate(view_restricted=view_restricted())
        children._iterable_class = SpecificChildrenIterable
        return children
