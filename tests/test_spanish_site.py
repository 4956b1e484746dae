"""The Spanish edition: English stays at `/`, Spanish is at `/es/`; a reader is sent to a
Spanish page only once it is live and medically reviewed, and a Spanish address with no such
page says so in Spanish and links to the English page. The Spanish text here is made up by the
tests (titles marked "(ES)"): no Spanish medical text ships with the site."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale

from medical_review.models import ReviewedPageMixin
from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import make_user, publish_unreviewed, spanish_pages_above
from treatments.models import (
    HomePage,
    Person,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)

BACLOFEN = "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"
REVIEWED_AT = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, reviewed=True):
    """A live Spanish copy of `page` (its parent must have one), titled "(ES) …", as a
    translator's work published after review; `reviewed=False` leaves the review out."""
    copy = page.specific.copy_for_translation(spanish())
    copy.title = f"(ES) {page.title}"
    publish_unreviewed(copy)
    copy.refresh_from_db()
    if reviewed and isinstance(copy, ReviewedPageMixin):
        record_review(
            copy,
            REVIEWED_AT,
            next_review_due=datetime.date(2027, 12, 1),
            reviewer_name="Test Reviewer",
            reviewer_credentials="MD",
        )
        copy.refresh_from_db()
    return copy


def translate_with_ancestors(page, reviewed=True):
    """Spanish copies of the home page, the guide, the categories above `page` and `page`."""
    copy = None
    for each in page.get_ancestors(inclusive=True).filter(depth__gt=1):
        existing = each.get_translation_or_none(spanish())
        copy = existing or translate(each, reviewed=reviewed or each.pk != page.pk)
    return copy


def baclofen():
    return TreatmentPage.objects.get(slug="baclofen", locale=Locale.get_default())


def switch_of(response):
    content = response.content.decode()
    if 'class="language-switch"' not in content:
        return ""
    start = content.index('class="language-switch"')
    return content[start : content.index("</nav>", start)]


def test_english_addresses_are_unchanged_and_spanish_ones_are_under_es(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen())

    assert baclofen().url == BACLOFEN
    assert spanish_baclofen.url == "/es" + BACLOFEN
    english, spanish_page = client.get(BACLOFEN), client.get("/es" + BACLOFEN)
    assert english.status_code == spanish_page.status_code == 200
    assert "(ES) Baclofen" in visible_text(spanish_page)
    assert "(ES)" not in visible_text(english)


def test_html_lang_is_the_language_of_the_edition(guide, client):
    translate_with_ancestors(baclofen())

    assert '<html lang="en">' in client.get(BACLOFEN).content.decode()
    assert '<html lang="es">' in client.get("/es" + BACLOFEN).content.decode()
    assert '<html lang="es">' in client.get("/es/no-such-page/").content.decode()


def test_the_switch_appears_only_once_the_spanish_page_is_live_and_reviewed(guide, client):
    spanish_baclofen = translate_with_ancestors(baclofen(), reviewed=False)
    assert switch_of(client.get(BACLOFEN)) == ""

    record_review(spanish_baclofen, REVIEWED_AT, next_review_due=datetime.date(2027, 12, 1))
    switch = switch_of(client.get(BACLOFEN))
    assert f'href="http://testserver/es{BACLOFEN}"' in switch
    assert "Leer esta página en español" in switch  # in the language it leads to
    assert 'lang="es"' in switch

    spanish_baclofen.unpublish()
    assert switch_of(client.get(BACLOFEN)) == ""


def test_a_spanish_page_links_back_to_its_english_page(guide, client):
    translate_with_ancestors(baclofen())

    switch = switch_of(client.get("/es" + BACLOFEN))
    assert f'href="http://testserver{BACLOFEN}"' in switch
    assert "Read this page in English" in switch


def test_hreflang_alternates_name_both_live_editions_and_english_as_default(guide, client):
    translate_with_ancestors(baclofen())
    expected = [
        f'<link rel="alternate" hreflang="en" href="http://testserver{BACLOFEN}">',
        f'<link rel="alternate" hreflang="es" href="http://testserver/es{BACLOFEN}">',
        f'<link rel="alternate" hreflang="x-default" href="http://testserver{BACLOFEN}">',
    ]
    for url in (BACLOFEN, "/es" + BACLOFEN):
        content = client.get(url).content.decode()
        assert all(link in content for link in expected), url

    untranslated = client.get("/treatments/immunotherapies/").content.decode()
    assert "hreflang" not in untranslated


def test_json_ld_names_the_language_of_the_page(guide, client):
    translate_with_ancestors(baclofen())

    assert '"inLanguage": "en"' in client.get(BACLOFEN).content.decode()
    assert '"inLanguage": "es"' in client.get("/es" + BACLOFEN).content.decode()


def test_the_sitemap_lists_both_editions(guide, client):
    translate_with_ancestors(baclofen())

    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://localhost{BACLOFEN}</loc>" in sitemap
    assert f"<loc>http://localhost/es{BACLOFEN}</loc>" in sitemap
    assert "<loc>http://localhost/es/treatments/</loc>" in sitemap


def test_search_searches_the_readers_language(guide, client):
    translate_with_ancestors(baclofen())

    english = client.get("/search/?q=baclofen").content.decode()
    spanish_results = client.get("/es/search/?q=baclofen").content.decode()
    assert f'href="{BACLOFEN}"' in english and "/es/" not in english.split("<main")[1]
    assert f'href="/es{BACLOFEN}"' in spanish_results
    assert f'href="{BACLOFEN}"' not in spanish_results
    assert "(ES) Baclofen" in spanish_results and "(ES)" not in english


def test_a_spanish_address_without_a_spanish_page_shows_a_note_linking_to_english(guide, client):
    response = client.get("/es" + BACLOFEN)

    text = visible_text(response)
    assert response.status_code == 404
    assert "Esta página aún no está disponible en español" in text
    assert "Leer «Baclofen» en inglés" in text
    assert f'href="{BACLOFEN}" hreflang="en"' in response.content.decode()
    assert "Lioresal" not in text  # none of the English page's medical text
    assert "noindex" in response.content.decode()


def test_the_note_also_shows_where_only_the_pages_above_are_translated(guide, client):
    translate(HomePage.objects.get())  # a Spanish home page, no Spanish guide yet

    response = client.get("/es" + BACLOFEN)
    assert response.status_code == 404
    assert "Leer «Baclofen» en inglés" in visible_text(response)
    assert "Página no encontrada" in visible_text(client.get("/es/no-such-page/"))


def test_the_spanish_home_address_is_a_spanish_home_before_any_translation(guide, client):
    response = client.get("/es/")

    text = visible_text(response)
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert "Buscar en la guía" in text
    assert "Esta página aún no está disponible en español" not in text


def test_interface_words_are_spanish_on_spanish_pages(guide, client):
    translate_with_ancestors(baclofen())

    text = visible_text(client.get("/es" + BACLOFEN))
    assert "Revisada médicamente por Test Reviewer, MD el 1 de diciembre de 2026" in text
    assert "Próxima revisión prevista el 1 de diciembre de 2027" in text
    assert "Historial de revisiones" in text
    assert "Buscar en la guía" in text
    english = visible_text(client.get(BACLOFEN))
    assert "Search the guide" in english and "Buscar" not in english

    search = visible_text(client.get("/es/search/?q=zzqxv"))
    assert "No se encontraron páginas" in search
    assert "Nada en la guía coincide con «zzqxv»" in search
    too_long = client.get("/es/search/?q=" + "a" * 300)
    assert too_long.status_code == 400
    assert "Su búsqueda es demasiado larga" in visible_text(too_long)


def test_the_spanish_disclaimer_is_shown_on_spanish_pages_when_set(guide, client, site):
    from tests.review_support import set_live_disclaimer

    set_live_disclaimer("(ES) Aviso de prueba.", "es")

    assert "(ES) Aviso de prueba." in visible_text(client.get("/es/"))
    assert "(ES) Aviso de prueba." not in visible_text(client.get("/"))


@pytest.mark.parametrize(
    "model", [HomePage, TreatmentGuidePage, TherapyCategoryPage, TreatmentPage]
)
def test_the_admin_offers_translate_this_page_for_every_guide_page_type(guide, client, model):
    client.force_login(make_user("root", superuser=True))
    page = model.objects.filter(locale=Locale.get_default()).order_by("-depth").first()

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    submit = reverse("simple_translation:submit_page_translation", args=[page.pk])
    assert "Translate this page" in editor
    assert submit in editor
    form = client.get(submit)
    assert form.status_code == 200
    assert "Español" in form.content.decode() or "Spanish" in form.content.decode()


def test_a_translation_made_in_the_admin_starts_as_a_draft_nobody_reads(guide, client):
    client.force_login(make_user("root", superuser=True))
    page = baclofen()
    spanish_pages_above(page, spanish())
    submit = reverse("simple_translation:submit_page_translation", args=[page.pk])

    assert client.post(submit, {"locales": [spanish().pk]}).status_code == 302
    translated = page.get_translation(spanish())
    assert not translated.live
    client.logout()
    assert client.get("/es" + BACLOFEN).status_code == 404
    assert switch_of(client.get(BACLOFEN)) == ""


def test_the_admin_offers_translate_for_people(guide, client):
    client.force_login(make_user("root", superuser=True))
    account = make_user("advisor-account")
    person = Person.objects.create(
        name="Test Person", credentials="MD", role="Test role", user=account
    )

    listing = client.get(reverse("wagtailsnippets_treatments_person:list")).content.decode()
    submit = reverse(
        "simple_translation:submit_snippet_translation",
        args=["treatments", "person", person.pk],
    )
    assert submit in listing
    assert client.post(submit, {"locales": [spanish().pk]}).status_code == 302
    translated = person.get_translation(spanish())
    assert translated.name == "Test Person"
    assert translated.user is None  # the account stays with the English record
    assert Person.objects.get(pk=person.pk).user == account


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violations_on_the_spanish_pages(live_site, browser_page):
    from tests.test_accessibility import violations

    translate_with_ancestors(baclofen())
    found = {}
    for path in (
        "/es" + BACLOFEN,
        "/es/treatments/",
        "/es/search/?q=baclofen",
        "/es/treatments/immunotherapies/",  # the note: no Spanish version
        "/es/no-such-page/",
    ):
        response = browser_page.goto(live_site.url + path)
        assert response.status in (200, 404), path
        problems = violations(browser_page)
        if problems:
            found[path] = problems
    assert found == {}


def test_the_aliases_above_a_translation_show_the_note_not_english_text(guide, client):
    # Translating one treatment with its parents makes the pages above it Spanish aliases of
    # the English ones: live, but with the English text.
    english = baclofen()
    spanish_baclofen = english.specific.copy_for_translation(spanish(), copy_parents=True)
    spanish_guide = spanish_baclofen.get_parent().get_parent().get_parent()
    assert spanish_guide.alias_of_id is not None and spanish_guide.live

    response = client.get(spanish_guide.url)

    assert response.status_code == 404
    assert "Esta página aún no está disponible en español" in response.content.decode()
    assert spanish_guide.alias_of.specific.intro not in response.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/es{spanish_guide.alias_of.url}<" not in sitemap
