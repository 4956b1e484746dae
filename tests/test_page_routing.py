"""What a visitor finds at a page's address as the guide changes: moves, privacy, aliases,
drafts. "?uncached=1" keeps the page cache out of it: every visit renders.
"""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from treatments.models import TherapyCategoryPage, TreatmentBrandName, TreatmentPage

UNCACHED = "?uncached=1"


def visit(url):
    return Client().get(url + UNCACHED)


@pytest.fixture
def baclofen(guide):
    return TreatmentPage.objects.get(slug="baclofen")


def test_a_moved_treatment_is_found_at_its_new_address_and_the_old_one_redirects(baclofen):
    old_url = baclofen.url
    assert visit(old_url).status_code == 200
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")

    baclofen.move(immunotherapies, pos="last-child")

    new_url = "/treatments/immunotherapies/baclofen/"
    old = visit(old_url)  # Wagtail leaves a redirect behind
    assert (old.status_code, old["Location"]) == (301, new_url)
    moved = visit(new_url)
    assert moved.status_code == 200
    breadcrumbs = moved.content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Immunotherapies" in breadcrumbs


def test_a_treatment_made_private_asks_for_the_password_and_leaves_the_lists(baclofen):
    assert visit(baclofen.url).status_code == 200
    assert ">Baclofen<" in visit("/treatments/").content.decode()

    PageViewRestriction.objects.create(
        page=baclofen.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert 'name="password"' in visit(baclofen.url).content.decode()
    assert ">Baclofen<" not in visit("/treatments/").content.decode()
    assert ">Baclofen<" not in visit("/treatments/at-a-glance/").content.decode()


def test_an_alias_of_a_private_page_is_private_too(baclofen):
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")
    alias = baclofen.create_alias(parent=immunotherapies, update_slug="baclofen-alias")
    assert visit(alias.url).status_code == 200
    assert "baclofen-alias" in visit("/treatments/").content.decode()

    PageViewRestriction.objects.create(
        page=baclofen, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert 'name="password"' in visit(alias.url).content.decode()
    assert "baclofen-alias" not in visit("/treatments/").content.decode()
    assert "baclofen-alias" not in visit("/treatments/at-a-glance/").content.decode()


def test_a_draft_shows_in_its_preview_but_never_on_the_public_pages(baclofen, admin_client):
    baclofen.brand_names.add(TreatmentBrandName(name="Draftbrandol"))
    baclofen.save_revision()

    preview = admin_client.get(f"/admin/pages/{baclofen.pk}/view_draft/")
    assert "Draftbrandol" in preview.content.decode()
    for url in (baclofen.url, "/treatments/", "/treatments/at-a-glance/"):
        assert "Draftbrandol" not in visit(url).content.decode(), url
