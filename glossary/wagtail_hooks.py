"""Admin of the glossary: terms as snippets that go live only through the medical review."""

from wagtail.snippets.models import register_snippet

from glossary.models import GlossaryTerm
from medical_review.views import ReviewedSnippetViewSet


class GlossaryTermViewSet(ReviewedSnippetViewSet):
    """Snippets → Glossary terms: edited, submitted and approved like guide pages."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = "Glossary terms"
    list_display = ["term", "expansion", "slug"]
    search_fields = ["term", "other_forms", "definition"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)
