from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search over the published treatment guide."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "search"

    def ready(self):
        from search.promotions import recommend_pages_only

        recommend_pages_only()
