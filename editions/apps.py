from django.apps import AppConfig


class EditionsConfig(AppConfig):
    """The site's language editions: English at `/`, Spanish at `/es/`, and what links them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editions"
    label = "editions"
