from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    """E-mail updates: a reader subscribes to a reviewed page, a category or the whole guide,
    and hears once each time a newly reviewed revision of it goes live."""

    name = "subscriptions"
    verbose_name = "E-mail updates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from subscriptions import queue

        queue.connect()
