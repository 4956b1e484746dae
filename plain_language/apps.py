from django.apps import AppConfig


class PlainLanguageConfig(AppConfig):
    """How easy a page's text is to read: its reading grade, shown to editors as advice."""

    name = "plain_language"
    verbose_name = "Plain language"

    def ready(self):
        from plain_language import signals

        signals.connect()
