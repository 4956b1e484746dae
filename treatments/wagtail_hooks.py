from wagtail import hooks
from wagtail.snippets.models import register_snippet

from medical_review.views import ReviewedSnippetViewSet
from treatments.models import AdministrationRoute, Disclaimer, Person
from treatments.people_admin import PersonEditView
from treatments.source_links import broken_source_links_of


class PersonViewSet(ReviewedSnippetViewSet):
    """Snippets → People: who wrote the guide, changed and approved like guide pages."""

    model = Person
    edit_view_class = PersonEditView
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "role"]


class AdministrationRouteViewSet(ReviewedSnippetViewSet):
    """Snippets → Routes: edited, submitted and approved like guide pages."""

    model = AdministrationRoute
    icon = "list-ul"
    menu_label = "Routes"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class DisclaimerViewSet(ReviewedSnippetViewSet):
    """Snippets → Disclaimer: the foot of every page, changed and approved like guide pages."""

    model = Disclaimer
    icon = "warning"
    menu_label = "Disclaimer"
    list_display = ["text"]


register_snippet(PersonViewSet)
register_snippet(AdministrationRouteViewSet)
register_snippet(DisclaimerViewSet)


@hooks.register("medical_review_page_problems")
def broken_source_links(pages):
    """The "Reviews due" report lists each page's broken source links."""
    return broken_source_links_of(pages)
