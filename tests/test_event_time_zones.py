"""An event keeps its own time zone: the editor types its local times, readers see them with
the zone, and calendars get the same moment in UTC."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from events.models import EventPage
from tests.news_events_support import english_home, event_form, event_index_of, new_event
from tests.review_support import publish_unreviewed

NEW_YORK_WINTER = {
    "time_zone": "America/New_York",
    "start": "2027-01-15 10:00",
    "end": "2027-01-15 11:30",
}


@pytest.fixture
def index(guide):
    return event_index_of(english_home())


@pytest.fixture
def editor(users):
    client = Client()
    client.force_login(users["editor"])
    return client


def add_event(client, index, **fields):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    return client.post(url, event_form(**fields))


def event_json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(item for item in map(json.loads, blocks) if item["@type"] == "Event")


def test_an_event_typed_as_new_york_time_is_that_moment_everywhere(editor, index):
    assert add_event(editor, index, **NEW_YORK_WINTER).status_code == 302
    event = EventPage.objects.get(slug="members-meeting")
    assert event.start == datetime.datetime(2027, 1, 15, 15, 0, tzinfo=datetime.UTC)
    assert event.end == datetime.datetime(2027, 1, 15, 16, 30, tzinfo=datetime.UTC)
    publish_unreviewed(event)

    page = Client().get("/events/members-meeting/").content.decode()
    listing = Client().get("/events/").content.decode()
    ics = Client().get("/events/members-meeting/event.ics").content.decode()

    for html in (page, listing):
        assert "15 January 2027, 10:00 EST</time> – <time" in html
        assert "11:30 EST</time> (America/New_York)" in html
        assert 'datetime="2027-01-15T10:00:00-05:00"' in html
    assert "DTSTART:20270115T150000Z\r\n" in ics and "DTEND:20270115T163000Z\r\n" in ics
    data = event_json_ld(page)
    assert data["startDate"] == "2027-01-15T10:00:00-05:00"
    assert data["endDate"] == "2027-01-15T11:30:00-05:00"


def test_a_summer_event_shows_the_summer_abbreviation(index):
    start = datetime.datetime(2027, 7, 1, 13, 0, tzinfo=datetime.UTC)
    new_event(
        index,
        "Summer call",
        start=start,
        end=start + datetime.timedelta(hours=1),
        time_zone="America/New_York",
    )
    page = Client().get("/events/summer-call/").content.decode()
    assert "1 July 2027, 09:00 EDT" in page and "(America/New_York)" in page


def test_the_editor_shows_an_events_times_in_its_own_zone(editor, index):
    start = datetime.datetime(2027, 1, 15, 15, 0, tzinfo=datetime.UTC)
    event = new_event(
        index,
        "Talk",
        start=start,
        end=start + datetime.timedelta(hours=1),
        time_zone="America/New_York",
    )
    form = editor.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'value="2027-01-15 10:00"' in form and 'value="2027-01-15 11:00"' in form


def test_the_editors_own_admin_time_zone_does_not_change_what_the_typed_time_means(
    users, editor, index
):
    profile = UserProfile.get_for_user(users["editor"])
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    assert add_event(editor, index, **NEW_YORK_WINTER).status_code == 302
    event = EventPage.objects.get(slug="members-meeting")
    assert event.start == datetime.datetime(2027, 1, 15, 15, 0, tzinfo=datetime.UTC)


def test_an_unknown_time_zone_is_a_form_error_and_the_typed_text_comes_back(editor, index):
    response = add_event(editor, index, **{**NEW_YORK_WINTER, "time_zone": "Mars/Olympus"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mars/Olympus is not one of the available choices." in html
    assert 'value="2027-01-15 10:00"' in html and "Members’ meeting" in html
    assert not EventPage.objects.exists()


def test_a_time_the_clocks_skip_is_a_form_error(editor, index):
    response = add_event(
        editor,
        index,
        time_zone="America/New_York",
        start="2027-03-14 02:30",
        end="2027-03-14 04:00",
    )
    assert response.status_code == 200
    assert "This time does not exist in America/New_York" in response.content.decode()
    assert not EventPage.objects.exists()
