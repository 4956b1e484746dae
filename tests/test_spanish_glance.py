"""The Spanish "At a glance" table and list for the doctor, and navigation in the reader's
language: a Spanish reader sees only Spanish treatments that are live and medically reviewed,
in a Spanish interface, and every home link, guide link and credit is of the Spanish edition.
The Spanish text here is made up by the tests (titles marked "(ES)")."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import publish_unreviewed, set_live_disclaimer
from tests.test_query_budgets import cold_queries
from tests.test_spanish_site import (
    REVIEWED_AT,
    baclofen,
    spanish,
    switch_of,
    translate,
    translate_with_ancestors,
)
from treatments.models import HomePage, TreatmentGuidePage, TreatmentPage

TABLE = "/treatments/at-a-glance/"
LIST = "/treatments/for-your-doctor/"
pytestmark = pytest.mark.django_db


def english(slug):
    return TreatmentPage.objects.get(slug=slug, locale__language_code="en")


def ticks_of(response):
    return [int(pk) for pk in re.findall(r'name="t" value="(\d+)"', response.content.decode())]


def listed_titles(response):
    return re.findall(r'<h2 id="treatment-\d+">(.*?)</h2>', response.content.decode())


def header_of(response):
    content = response.content.decode()
    start = content.index('<header class="site-header">')
    return content[start : content.index("</header>", start)]


def spanish_guide():
    return TreatmentGuidePage.objects.get(locale=spanish())


def test_the_spanish_table_lists_only_live_reviewed_spanish_treatments_in_spanish(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())
    translate_with_ancestors(english("diazepam"), reviewed=False)  # live, not reviewed

    response = client.get("/es" + TABLE)

    assert response.status_code == 200
    assert ticks_of(response) == [spanish_baclofen.pk]
    text = visible_text(response)
    assert "(ES) Baclofen" in text
    assert "Diazepam" not in text and "Rituximab" not in text
    for words in (
        "Tratamientos de un vistazo",
        "Filtrar tratamientos",
        "Cómo se administra",
        "Línea de tratamiento",
        "Hacer una lista para su médico",
        "Se muestran 1 de 1 tratamiento.",
        "ordenados por nombre del tratamiento (ascendente)",
        "Añadir (ES) Baclofen a la lista para su médico",
    ):
        assert words in text, words
    content = response.content.decode()
    assert '<html lang="es">' in content
    assert 'aria-sort="ascending"' in content  # ARIA's own word, in no language
    assert f'href="/es{baclofen().url}"' in content
    assert 'action="/es/treatments/for-your-doctor/"' in content


def test_the_spanish_tables_filters_offer_only_the_categories_it_lists(guide, client):
    translate_with_ancestors(baclofen())

    content = client.get("/es" + TABLE).content.decode()
    categories = re.search(r'<select id="filter-category".*?</select>', content, re.S).group(0)
    assert "Muscle Relaxants" in categories  # the Spanish copy keeps the English title
    assert "Immunotherapies" not in categories


def test_the_english_table_is_unchanged_by_a_spanish_edition(guide, client):
    translate_with_ancestors(baclofen())

    response = client.get(TABLE)

    english_live = TreatmentPage.objects.live().filter(locale__language_code="en")
    assert sorted(ticks_of(response)) == sorted(english_live.values_list("pk", flat=True))
    text = visible_text(response)
    assert "(ES)" not in text
    assert "Treatments at a glance" in text and "Make a list for your doctor" in text
    assert "Tratamientos" not in text


def test_the_table_links_to_the_other_languages_table_only_once_that_guide_is_reviewed(
    guide, client
):
    translate(HomePage.objects.get())
    spanish_guide_page = translate(guide, reviewed=False)
    english_table = client.get(TABLE)
    assert switch_of(english_table) == ""
    assert "hreflang" not in english_table.content.decode().split("<body")[0]

    record_review(spanish_guide_page, REVIEWED_AT, next_review_due=datetime.date(2027, 12, 1))

    english_table = client.get(TABLE)
    switch = switch_of(english_table)
    assert 'href="http://testserver/es/treatments/at-a-glance/"' in switch
    assert "Leer esta página en español" in switch
    head = english_table.content.decode().split("<body")[0]
    for link in (
        '<link rel="alternate" hreflang="en" href="http://testserver/treatments/at-a-glance/">',
        '<link rel="alternate" hreflang="es" href="http://testserver/es/treatments/at-a-glance/">',
        '<link rel="alternate" hreflang="x-default" '
        'href="http://testserver/treatments/at-a-glance/">',
    ):
        assert link in head
    spanish_table = client.get("/es" + TABLE)
    assert 'href="http://testserver/treatments/at-a-glance/"' in switch_of(spanish_table)

    spanish_guide_page.unpublish()
    assert switch_of(client.get(TABLE)) == ""


def test_the_spanish_list_for_the_doctor_shows_cautions_reviews_addresses_and_disclaimer(
    guide, client, site
):
    set_live_disclaimer("(ES) Aviso de prueba.", "es")
    spanish_baclofen = translate_with_ancestors(baclofen())
    spanish_rituximab = translate_with_ancestors(english("rituximab"))

    response = client.get("/es" + LIST, {"t": [spanish_rituximab.pk, spanish_baclofen.pk]})

    assert response.status_code == 200
    assert listed_titles(response) == ["(ES) Baclofen", "(ES) Rituximab"]
    content, text = response.content.decode(), visible_text(response)
    for page in (spanish_baclofen, spanish_rituximab):
        address = page.get_full_url()
        assert address.endswith(page.url) and page.url.startswith("/es/treatments/")
        assert f'<a href="{address}">{address}</a>' in content
    assert "Revisada médicamente por Test Reviewer, MD el 1 de diciembre de 2026" in text
    assert "Tratamientos para hablar con su médico" in text
    assert "Lista hecha el" in text
    assert "(ES) Aviso de prueba." in text
    # The guide's cautions, quoted once for both treatments with a link to where the Spanish
    # guide says them.
    english_guide_caution = guide.cautions[0].value["text"]
    assert text.count(english_guide_caution) == 1
    assert 'href="/es/treatments/#caution-' in content


def test_an_english_or_unreviewed_treatment_ticked_on_the_spanish_list_is_left_out(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())
    unreviewed = translate_with_ancestors(english("diazepam"), reviewed=False)

    response = client.get(
        "/es" + LIST, {"t": [spanish_baclofen.pk, english("rituximab").pk, unreviewed.pk]}
    )

    assert response.status_code == 200
    assert listed_titles(response) == ["(ES) Baclofen"]
    assert "2 de los tratamientos que eligió ya no están en la guía" in visible_text(response)

    only_english = client.get("/es" + LIST, {"t": [english("rituximab").pk]})
    assert only_english.status_code == 404
    assert "Ninguno de los tratamientos que eligió" in visible_text(only_english)


def test_the_spanish_list_refuses_bad_input_in_spanish(guide, client):
    translate_with_ancestors(baclofen())

    response = client.get("/es" + LIST, {"t": "abc"})

    assert response.status_code == 400
    text = visible_text(response)
    assert "Esta dirección no indica tratamientos de la guía." in text
    assert "Vaya a la tabla de tratamientos" in text
    assert 'href="/es/treatments/at-a-glance/"' in response.content.decode()


def test_home_links_lead_to_the_readers_language_root(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    english_page = client.get(baclofen().url).content.decode()
    spanish_page = client.get(spanish_baclofen.url).content.decode()
    assert '<a class="site-header__brand" href="/">' in english_page
    assert '<a class="site-header__brand" href="/es/">' in spanish_page
    assert '<li><a href="/">Home</a></li>' in english_page
    assert '<li><a href="/es/">' in spanish_page and '<li><a href="/">' not in spanish_page
    for path in ("/es" + TABLE, "/es/search/?q=baclofen"):
        assert '<a class="site-header__brand" href="/es/">' in client.get(path).content.decode()


def test_the_header_leads_to_the_guide_of_the_readers_language(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    for path in (spanish_baclofen.url, "/es/search/?q=baclofen", "/es" + TABLE):
        header = header_of(client.get(path))
        assert 'href="/es/treatments/"' in header and 'href="/treatments/"' not in header, path
        assert 'href="/es/treatments/at-a-glance/"' in header, path
    english_header = header_of(client.get("/search/?q=baclofen"))
    assert 'href="/treatments/"' in english_header and "/es/" not in english_header


def render_guide_page_tag(path, language, page=None):
    request = RequestFactory().get(path)
    with translation.override(language):
        return Template("{% load guide_tags %}{% guide_page as guide %}{{ guide.pk }}").render(
            Context({"request": request, "page": page})
        )


def test_the_guide_page_tag_picks_the_guide_of_the_pages_language_else_the_active_one(guide):
    spanish_home = translate(HomePage.objects.get())
    spanish_guide_page = translate(guide, reviewed=False)

    # A translated guide whose live text was never reviewed is no guide for its readers.
    assert render_guide_page_tag("/es/", "es") == ""
    record_review(spanish_guide_page, REVIEWED_AT, next_review_due=datetime.date(2027, 12, 1))

    assert render_guide_page_tag("/es/", "es") == str(spanish_guide_page.pk)
    assert render_guide_page_tag("/", "en") == str(guide.pk)
    # The page's language wins over the active one (an editor's preview, say).
    assert render_guide_page_tag("/es/", "en", page=spanish_home) == str(spanish_guide_page.pk)
    assert render_guide_page_tag(
        "/", "es", page=HomePage.objects.get(locale__language_code="en")
    ) == str(guide.pk)


def test_the_spanish_guide_credits_people_with_their_translated_roles(guide, client):
    translate_with_ancestors(baclofen())
    credited = guide.people.select_related("person").first().person
    person_es = credited.copy_for_translation(spanish())
    person_es.role = "(ES) paciente con SPS"
    person_es.save()
    publish_unreviewed(person_es)  # as the approval of its review publishes it

    spanish_text = visible_text(client.get("/es/treatments/"))
    assert f"{credited.display_name} y (ES) paciente con SPS" in spanish_text
    assert "Quién escribió esta guía" in spanish_text
    assert "(ES) paciente con SPS" in visible_text(
        client.get(baclofen().url.replace("/t", "/es/t", 1))
    )
    english_text = visible_text(client.get("/treatments/"))
    assert "(ES)" not in english_text and "Who wrote this guide" in english_text


# Queries of a cold render of the Spanish table and list (see tests/test_query_budgets.py):
# beyond the English ones, Wagtail's routing reads the Spanish home page, the Spanish table
# reads which treatments' live text was reviewed, and both read the live Spanish names of the
# routes. Every page reads the foundation's live identity (header, footer).
SPANISH_TABLE_BUDGET = 17
SPANISH_LIST_BUDGET = 17


def queries_of(url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        cold_queries(url)
    return len(captured)


def test_the_spanish_table_and_list_cost_the_same_queries_for_one_treatment_or_three(
    guide, django_assert_max_num_queries
):
    first = translate_with_ancestors(baclofen())
    list_of = "/es" + LIST + "?t={}"
    table_one = queries_of("/es" + TABLE, django_assert_max_num_queries, SPANISH_TABLE_BUDGET)
    list_one = queries_of(
        list_of.format(first.pk), django_assert_max_num_queries, SPANISH_LIST_BUDGET
    )

    others = [translate_with_ancestors(english(slug)) for slug in ("diazepam", "rituximab")]
    ids = "&t=".join(str(page.pk) for page in (first, *others))
    table_three = queries_of("/es" + TABLE, django_assert_max_num_queries, SPANISH_TABLE_BUDGET)
    list_three = queries_of(list_of.format(ids), django_assert_max_num_queries, SPANISH_LIST_BUDGET)

    assert (table_one, list_one) == (table_three, list_three)
