"""The event editor: an event ends after it starts, and takes place somewhere; its start and
end are typed as the local time of the event's own time zone."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.time_zones import in_zone, wall_clock
from treatments.page_forms import GuidePageForm

ENDS_BEFORE_START = _("An event ends after it starts.")
NOWHERE = _("Give the address to join online, a venue, or both.")
VENUE_WITHOUT_ADDRESS = _("Give the venue’s address.")
SKIPPED_TIME = _("This time does not exist in %(zone)s: the clocks go forward then.")
TIMES = ("start", "end")


class WallClockField(forms.DateTimeField):
    """A date and time as typed, in no zone yet: the form reads it in the event's zone
    (Django's field would read it in the zone of the admin's user)."""

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            moment = super().to_python(value)
        return None if moment is None else timezone.make_naive(moment, datetime.UTC)


def wall_clock_field(field):
    return WallClockField(
        required=field.required,
        widget=field.widget,
        label=field.label,
        help_text=field.help_text,
        input_formats=field.input_formats,
    )


class EventForm(GuidePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TIMES:
            if name in self.fields:
                self.fields[name] = wall_clock_field(self.fields[name])
            moment = self.initial.get(name)
            if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
                self.initial[name] = wall_clock(moment, self.instance.time_zone)

    def clean(self):
        cleaned = super().clean()
        self.place_times(cleaned)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", ENDS_BEFORE_START)
        venue = (cleaned.get("venue_name") or "").strip()
        if not venue and not cleaned.get("online_url") and "online_url" not in self.errors:
            self.add_error("online_url", NOWHERE)
        if venue and not (cleaned.get("venue_address") or "").strip():
            self.add_error("venue_address", VENUE_WITHOUT_ADDRESS)
        return cleaned

    def place_times(self, cleaned):
        """The typed start and end as moments of the chosen zone; without a valid zone, left
        out (the zone's field has the error, and the typed text comes back)."""
        zone = cleaned.get("time_zone")
        for name in TIMES:
            typed = cleaned.pop(name, None)
            if typed is None or not zone:
                continue
            moment = in_zone(typed, zone)
            if moment is None:
                self.add_error(name, SKIPPED_TIME % {"zone": zone})
            else:
                cleaned[name] = moment
