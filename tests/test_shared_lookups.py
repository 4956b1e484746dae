"""Lookups shared between requests (page_cache.shared) never show what has since changed.

Each test renders pages first, so the lookups are in the cache, then changes the guide the
way an editor or moderator does, and checks what a visitor gets next. "?uncached=1" keeps
the page cache out of it: every visit renders.
"""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Page, PageViewRestriction, Site

from treatments.models import GuideSettings, TherapyCategoryPage, TreatmentPage

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


def test_a_page_taken_offline_without_signals_is_still_not_served(baclofen):
    """The shared route only says where to look: the page read must still be live there.

    (As when another app server's memory missed the purge: a bulk update sends no signal.)
    """
    assert visit(baclofen.url).status_code == 200
    TreatmentPage.objects.filter(pk=baclofen.pk).update(live=False)
    assert visit(baclofen.url).status_code == 404


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


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
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
