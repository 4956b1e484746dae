"""`make audit` runs Lighthouse on one live page of each of the foundation's page types, found
through the site's own API; Lighthouse itself is not run here."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from wagtail.rich_text import RichText

from content_pages.models import ContentPage
from tests.foundation_support import load_site
from tests.news_events_support import (
    english_home,
    event_index_of,
    new_article,
    new_event,
    news_index_of,
)
from tests.review_support import publish_unreviewed

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
import lighthouse_audit  # noqa: E402

BASE = "http://testserver"


def from_the_site(url):
    """What the running site's API answers at `url`."""
    response = Client().get(url.removeprefix(BASE))
    assert response.status_code == 200, url
    return response.json()


@pytest.mark.django_db
def test_the_audit_finds_one_live_page_of_each_new_type(guide):
    load_site()
    home = english_home()
    new_article(news_index_of(home), "Our autumn walk")
    new_event(event_index_of(home), "Members’ meeting")
    about = ContentPage(
        title="About the foundation",
        slug="about",
        body=[("text", RichText("<p>Who we are.</p>"))],
        live=False,
    )
    home.add_child(instance=about)
    publish_unreviewed(about)

    paths, missing = lighthouse_audit.foundation_page_paths(BASE, fetch_json=from_the_site)

    assert missing == []
    assert paths == {
        "content": "/about/",
        "news": "/news/",
        "article": "/news/our-autumn-walk/",
        "events": "/events/",
        "event": "/events/members-meeting/",
        "contact": "/contact/",
        "how made": "/how-this-guide-is-made/",
        "privacy": "/privacy/",
    }
    for path in paths.values():
        assert Client().get(path).status_code == 200, path


@pytest.mark.django_db
def test_a_type_with_no_live_page_is_named_and_skipped(guide):
    load_site()  # the site as production has it: no article, event or content page yet

    paths, missing = lighthouse_audit.foundation_page_paths(BASE, fetch_json=from_the_site)

    assert missing == ["content", "article", "event"]
    assert set(paths) == {"news", "events", "contact", "how made", "privacy"}


def test_the_script_explains_itself():
    completed = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(SCRIPTS / "lighthouse_audit.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "one live page of each" in " ".join(completed.stdout.split())
