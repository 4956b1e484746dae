from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The foundation's news: an index per language, articles, their Atom feed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "News"

    def ensure_site_pages(self, home):
        """The live news index below `home` (idempotent)."""
        from news.site_pages import ensure_news_index

        ensure_news_index(home)

    def main_menu_pages(self, home):
        """The news index below `home`, for the header's menu."""
        from news.models import NewsIndexPage

        return NewsIndexPage.objects.child_of(home).live()[:1]

    def ensure_demo_content(self, home):
        """Development only: one article that says plainly it is a demonstration."""
        from news.site_pages import ensure_demo_article

        ensure_demo_article(home)
