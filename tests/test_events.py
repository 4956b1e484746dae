"""The foundation's events: approved in the editorial review, listed while upcoming, kept in
the archive once over, each with its iCalendar file and Event JSON-LD, and a calendar of all
upcoming events to subscribe to."""

import datetime
import json
import re

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.urls import reverse

from events.icalendar import escape_text, fold
from events.models import EventIndexPage, EventPage
from medical_review.permissions import MODERATORS
from tests.news_events_support import english_home, event_form, event_index_of, new_event
from tests.review_support import make_user, publish_unreviewed, workflow_action
from tests.test_http_cache import purged_paths  # noqa: F401 - a fixture


@pytest.fixture
def home(guide):
    return english_home()


@pytest.fixture
def index(home):
    return event_index_of(home)


@pytest.fixture
def people(users):
    return {**users, "moderator2": make_user("moderator2", MODERATORS, name="Max Moderator")}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def add_event(client, index, action=None, **fields):
    data = event_form(**fields)
    if action:
        data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    return client.post(url, data)


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def unfolded(calendar):
    """The content lines of an iCalendar text (continuation lines joined back)."""
    assert "\n" not in calendar.replace("\r\n", "")  # every line ends with CRLF
    return calendar.replace("\r\n ", "").split("\r\n")


def value_of(lines, name):
    return next(line.partition(":")[2] for line in lines if line.split(":")[0] == name)


# -- Review -------------------------------------------------------------------------------------


def test_an_editors_event_goes_live_when_a_moderator_who_wrote_none_of_it_approves(people, index):
    editor = as_user(people["editor"])
    response = add_event(editor, index, "action-submit")
    assert response.status_code == 302, response.content[:800]
    event = EventPage.objects.get(slug="members-meeting")
    assert event.get_workflow().name == "Editorial review"
    assert event.workflow_in_progress and not event.live

    assert refused(workflow_action(editor, event, "approve"))
    assert not refused(workflow_action(as_user(people["moderator"]), event, "approve"))

    event.refresh_from_db()
    assert event.live
    assert "Members’ meeting" in Client().get("/events/members-meeting/").content.decode()


def test_a_moderator_cannot_approve_their_own_event(people, index):
    moderator = as_user(people["moderator"])
    assert add_event(moderator, index, "action-submit").status_code == 302
    event = EventPage.objects.get(slug="members-meeting")

    assert refused(workflow_action(moderator, event, "approve"))
    event.refresh_from_db()
    assert not event.live


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"end": "2027-03-12 17:00"}, "An event ends after it starts."),
        ({"online_url": ""}, "Give the address to join online, a venue, or both."),
        ({"venue_name": "Town hall"}, "Give the venue’s address."),
    ],
)
def test_an_event_that_cannot_happen_is_refused_with_a_form_error(people, index, fields, error):
    response = add_event(as_user(people["editor"]), index, **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EventPage.objects.exists()


def test_an_event_goes_only_below_the_events_index_and_the_index_once_per_home(people, home):
    editor = as_user(people["editor"])
    assert refused(
        editor.get(reverse("wagtailadmin_pages:add", args=["events", "eventpage", home.pk]))
    )
    event_index_of(home)
    assert refused(
        editor.get(reverse("wagtailadmin_pages:add", args=["events", "eventindexpage", home.pk]))
    )
    assert not EventPage.can_create_at(home)


# -- Upcoming and past --------------------------------------------------------------------------


def test_the_index_lists_upcoming_events_soonest_first_and_past_ones_in_the_archive(index):
    new_event(index, "Later talk", starts_in=datetime.timedelta(days=20))
    new_event(index, "Sooner talk", starts_in=datetime.timedelta(days=2))
    new_event(index, "Last year’s meeting", starts_in=datetime.timedelta(days=-300))

    upcoming = Client().get("/events/").content.decode()
    archive = Client().get("/events/archive/").content.decode()

    assert upcoming.index("Sooner talk") < upcoming.index("Later talk")
    assert "Last year’s meeting" not in upcoming
    assert "Last year’s meeting" in archive and "Sooner talk" not in archive
    assert 'href="/events/archive/"' in upcoming


def test_an_event_leaves_the_index_for_the_archive_when_it_ends(index):
    event = new_event(index, "Evening talk", starts_in=datetime.timedelta(hours=1), hours=2)
    assert "Evening talk" in Client().get("/events/").content.decode()

    with time_machine.travel(event.end + datetime.timedelta(minutes=1)):
        assert "Evening talk" not in Client().get("/events/").content.decode()
        assert "Evening talk" in Client().get("/events/archive/").content.decode()
        assert "This event has ended." in Client().get(event.url).content.decode()


def test_an_event_page_shows_its_times_with_the_time_zone(index):
    start = datetime.datetime(2027, 3, 12, 18, 0, tzinfo=datetime.UTC)
    new_event(index, "Members’ meeting", start=start, end=start + datetime.timedelta(hours=1))

    page = Client().get("/events/members-meeting/").content.decode()

    assert "12 March 2027, 18:00 UTC" in page and "19:00 UTC" in page
    assert 'datetime="2027-03-12T18:00:00+00:00"' in page


# -- iCalendar ----------------------------------------------------------------------------------


def test_an_events_ics_file_has_its_uid_and_times_in_utc_and_escaped_text(index):
    start = datetime.datetime(2027, 3, 12, 18, 30, tzinfo=datetime.UTC)
    event = new_event(
        index,
        "Talk; questions, answers",
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=15),
        online_url="",
        venue_name="Town hall, room 2",
        venue_address="1 Main Street\nSpringfield",
        summary="Doctors, patients; families.",
    )

    response = Client().get("/events/talk-questions-answers/event.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfolded(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert value_of(lines, "UID") == f"{event.translation_key}-en@testserver"
    assert value_of(lines, "DTSTART") == "20270312T183000Z"
    assert value_of(lines, "DTEND") == "20270312T194500Z"
    assert value_of(lines, "SUMMARY") == "Talk\\; questions\\, answers"
    assert value_of(lines, "DESCRIPTION") == "Doctors\\, patients\\; families."
    assert value_of(lines, "LOCATION") == "Town hall\\, room 2\\, 1 Main Street Springfield"
    assert value_of(lines, "URL") == "http://testserver/events/talk-questions-answers/"


def test_times_entered_in_another_offset_are_written_in_utc(index):
    new_york_summer = datetime.timezone(datetime.timedelta(hours=-4))
    start = datetime.datetime(2027, 7, 1, 9, 0, tzinfo=new_york_summer)
    new_event(index, "Morning call", start=start, end=start + datetime.timedelta(hours=1))
    lines = unfolded(Client().get("/events/morning-call/event.ics").content.decode())
    assert value_of(lines, "DTSTART") == "20270701T130000Z"


def test_the_calendar_holds_every_upcoming_event_and_no_past_one(index):
    new_event(index, "Spring talk")
    new_event(index, "Summer talk", starts_in=datetime.timedelta(days=40))
    new_event(index, "Old talk", starts_in=datetime.timedelta(days=-40))

    response = Client().get("/events/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfolded(response.content.decode())
    assert [line for line in lines if line.startswith("SUMMARY:")] == [
        "SUMMARY:Spring talk",
        "SUMMARY:Summer talk",
    ]
    assert lines.count("BEGIN:VEVENT") == 2


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + escape_text("Reunión de familias, " * 10)
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
    assert folded.replace("\r\n ", "") == line


# -- What search engines and caches see ---------------------------------------------------------


def test_an_online_event_describes_itself_as_an_event_with_a_virtual_location(index):
    new_event(index, "Online talk", online_url="https://meet.example.org/talk")
    data = next(
        item
        for item in json_ld(Client().get("/events/online-talk/").content.decode())
        if item["@type"] == "Event"
    )
    assert data["name"] == "Online talk"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/talk"}
    assert data["url"] == "http://testserver/events/online-talk/"
    assert data["startDate"].endswith("+00:00") and data["endDate"] > data["startDate"]


def test_an_event_at_a_venue_has_a_place(index):
    new_event(
        index, "Walk", online_url="", venue_name="City park", venue_address="Park Road\nSpringfield"
    )
    data = json_ld(Client().get("/events/walk/").content.decode())[0]
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "City park",
        "address": "Park Road Springfield",
    }


def test_event_pages_are_kept_by_a_shared_cache_and_are_in_the_sitemap(index):
    new_event(index, "Spring talk")
    for url in ("/events/", "/events/archive/", "/events/spring-talk/", "/events/calendar.ics"):
        assert "s-maxage" in Client().get(url)["Cache-Control"], url
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert "/events/spring-talk/" in sitemap and "/events/archive/" in sitemap


def test_publishing_an_event_purges_it_its_file_the_lists_and_the_calendar(
    index,
    purged_paths,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        new_event(index, "Spring talk")

    assert {
        "/events/spring-talk/",
        "/events/spring-talk/event.ics",
        "/events/",
        "/events/archive/",
        "/events/calendar.ics",
        "/",
    } <= purged_paths()


# -- Site pages ---------------------------------------------------------------------------------


def test_the_site_pages_and_the_demonstration_are_made_once(home):
    config = apps.get_app_config("events")
    for _ in range(2):
        config.ensure_site_pages(home)
        config.ensure_demo_content(home)

    index = EventIndexPage.objects.get()
    event = EventPage.objects.get()
    assert index.live and event.live and not event.has_ended
    assert "It does not take place." in Client().get("/events/").content.decode()


def test_the_spanish_home_gets_its_own_events_index_in_spanish(home, spanish):
    spanish_home = home.copy_for_translation(spanish)
    publish_unreviewed(spanish_home)

    index = event_index_of(spanish_home)

    assert index.url == "/es/eventos/"
    page = Client().get(index.url).content.decode()
    assert "Por ahora no hay próximos eventos." in page
    assert 'href="/es/eventos/calendar.ics"' in page
    assert Client().get("/es/eventos/calendar.ics")["Content-Type"].startswith("text/calendar")


def test_an_editor_previews_a_new_event(people, index):
    editor = as_user(people["editor"])
    on_add = reverse("wagtailadmin_pages:preview_on_add", args=["events", "eventpage", index.pk])
    assert editor.post(on_add, event_form()).json()["is_valid"]
    page = editor.get(on_add, {"mode": ""})
    assert page.status_code == 200
    assert "The yearly meeting of the foundation’s members." in page.content.decode()


def test_a_spanish_event_file_with_an_accented_address_is_served(index):
    new_event(index, "Reunión de familias", slug="reunión-de-familias")
    response = Client().get("/events/reuni%C3%B3n-de-familias/event.ics")
    assert response.status_code == 200
    assert "SUMMARY:Reunión de familias" in unfolded(response.content.decode("utf-8"))


@pytest.mark.parametrize(
    "path", ["/no-such-page/event.ics", "/treatments/event.ics", "/events/calendar.ics/x.ics"]
)
def test_a_calendar_file_of_no_event_is_not_found(index, path):
    assert Client().get(path).status_code == 404
