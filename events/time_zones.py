"""An event's own time zone: the IANA zones to choose from, and its times read in that zone.

Times are stored aware (in UTC by the database); the editor types the local wall-clock time of
the event's zone, and pages show that time with the zone's abbreviation and name.
"""

import datetime
import zoneinfo

from django.conf import settings

# "localtime" is the server's own zone under another name: it differs between machines.
NOT_A_PLACE = {"localtime"}


def time_zone_names():
    return sorted(zoneinfo.available_timezones() - NOT_A_PLACE)


def time_zone_choices():
    return [(name, name) for name in time_zone_names()]


def site_time_zone():
    return settings.TIME_ZONE


def in_zone(wall_clock, name):
    """The moment the naive `wall_clock` time is in zone `name`, or None when the zone skips
    that time (the hour lost when clocks go forward). Of a time that happens twice (the hour
    repeated when clocks go back), the first."""
    zone = zoneinfo.ZoneInfo(name)
    moment = wall_clock.replace(tzinfo=zone)
    if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != wall_clock:
        return None
    return moment


def wall_clock(moment, name):
    """The naive local time of the aware `moment` in zone `name`."""
    return moment.astimezone(zoneinfo.ZoneInfo(name)).replace(tzinfo=None)
