from django.apps import AppConfig


class HttpCacheConfig(AppConfig):
    """What an HTTP cache in front (Varnish, a CDN) may keep, and purging it on publish."""

    name = "http_cache"
    verbose_name = "HTTP cache"

    def ready(self):
        from http_cache import purge

        purge.connect_signals()
