from wagtail.snippets.models import register_snippet

from medical_review.views import ReviewedSnippetViewSet
from treatments.models import AdministrationRoute, Disclaimer, Person
from treatments.people_admin import PersonEditView


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
