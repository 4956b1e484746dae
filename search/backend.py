"""Wagtail's database search backend, accepting filters on annotations.

The admin's image and document listings filter on a usage count, which they add to the
queryset as an annotation. The database backends search by filtering that same queryset in
SQL, so such a filter works as it does without a search; only their up-front check, written
for backends that translate each filter into their own query language, refuses it (with an
AttributeError, a server error). Filters on model fields are checked as before.
"""

from functools import cache

from django.db.models.expressions import Col
from django.db.models.lookups import Lookup
from modelsearch.backends import database


class AnnotationFiltersMixin:
    def _get_filters_from_where_node(self, where_node, check_only=False):
        if check_only and isinstance(where_node, Lookup):
            column = getattr(where_node.lhs, "lhs", where_node.lhs)  # a date part's column
            if not isinstance(column, Col):
                return None
        return super()._get_filters_from_where_node(where_node, check_only=check_only)


@cache
def with_annotation_filters(compiler_class):
    return type(compiler_class.__name__, (AnnotationFiltersMixin, compiler_class), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """The database's own search backend (PostgreSQL, MySQL, SQLite), as Wagtail picks it."""
    backend = database.SearchBackend(params)
    backend.query_compiler_class = with_annotation_filters(backend.query_compiler_class)
    backend.autocomplete_query_compiler_class = with_annotation_filters(
        backend.autocomplete_query_compiler_class
    )
    return backend
