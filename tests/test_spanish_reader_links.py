"""A Spanish reader is never sent to the "not available in Spanish" note: `/es/` is always a
Spanish home page, and the breadcrumbs, the header and the cautions' sources of a Spanish page
lead to the Spanish page where one is live and reviewed, else to the English page, which the
link marks as English. The Spanish text here is made up by the tests (titles marked "(ES)")."""

import datetime
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.test import Client
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import publish_unreviewed, set_live_disclaimer
from tests.test_spanish_site import (
    BACLOFEN,
    REVIEWED_AT,
    baclofen,
    spanish,
    translate,
    translate_with_ancestors,
)
from treatments.models import HomePage, TreatmentGuidePage

NOTE = "Esta página aún no está disponible en español"
ENGLISH_GUIDE = "Treatments for SPS"
SYMPTOMATIC_RELIEF = "Symptomatic Relief for Muscle Spasms and Pain"
MUSCLE_RELAXANTS = "Muscle Relaxants"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def reviewed_baclofen_below_aliases():
    """A live, reviewed Spanish Baclofen whose home, guide and categories are aliases of the
    English pages (English text at Spanish addresses), as "Translate" with its parents makes
    them."""
    copy = baclofen().copy_for_translation(spanish(), copy_parents=True)
    copy.title = "(ES) Baclofen"
    publish_unreviewed(copy)
    copy.refresh_from_db()
    record_review(copy, REVIEWED_AT, next_review_due=datetime.date(2027, 12, 1))
    return copy


def english_links(element):
    """The links of `element` to English pages, as (href, visible text)."""
    return [
        (a["href"], " ".join(a.get_text(" ").split())) for a in element.find_all("a", hreflang="en")
    ]


# The Spanish home page


def test_the_spanish_home_is_a_spanish_page_offering_the_english_guide(guide, client):
    response = client.get("/es/")

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text() == "Guía de tratamientos del SPS"
    main = soup.find("main")
    assert NOTE not in main.get_text()
    assert "La guía aún no tiene una versión en español revisada por un asesor médico" in (
        main.get_text()
    )
    offered = main.find("a", hreflang="en")
    assert offered["href"] == "/treatments/"
    assert offered.find("span", lang="en").get_text() == ENGLISH_GUIDE
    assert " ".join(offered.get_text(" ").split()) == f"{ENGLISH_GUIDE} (en inglés)"
    # Links and the site's name in Spanish, not the English guide's text.
    assert "Lioresal" not in main.get_text() and "the key points" not in main.get_text()
    assert "public" in response["Cache-Control"]


def test_the_spanish_home_is_spanish_when_its_translation_is_an_alias_or_a_draft(guide, client):
    reviewed_baclofen_below_aliases()
    spanish_home = HomePage.objects.get(locale=spanish())
    assert spanish_home.alias_of_id is not None and spanish_home.live

    alias = client.get("/es/")
    assert alias.status_code == 200
    assert soup_of(alias).h1.get_text() == "Guía de tratamientos del SPS"
    assert NOTE not in visible_text(alias)

    spanish_home.unpublish()
    draft = client.get("/es/")
    assert draft.status_code == 200
    assert soup_of(draft).html["lang"] == "es"
    assert NOTE not in visible_text(draft)


def test_a_reviewed_spanish_guide_leads_the_spanish_home_and_english_covers_the_rest(guide, client):
    translate_with_ancestors(baclofen())

    main = soup_of(client.get("/es/")).find("main")

    text = " ".join(main.get_text(" ").split())
    assert "Leer la guía: (ES) Treatments for SPS" in text
    assert main.find("a", href="/es/treatments/") is not None
    assert f'href="/es{BACLOFEN}"' in str(main)
    assert "están en inglés por ahora" in text
    assert english_links(main) == [("/treatments/", f"{ENGLISH_GUIDE} (en inglés)")]


def test_a_translated_home_page_keeps_its_own_title(guide, client):
    spanish_home = translate(HomePage.objects.get())

    assert soup_of(client.get("/es/")).h1.get_text() == spanish_home.title


def test_a_purge_of_the_english_home_purges_the_spanish_home_address_too(guide, site):
    batch = PurgeBatch()
    batch.add_page(HomePage.objects.get(locale__language_code="en"))

    root = site.root_url
    assert sorted(batch.urls) == [f"{root}/", f"{root}/es/"]


def test_the_english_home_offers_the_spanish_home_in_its_language_switch(guide, client):
    switch = soup_of(client.get("/")).find("nav", class_="language-switch")

    spanish_link = switch.find("a", hreflang="es")
    assert spanish_link["href"] == "http://testserver/es/"
    assert spanish_link["lang"] == "es"
    assert spanish_link["aria-label"] == "Leer esta página en español"
    assert switch.find("a", attrs={"aria-current": "true"})["hreflang"] == "en"


# Links on a reviewed Spanish page


def test_breadcrumbs_above_a_translation_lead_to_english_pages_marked_english(guide, client):
    spanish_baclofen = reviewed_baclofen_below_aliases()

    response = client.get(spanish_baclofen.url)

    assert response.status_code == 200
    crumbs = soup_of(response).find("nav", class_="breadcrumbs")
    assert crumbs.find("a")["href"] == "/es/"  # the Spanish home
    assert english_links(crumbs) == [
        ("/treatments/", f"{ENGLISH_GUIDE} (en inglés)"),
        ("/treatments/symptomatic-relief/", f"{SYMPTOMATIC_RELIEF} (en inglés)"),
        ("/treatments/symptomatic-relief/muscle-relaxants/", f"{MUSCLE_RELAXANTS} (en inglés)"),
    ]
    for span in crumbs.find_all("span", lang="en"):
        assert "(en inglés)" not in span.get_text()  # the label is Spanish, outside the span
    assert not crumbs.find("a", href=re.compile(r"^/es/treatments"))


def test_breadcrumbs_lead_to_reviewed_spanish_pages_where_there_are_some(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    crumbs = soup_of(client.get(spanish_baclofen.url)).find("nav", class_="breadcrumbs")

    hrefs = [a["href"] for a in crumbs.find_all("a")]
    assert hrefs == [
        "/es/",
        "/es/treatments/",
        "/es/treatments/symptomatic-relief/",
        "/es/treatments/symptomatic-relief/muscle-relaxants/",
    ]
    assert "(en inglés)" not in crumbs.get_text() and not crumbs.find(hreflang="en")


def test_an_unreviewed_spanish_category_is_skipped_for_its_english_page(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())
    category = spanish_baclofen.get_parent().specific
    category.title = "(ES) Muscle Relaxants, not reviewed"
    publish_unreviewed(category)  # a new live text nobody reviewed

    crumbs = soup_of(client.get(spanish_baclofen.url)).find("nav", class_="breadcrumbs")

    assert "not reviewed" not in crumbs.get_text()
    assert english_links(crumbs) == [
        ("/treatments/symptomatic-relief/muscle-relaxants/", f"{MUSCLE_RELAXANTS} (en inglés)")
    ]


def test_the_header_leads_to_the_english_guide_marked_english_where_spanish_has_none(guide, client):
    spanish_baclofen = reviewed_baclofen_below_aliases()

    for path in (spanish_baclofen.url, "/es/", "/es/search/?q=baclofen"):
        nav = soup_of(client.get(path)).find("nav", class_="site-nav")
        assert english_links(nav)[:2] == [
            ("/treatments/", f"{ENGLISH_GUIDE} (en inglés)"),
            ("/treatments/at-a-glance/", "De un vistazo (en inglés)"),
        ], path
        assert not nav.find("a", href=re.compile(r"^/es/treatments")), path


def test_cautions_said_above_a_translation_are_marked_english_with_english_sources(guide, client):
    spanish_baclofen = reviewed_baclofen_below_aliases()

    cautions = soup_of(client.get(spanish_baclofen.url)).find("section", class_="cautions")

    quoted = [q for q in cautions.find_all("blockquote") if q.get("cite")]
    assert quoted
    for quote in quoted:
        assert quote["lang"] == "en"  # the alias above shows its English source's text
        assert urlsplit(quote["cite"]).path.startswith("/treatments/")
    sources = cautions.find_all("p", class_="cautions__source")
    assert len(sources) == len(quoted)
    for source in sources:
        text = " ".join(source.get_text(" ").split())
        assert text.startswith("Fuente:") and text.endswith("(en inglés)"), text
        link = source.find("a")
        assert link["hreflang"] == "en" and link.find("span", lang="en")
        assert link["href"].startswith("/treatments/") and "#caution-" in link["href"]


def test_cautions_of_reviewed_spanish_pages_link_to_them_in_spanish(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    cautions = soup_of(client.get(spanish_baclofen.url)).find("section", class_="cautions")

    links = [source.find("a") for source in cautions.find_all("p", class_="cautions__source")]
    assert links
    for link in links:
        assert link["href"].startswith("/es/treatments/") and not link.get("hreflang")
    assert "(en inglés)" not in cautions.get_text()
    assert not cautions.find("blockquote", lang=True)


def test_no_link_on_a_reviewed_spanish_page_leads_to_the_note(guide, client):
    spanish_baclofen = reviewed_baclofen_below_aliases()

    soup = soup_of(client.get(spanish_baclofen.url))

    hrefs = {
        urlsplit(a["href"])._replace(fragment="").geturl()
        for a in soup.find_all("a", href=True)
        if a["href"].startswith(("/", "http://testserver/"))
    }
    assert len(hrefs) > 5
    for href in sorted(hrefs):
        response = Client().get(href)
        assert NOTE not in visible_text(response), href
        assert response.status_code in (200, 302), href


# The language switch and the disclaimer


def test_the_language_switch_is_a_control_in_the_header_marking_the_current_language(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    for url, current, other in ((BACLOFEN, "en", "es"), (spanish_baclofen.url, "es", "en")):
        header = soup_of(client.get(url)).find("header")
        switch = header.find("nav", class_="language-switch")
        links = switch.find_all("a")
        assert [link["hreflang"] for link in links] == ["en", "es"]
        assert [link["lang"] for link in links] == ["en", "es"]
        assert [link.get_text() for link in links] == ["English", "Español"]
        assert switch.find("a", hreflang=current)["aria-current"] == "true"
        assert not switch.find("a", hreflang=other).has_attr("aria-current")
        assert all("language-switch__link" in link["class"] for link in links)


def test_the_english_disclaimer_on_a_spanish_page_says_it_is_english(guide, client, site):
    set_live_disclaimer("Test disclaimer in English.", "en")

    spanish_footer = soup_of(client.get("/es/")).find("section", class_="disclaimer")
    assert spanish_footer.h2.get_text(" ").split() == ["Descargo", "de", "responsabilidad"] + [
        "(en",
        "inglés)",
    ]
    assert spanish_footer.find("p", lang="en").get_text() == "Test disclaimer in English."

    english_footer = soup_of(client.get("/")).find("section", class_="disclaimer")
    assert english_footer.h2.get_text() == "Disclaimer"

    set_live_disclaimer("(ES) Aviso de prueba.", "es")
    spanish_footer = soup_of(client.get("/es/")).find("section", class_="disclaimer")
    assert "(en inglés)" not in spanish_footer.get_text()
    assert spanish_footer.find("p", lang="es").get_text() == "(ES) Aviso de prueba."


def test_the_english_guide_query_finds_no_spanish_guide_that_was_not_reviewed(guide, client):
    translate(HomePage.objects.get())
    translate(guide, reviewed=False)
    assert TreatmentGuidePage.objects.filter(locale=spanish(), live=True).exists()

    main = soup_of(client.get("/es/")).find("main")

    assert "(ES) Treatments for SPS" not in main.get_text()
    assert not main.find("a", href="/es/treatments/")
    assert english_links(main) == [("/treatments/", f"{ENGLISH_GUIDE} (en inglés)")]
