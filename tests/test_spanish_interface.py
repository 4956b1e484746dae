"""The interface words of the public site are Spanish on Spanish pages and English on English
pages; every word of the Spanish catalogue has a Spanish text. The Spanish pages are made by the
tests (titles marked "(ES)"): the page content stays whatever the translator wrote."""

import re
from pathlib import Path

import polib
from django.conf import settings

from glossary.loading import load_glossary
from glossary.models import GlossaryPage
from tests.page_text import visible_text
from tests.test_spanish_site import (
    BACLOFEN,
    baclofen,
    spanish,
    translate,
    translate_with_ancestors,
)

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
CATEGORY = "/treatments/symptomatic-relief/"
GLOSSARY = "/treatments/glossary/"

# What every public page says around its content, in each language.
FRAME = {
    "en": ["Skip to main content", "SPS Treatment Guide", "At a glance", "Search the guide"],
    "es": ["Saltar al contenido principal", "Guía de tratamientos del SPS", "De un vistazo"],
}


def og_locale(response):
    return re.search(r'<meta property="og:locale" content="([^"]+)">', response.content.decode())[1]


def breadcrumb_of(response):
    content = response.content.decode()
    start = content.index('class="breadcrumbs"')
    return content[content.rindex("<nav", 0, start) : content.index("</nav>", start)]


def test_a_spanish_treatment_page_speaks_spanish_around_the_translators_text(guide, client):
    translate_with_ancestors(baclofen())
    translate(baclofen().get_siblings(inclusive=False).live().first())

    response = client.get("/es" + BACLOFEN)
    text = visible_text(response)

    assert response.status_code == 200
    for words in [
        *FRAME["es"],
        "Datos clave",
        "Nombre genérico",
        "Nombres comerciales",
        "Cómo se administra",
        "Importante: lea antes de usar",
        "Más en esta categoría",
        "Impreso desde http://testserver/es" + BACLOFEN,
    ]:
        assert words in text, words
    for english in ["Key facts", "Skip to main content", "Important: read before use", "Printed"]:
        assert english not in text, english
    assert "(ES) Baclofen" in text
    assert og_locale(response) == "es_ES"
    breadcrumb = breadcrumb_of(response)
    assert 'aria-label="Ruta de navegación"' in breadcrumb and ">Inicio</a>" in breadcrumb


def test_the_english_treatment_page_keeps_its_english_words(guide, client):
    translate_with_ancestors(baclofen())

    response = client.get(BACLOFEN)
    text = visible_text(response)

    for words in [*FRAME["en"], "Key facts", "Generic name", "Brand names", "Printed from"]:
        assert words in text, words
    for spanish_words in ["Datos clave", "Saltar al contenido", "Guía de tratamientos", "Inicio"]:
        assert spanish_words not in text, spanish_words
    assert og_locale(response) == "en_US"
    breadcrumb = breadcrumb_of(response)
    assert 'aria-label="Breadcrumb"' in breadcrumb and ">Home</a>" in breadcrumb


def test_a_spanish_category_page_names_its_sections_in_spanish(guide, client):
    translate_with_ancestors(baclofen())  # the category, the one below it and a treatment

    text = visible_text(client.get("/es" + CATEGORY))

    assert "En esta categoría" in text
    assert "Saltar al contenido principal" in text
    assert "In this category" not in text
    assert "In this category" in visible_text(client.get(CATEGORY))


def test_the_spanish_guide_page_lists_all_treatments_by_category_in_spanish(guide, client):
    translate_with_ancestors(guide)

    text = visible_text(client.get("/es/treatments/"))

    assert "Todos los tratamientos por categoría" in text
    assert "All treatments by category" not in text
    assert "All treatments by category" in visible_text(client.get("/treatments/"))


def test_the_spanish_home_page_heads_its_sections_in_spanish(guide, client):
    # The Spanish guide with one category path and treatment: the home page lists them.
    translate_with_ancestors(baclofen())

    text = visible_text(client.get("/es/"))

    for words in [
        *FRAME["es"],
        "los puntos clave",
        "Citado de la introducción de la guía",
        "Leer la guía:",
        "Buscar un tratamiento",
        "Tratamientos por categoría",
        "Comparar todos los tratamientos de un vistazo",
    ]:
        assert words in text, words
    assert "Find a treatment" not in text and "Quoted from" not in text
    english = visible_text(client.get("/"))
    for words in [*FRAME["en"], "the key points", "Find a treatment", "Treatments by category"]:
        assert words in english, words


def test_the_spanish_glossary_page_speaks_spanish_where_it_has_no_terms_yet(guide, client):
    load_glossary()
    translate_with_ancestors(GlossaryPage.objects.get(locale__language_code="en"))
    assert GlossaryPage.objects.filter(locale=spanish()).exists()

    text = visible_text(client.get("/es" + GLOSSARY))

    assert "Palabras que explica la guía, con las palabras de la propia guía." in text
    assert "Todavía no hay términos en el glosario." in text
    assert "Volver a (ES)" in text
    english = visible_text(client.get(GLOSSARY))
    assert "Words the guide explains" in english and "Not yet medically reviewed." in english


def test_every_word_of_the_spanish_catalogue_has_a_spanish_text():
    catalogue = polib.pofile(str(CATALOGUE))

    missing = [entry.msgid for entry in catalogue if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]

    assert len(catalogue) > 100
    assert missing == []
    assert fuzzy == []
