from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = "Treatment guide"

    def ready(self):
        from treatments import glance, page_contents, snippet_purge, unpublishing  # noqa: F401

        snippet_purge.connect()
        # What each page type reads: its get_context asks here, so that the models import
        # none of the modules that gather and present what pages show.
        self.page_contents = page_contents
        self.glance = glance
