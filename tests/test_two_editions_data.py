"""The loader and the API with a Spanish tree beside the English guide."""

import pytest
from wagtail.models import Locale, Page, Site

from tests.review_support import a_treatment, publish_unreviewed
from treatments.loading import load_treatment_guide
from treatments.models import HomePage, Person, TreatmentGuidePage, TreatmentPage

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


@pytest.fixture
def spanish_treatment(guide):
    """A live Spanish translation of a treatment, with the Spanish tree above it."""
    spanish = Locale.objects.get(language_code="es")
    copy = a_treatment(guide).copy_for_translation(spanish, copy_parents=True)
    copy.title = f"(ES) {copy.title}"
    publish_unreviewed(copy)
    for person in Person.objects.filter(locale=Locale.get_default()):
        person.copy_for_translation(spanish).save()
    return TreatmentPage.objects.get(pk=copy.pk)


def test_reloading_the_guide_leaves_the_spanish_tree_alone(spanish_treatment):
    pages_before = set(Page.objects.values_list("pk", "locale_id", "title", "live"))
    people_before = Person.objects.count()

    report = load_treatment_guide()

    assert report.created == []
    assert set(Page.objects.values_list("pk", "locale_id", "title", "live")) == pages_before
    assert Person.objects.count() == people_before
    english_home = HomePage.objects.get(locale=Locale.get_default())
    assert Site.objects.get(is_default_site=True).root_page_id == english_home.pk
    assert TreatmentGuidePage.objects.filter(locale__language_code="es").exists()


def listing(client, **params):
    return client.get(PAGES, {"limit": 100, "fields": "locale", **params})


def test_the_api_lists_the_english_edition_unless_asked_for_spanish(client, spanish_treatment):
    english = listing(client).json()
    assert english["items"]
    assert {item["meta"]["locale"] for item in english["items"]} == {"en"}
    assert spanish_treatment.title not in {item["title"] for item in english["items"]}

    spanish = listing(client, locale="es").json()
    # The Spanish guide and category above the translation are aliases of the English
    # ones (English text): only the translation itself is listed.
    assert [(item["title"], item["meta"]["locale"]) for item in spanish["items"]] == [
        (spanish_treatment.title, "es")
    ]

    assert listing(client, locale="fr").status_code == 404
