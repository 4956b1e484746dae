from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Caches public pages for anonymous visitors and purges them when content is published."""

    name = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from page_cache import purge

        purge.connect_signals()
