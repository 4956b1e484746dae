from django.apps import AppConfig


class EditorialReviewConfig(AppConfig):
    """Four-eyes review of what readers see that is not medical: the home page's own fields."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial_review"
    verbose_name = "Editorial review"

    def ready(self):
        from editorial_review import signals

        signals.connect()
