from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The foundation's events: an index per language, events, their iCalendar files."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "Events"

    def ensure_site_pages(self, home):
        """The live events index below `home` (idempotent)."""
        from events.site_pages import ensure_event_index

        ensure_event_index(home)

    def main_menu_pages(self, home):
        """The events index below `home`, for the header's menu."""
        from events.models import EventIndexPage

        return EventIndexPage.objects.child_of(home).live()[:1]

    def ensure_demo_content(self, home):
        """Development only: one event that says plainly it is a demonstration."""
        from events.site_pages import ensure_demo_event

        ensure_demo_event(home)
