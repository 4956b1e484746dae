from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = "Treatment guide"

    def ready(self):
        from treatments import (  # noqa: F401
            doctor_list,
            glance,
            page_contents,
            snippet_purge,
            unpublishing,
        )

        snippet_purge.connect()
        # What each page type reads: its get_context asks here, so that the models import
        # none of the modules that gather and present what pages show.
        self.page_contents = page_contents
        self.glance = glance
        self.doctor_list = doctor_list
