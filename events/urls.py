"""`<event>/event.ics` and `<events>/calendar.ics`, ahead of Wagtail's page addresses."""

from django.urls import re_path

from events.views import calendar_file

CALENDAR_FILES = ("event", "calendar")

urlpatterns = [
    re_path(
        rf"^(?P<page_path>(?:[\w\-]+/)+)(?P<name>{'|'.join(CALENDAR_FILES)})\.ics$",
        calendar_file,
        name="calendar_file",
    ),
]
