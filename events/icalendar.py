"""Events as iCalendar (RFC 5545): a VCALENDAR of VEVENTs, written here in a few lines.

Times are in UTC (`…Z`), text values escaped, lines folded at 75 octets and ended with CRLF.
Each event's UID is its page's translation key and language at the site's host: stable over
edits, so a calendar that imported it updates the entry instead of adding a second one.
"""

import datetime

from django.utils.html import strip_tags

from editions.languages import language_of
from treatments.structured_data import absolute_url

PRODUCT = "-//SPS Foundation//Events//EN"
LINE_OCTETS = 75


def escape_text(value):
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """The content line split into lines of at most 75 octets, each continuation starting
    with a space; never inside a UTF-8 character."""
    parts = []
    current = ""
    limit = LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            parts.append(current)
            current = ""
            limit = LINE_OCTETS - 1  # the leading space counts
        current += character
    parts.append(current)
    return "\r\n ".join(parts)


def event_lines(event, request=None):
    host = request.get_host().split(":")[0] if request is not None else "sps-foundation"
    url = absolute_url(event, request)
    location = ", ".join(
        part
        for part in (event.venue_name, " ".join(event.venue_address.split()), event.online_url)
        if part
    )
    description = event.summary
    if event.registration_url:
        description += f"\n\n{event.registration_url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.translation_key}-{language_of(event)}@{host}",
        f"DTSTAMP:{utc(event.last_published_at or event.latest_revision_created_at)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(strip_tags(description))}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar_of(events, request=None):
    """The VCALENDAR text of `events`."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    for event in events:
        lines += event_lines(event, request)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
