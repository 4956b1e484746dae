from django.apps import AppConfig


class PolicyPagesConfig(AppConfig):
    """The foundation's pages about the guide: Contact, How this guide is made, Privacy."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "policy_pages"
    verbose_name = "Contact, how the guide is made, privacy"

    def ready(self):
        from policy_pages import purge

        purge.connect_signals()

    def ensure_site_pages(self, home):
        """The three pages under `home`, live, created when missing (idempotent)."""
        from policy_pages.setup import ensure_site_pages

        return ensure_site_pages(home)

    def footer_pages(self, home):
        """How this guide is made, Contact and Privacy, for the footer."""
        from policy_pages.models import policy_page_models

        order = {model: n for n, model in enumerate(policy_page_models())}
        pages = [page.specific for page in home.get_children().live()]
        found = [page for page in pages if type(page) in order]
        return sorted(found, key=lambda page: order[type(page)])
