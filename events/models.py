"""The foundation's events: one index per language under the home page, events below it.

Events are the foundation's own (meetings, talks, fundraisers): both page types go through
the "Editorial review", decided by the page type.
"""

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from editions.visibility import view_restrictions_of, visible_to_visitors
from editorial_review.pages import EditoriallyReviewedPageMixin
from events.forms import EventForm
from events.time_zones import site_time_zone, time_zone_choices
from treatments.blocks import RICH_TEXT_FEATURES

CALENDAR_TYPE = "text/calendar; charset=utf-8"
# The calendar files' names, after the page's address.
CALENDAR_FILE = "calendar.ics"
EVENT_FILE = "event.ics"


def live_events(parent=None):
    """Events a visitor may see, below `parent` when given."""
    events = EventPage.objects.filter(visible_to_visitors())
    if parent is not None:
        events = events.child_of(parent)
    return events


def calendar_response(text, filename):
    response = HttpResponse(text, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class EventIndexPage(RoutablePageMixin, EditoriallyReviewedPageMixin, Page):
    """Upcoming events in date order; past ones in the archive; all upcoming as a calendar."""

    search_kind = _("Events")  # what site search calls it

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["treatments.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("event index page")

    def get_view_restrictions(self):
        # Wagtail's rule in one query (editions.visibility).
        return view_restrictions_of(self)

    def get_cached_paths(self):
        """The upcoming list, the archive and the calendar: purged together."""
        return ["/", self.reverse_subpage("archive"), CALENDAR_FILE]

    def upcoming(self):
        """Events that have not ended, soonest first."""
        return live_events(self).filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        """Events that have ended, latest first."""
        return live_events(self).filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def get_context(self, request, *args, archive=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["archive"] = archive
        context["events"] = list(self.past()[:100] if archive else self.upcoming())
        context["ancestors"] = []
        context["meta_description"] = self.search_description
        return context

    @path("archive/", name="archive")
    def archive(self, request):
        """The events that have ended, latest first."""
        return self.render(request, archive=True)

    # Served at `calendar.ics` (events.views: Wagtail's addresses hold no dot).
    @path(CALENDAR_FILE + "/", name="calendar")
    def calendar(self, request):
        """Every upcoming event, for a calendar application to subscribe to."""
        from events.icalendar import calendar_of

        return calendar_response(calendar_of(self.upcoming(), request), CALENDAR_FILE)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append(
                {
                    "location": urls[0]["location"] + self.reverse_subpage("archive"),
                    "lastmod": urls[0].get("lastmod"),
                }
            )
        return urls


class EventPage(RoutablePageMixin, EditoriallyReviewedPageMixin, Page):
    """One event: when, where (online, at a venue or both), how to register, what it is."""

    search_kind = _("Event")

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=site_time_zone,
        help_text=_("The start and end are the local time of this zone."),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    online_url = models.URLField(
        _("online at"), blank=True, help_text=_("The address where people join online.")
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists.")
    )
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("time_zone"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])],
            _("When (the local time of the event’s time zone)"),
        ),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("venue_name"), FieldPanel("venue_address")],
            _("Where"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("online_url"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("registration_url"),
        APIField("summary"),
        APIField("body"),
    ]

    base_form_class = EventForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")

    def get_view_restrictions(self):
        # Wagtail's rule in one query (editions.visibility).
        return view_restrictions_of(self)

    def get_cached_paths(self):
        return ["/", EVENT_FILE]

    @property
    def attendance_mode(self):
        """Online, in person or both (schema.org's eventAttendanceMode names)."""
        if self.online_url and self.venue_name:
            return "MixedEventAttendanceMode"
        return "OnlineEventAttendanceMode" if self.online_url else "OfflineEventAttendanceMode"

    @property
    def has_ended(self):
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent().specific
        context["event_index"] = parent
        context["ancestors"] = [parent] if parent.live else []
        context["meta_description"] = self.search_description or self.summary
        return context

    # Served at `event.ics` (events.views).
    @path(EVENT_FILE + "/", name="ics")
    def ics(self, request):
        """The event as an iCalendar file, to add to a calendar."""
        from events.icalendar import calendar_of

        return calendar_response(calendar_of([self], request), EVENT_FILE)

    def structured_data(self, request=None):
        from events.structured_data import event

        return event(self, request)
