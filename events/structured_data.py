"""An event's schema.org `Event`: when, how one attends, where, organised by the foundation."""

from zoneinfo import ZoneInfo

from editions.languages import language_of
from treatments.structured_data import (
    SCHEMA_CONTEXT,
    absolute_url,
    organization_name,
    site_root_url,
)

SCHEMA = "https://schema.org/"


def locations(page):
    places = []
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    if page.venue_name:
        places.append(
            {
                "@type": "Place",
                "name": page.venue_name,
                "address": " ".join(page.venue_address.split()),
            }
        )
    return places[0] if len(places) == 1 else places


def event(page, request=None):
    root = site_root_url(page, request)
    zone = ZoneInfo(page.time_zone)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": absolute_url(page, request),
        "inLanguage": language_of(page),
        # ISO 8601 with the offset of the event's own zone, as the event page shows them.
        "startDate": page.start.astimezone(zone).isoformat(),
        "endDate": page.end.astimezone(zone).isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + page.attendance_mode,
        "location": locations(page),
        "organizer": {
            "@type": "Organization",
            "@id": f"{root}#organization",
            "name": organization_name(page, request),
            "url": root,
        },
    }
    if page.registration_url:
        data["offers"] = {"@type": "Offer", "url": page.registration_url}
    return data
