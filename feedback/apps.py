from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Readers' feedback on guide pages: "Was this page helpful?" and "Report a mistake"."""

    name = "feedback"
    verbose_name = "Reader feedback"
    default_auto_field = "django.db.models.BigAutoField"
