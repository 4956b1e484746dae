from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = "Treatment guide"

    def ready(self):
        from treatments import snippet_purge, unpublishing  # noqa: F401

        snippet_purge.connect()
