from django.apps import AppConfig


class ContentPagesConfig(AppConfig):
    """The foundation's content pages and the media blocks other apps reuse."""

    name = "content_pages"
    verbose_name = "Content pages"

    def ensure_demo_content(self, home):
        """A demonstration "About" page under `home` (development only; idempotent)."""
        from content_pages.demo import ensure_demo_about_page

        return ensure_demo_about_page(home)

    def footer_pages(self, home):
        """The About page, for the footer: the first live content page under `home` whose
        slug starts with "about"."""
        from content_pages.models import ContentPage

        return ContentPage.objects.child_of(home).live().filter(slug__startswith="about")[:1]
