from django.apps import AppConfig


class FoundationConfig(AppConfig):
    """Who publishes the guide: the foundation's identity (header, footer, `Organization`) and
    the command that builds the site's structure (`load_foundation_site`)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "foundation"
    verbose_name = "Foundation"

    def ready(self):
        from foundation import purge

        purge.connect()
