from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    """The guide's glossary: terms as reviewed snippets, their page, and links to them."""

    name = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from glossary import signals

        signals.connect()
