import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import Locale, Site

from tests.review_support import (
    edit,
    new_treatment,
    role_accounts,
    spanish_pages_above,
)
from treatments.loading import load_treatment_guide
from treatments.models import HomePage, TreatmentGuidePage, TreatmentPage

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from such a thread unless told it is safe (it is: the tests are single-threaded).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_itemcollected(item):
    """Under pytest-xdist (`--dist loadgroup`) the tests that commit to the database run on one
    worker, in the order pytest-django gives them, as in a single process: each restores the
    snapshot of the loaded guide from the empty database the previous one left.
    """
    marker = item.get_closest_marker("django_db")
    commits = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    if commits or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.xdist_group("transactional"))


def pytest_collection_modifyitems(items):
    """Tests marked `last` run after all others (pytest-django has put transactional ones last)."""
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Loads the seed guide once into the test database; each test's changes roll back.

    Transactional tests (browser tests) flush the database when they end; the snapshot
    taken here, guide included, is what their serialized rollback restores.
    """
    with django_db_blocker.unblock():
        load_treatment_guide()
        # Set on the wrapper class, not the object: browser tests were seen to get a new
        # wrapper object for the same database, and Django looks the snapshot up with
        # hasattr() on whichever object the test has.
        type(
            connection.creation.connection
        )._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def guide(db):
    """The whole guide loaded from the seed, as `make run` loads it."""
    return TreatmentGuidePage.objects.get()


@pytest.fixture
def users(guide):
    """One account per role (editor, two advisors, moderator, superuser), by role name."""
    return role_accounts()


@pytest.fixture
def in_review(client, users, guide):
    """A made-up treatment whose editor's change "Reviewamide (revised)" waits for review."""
    page = new_treatment(guide)
    client.force_login(users["editor"])
    edit(client, page, "action-submit", title="Reviewamide (revised)", regimen="Twice daily.")
    page.refresh_from_db()
    return page


@pytest.fixture
def spanish(db):
    """The Spanish locale, the site's second content language."""
    return Locale.objects.get(language_code="es")


@pytest.fixture
def english(guide):
    """A made-up live English treatment, "Reviewamide", to translate."""
    return new_treatment(guide)


@pytest.fixture
def spanish_advisor(users):
    """An advisor whose reviewer profile lists English and Spanish."""
    return role_accounts("spanish_advisor")["spanish_advisor"]


@pytest.fixture
def translated(client, users, english, spanish, django_capture_on_commit_callbacks):
    """The editor's "Translate" of a live English treatment in simple_translation's view (with
    what runs after the commit): a Spanish draft below the live Spanish pages above it."""
    spanish_pages_above(english, spanish)
    client.force_login(users["editor"])
    submit = reverse("simple_translation:submit_page_translation", args=[english.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit, {"locales": [spanish.pk]})
    assert response.status_code == 302
    return TreatmentPage.objects.get(pk=english.get_translation(spanish).pk)


@pytest.fixture
def empty_site(db):
    """The database as migrations leave it, before the guide is loaded."""
    HomePage.objects.all().delete()


@pytest.fixture
def site(guide):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback, guide):
    """The loaded guide served by a real server, the default Site pointing at it.

    The test runs in a real transaction (the server thread must see its data); serialized
    rollback restores the loaded guide, which the previous such test flushed away. The
    search index is not part of that snapshot, so it is rebuilt.
    """
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    call_command("update_index", verbosity=0)
    return live_server


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def search_index(db):
    """Rebuilds the search index (for tests that create pages outside the loader)."""
    return lambda: call_command("update_index", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty Django cache: nothing one test kept leaks into another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_configure(config):
    """The Spanish interface words are compiled for the tests as `make install` compiles them."""
    from editions.catalogues import compile_catalogues

    compile_catalogues(only_stale=True)
