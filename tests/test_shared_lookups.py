"""Lookups shared between requests (page_cache.shared) never show what has since changed.

Each test renders pages first, so the shared lookups (the site, the routed page, its
ancestors, the lists, the settings) are in the cache, then changes the guide the way an
editor or moderator does, and checks what a visitor gets next. "?uncached=1" keeps
the page cache out of it: every visit renders.
"""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Page, PageViewRestriction, Site

from treatments.models import (
    GuideSettings,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentPage,
)

UNCACHED = "?uncached=1"


def visit(url):
    return Client().get(url + UNCACHED)


@pytest.fixture
def baclofen(guide):
    return TreatmentPage.objects.get(slug="baclofen")


def test_a_moved_treatment_is_found_at_its_new_address_only(baclofen):
    old_url = baclofen.url
    assert visit(old_url).status_code == 200
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")

    baclofen.move(immunotherapies, pos="last-child")

    new_url = "/treatments/immunotherapies/baclofen/"
    old = visit(old_url)  # Wagtail leaves a redirect behind
    assert (old.status_code, old["Location"]) == (301, new_url)
    moved = visit(new_url)
    assert moved.status_code == 200
    assert "Immunotherapies" in moved.content.decode()  # the breadcrumbs follow


def test_a_treatment_made_private_asks_for_the_password_even_after_public_visits(baclofen):
    assert visit(baclofen.url).status_code == 200
    assert "Baclofen" in visit("/treatments/").content.decode()

    PageViewRestriction.objects.create(
        page=baclofen.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert 'name="password"' in visit(baclofen.url).content.decode()
    assert ">Baclofen<" not in visit("/treatments/").content.decode()


def test_a_draft_shows_in_its_preview_but_never_in_the_shared_page(baclofen, admin_client):
    assert "Draftbrandol" not in visit(baclofen.url).content.decode()
    baclofen.brand_names.add(TreatmentBrandName(name="Draftbrandol"))
    baclofen.save_revision()

    preview = admin_client.get(f"/admin/pages/{baclofen.pk}/view_draft/")
    assert "Draftbrandol" in preview.content.decode()
    assert "Draftbrandol" not in visit(baclofen.url).content.decode()
    assert "Draftbrandol" not in visit("/treatments/").content.decode()


def test_new_settings_and_site_name_show_on_the_next_render(guide):
    visit("/")
    site = Site.objects.get(is_default_site=True)
    settings = GuideSettings.for_site(site)
    settings.disclaimer = "Changed by a moderator just now."
    settings.save()
    assert "Changed by a moderator just now." in visit("/").content.decode()


def test_a_published_title_shows_in_the_header_and_breadcrumbs_of_other_pages(baclofen):
    assert visit(baclofen.url).status_code == 200
    guide = Page.objects.get(slug="treatments").specific
    guide.title = "The SPS treatment guide, renamed"
    guide.save_revision().publish()
    assert "The SPS treatment guide, renamed" in visit(baclofen.url).content.decode()


@override_settings(
    CACHES={
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in ("default", "pages")
    }
)
@pytest.mark.parametrize(
    "url, heading",
    [
        ("/", "SPS Treatment Guide"),
        ("/treatments/", "Treatments for SPS"),
        ("/treatments/symptomatic-relief/", "Symptomatic Relief for Muscle Spasms and Pain"),
        ("/treatments/symptomatic-relief/muscle-relaxants/baclofen/", "Baclofen"),
        ("/treatments/at-a-glance/", "Treatments at a glance"),
    ],
)
def test_pages_render_from_the_database_when_the_cache_keeps_nothing(guide, url, heading):
    """A cache that is down (Redis stopped) answers nothing: every lookup is read afresh."""
    response = Client().get(url)
    assert response.status_code == 200
    assert f">{heading}</h1>" in response.content.decode()
    assert cache.get("page_cache:generation") is None


@override_settings(PAGE_CACHE_SHARED_LOOKUPS=False)
def test_sharing_can_be_switched_off_and_every_render_reads_everything(baclofen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert visit(baclofen.url).status_code == 200
        counts.append(len(queries))
    # Only Wagtail's own cache of site root paths still saves the second render a query.
    assert counts[1] >= counts[0] - 1 > 3


def test_an_alias_of_a_private_page_is_private_too(baclofen):
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")
    alias = baclofen.create_alias(parent=immunotherapies, update_slug="baclofen-alias")
    assert visit(alias.url).status_code == 200

    PageViewRestriction.objects.create(
        page=baclofen, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert 'name="password"' in visit(alias.url).content.decode()
    assert "baclofen-alias" not in visit("/treatments/").content.decode()
