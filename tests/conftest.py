import os

import pytest
from django.core.management import call_command
from wagtail.models import Site

from treatments.loading import load_treatment_guide
from treatments.models import TreatmentGuidePage

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from such a thread unless told it is safe (it is: the tests are single-threaded).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def guide(db):
    """The whole guide loaded from the seed, as `make run` loads it."""
    load_treatment_guide()
    return TreatmentGuidePage.objects.get()


@pytest.fixture
def site(guide):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def live_site(live_server, guide):
    """The loaded guide served by a real server, the default Site pointing at it."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
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
