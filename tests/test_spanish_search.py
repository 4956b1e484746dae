"""Spanish search lists the reviewed Spanish pages, never the aliases of English ones above them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.review_support import ATTESTED, edit, workflow_action
from tests.test_query_budgets import BUDGET
from treatments.models import TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Reviewamida (traducción de prueba)"


@pytest.fixture
def reviewed_translation(client, users, translated, spanish_advisor):
    """The editor's Spanish translation, submitted and approved by a Spanish-reviewing advisor."""
    client.force_login(users["editor"])
    edit(client, translated, "action-submit", title=SPANISH_TITLE)
    client.force_login(spanish_advisor)
    workflow_action(client, translated, "approve", ATTESTED)
    client.logout()
    page = TreatmentPage.objects.get(pk=translated.pk)
    assert page.live and page.title == SPANISH_TITLE
    return page


def spanish_search(client, query):
    return client.get("/es/search/", {"q": query})


def found_urls(response):
    return [result.url for result in response.context["results"]]


def test_searching_spanish_for_the_category_title_lists_no_alias(client, reviewed_translation):
    # An alias of an English category in the Spanish tree, as older databases hold them.
    english = TherapyCategoryPage.objects.filter(locale__language_code="en").last()
    category = english.copy_for_translation(
        reviewed_translation.locale, copy_parents=True, alias=True
    )
    assert category.alias_of_id is not None
    aliases = Page.objects.filter(locale=reviewed_translation.locale, alias_of__isnull=False)

    response = spanish_search(client, category.title)

    assert response.status_code == 200
    assert not set(found_urls(response)) & {alias.url for alias in aliases}
    assert category.title not in [result.title for result in response.context["results"]]


def test_searching_spanish_finds_the_reviewed_spanish_page(client, reviewed_translation):
    response = spanish_search(client, "Reviewamida")

    assert found_urls(response) == [reviewed_translation.url]
    assert SPANISH_TITLE in response.content.decode()


def test_an_aliased_treatment_is_neither_found_nor_suggested_in_spanish(client, guide, spanish):
    baclofen = TreatmentPage.objects.get(slug="baclofen", locale__language_code="en")
    alias = baclofen.copy_for_translation(spanish, copy_parents=True, alias=True)
    assert alias.live and alias.alias_of_id == baclofen.pk

    searched = spanish_search(client, "baclofen")
    suggested = client.get("/es/search/suggest/", {"q": "baclo"})

    assert searched.status_code == 200 and found_urls(searched) == []
    assert suggested.status_code == 200 and suggested.json()["suggestions"] == []
    # English search is unchanged.
    assert client.get("/search/suggest/", {"q": "baclo"}).json()["suggestions"]
    assert baclofen.url in found_urls(client.get("/search/", {"q": "baclofen"}))


def test_leaving_out_aliases_costs_no_query(client, reviewed_translation):
    query = {"q": "Reviewamida", "uncached": "1"}
    client.get("/es/search/", query)  # the first search of a query records it
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/es/search/", query)
    assert response.context["results"]
    assert len(queries) <= BUDGET["search"]
