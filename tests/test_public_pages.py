"""Every page type renders for a visitor; unknown addresses get the friendly 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TreatmentPageFactory
from tests.page_text import visible_text
from tests.test_query_budgets import BUDGET
from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/treatments/",
        "/treatments/immunotherapies/",
        "/treatments/immunotherapies/second-line/",
        "/treatments/symptomatic-relief/muscle-relaxants/baclofen/",
        "/treatments/immunotherapies/autologous-stem-cell-transplant/",
    ],
)
def test_every_page_type_renders(guide, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b'<main id="main"' in response.content
    assert b'href="#main"' in response.content


def test_unknown_address_gets_the_friendly_not_found_page(guide, client):
    response = client.get("/treatments/no-such-treatment/")
    assert response.status_code == 404
    assert "Page not found" in visible_text(response)
    assert "Disclaimer" in visible_text(response)


def test_treatment_page_shows_its_facts_as_a_definition_list(guide, client):
    baclofen = visible_text(client.get("/treatments/symptomatic-relief/muscle-relaxants/baclofen/"))
    assert "Brand names Lioresal" in baclofen
    assert (
        "How it is given Oral, infused into the spine with an implantable pump which requires "
        "surgery May be given orally or directly infused into the spine" in baclofen
    )
    stem_cell = visible_text(
        client.get("/treatments/immunotherapies/autologous-stem-cell-transplant/")
    )
    assert (
        "Important: read before use The procedure itself is complicated and considered high risk."
        in stem_cell
    )
    assert "About this treatment Stem cells are normal cells" in stem_cell


def test_treatment_page_has_breadcrumbs_back_to_its_category(guide, client):
    response = client.get("/treatments/immunotherapies/second-line/rituximab/")
    html = response.content.decode()
    breadcrumbs = html[html.index('aria-label="Breadcrumb"') :]
    assert 'href="/treatments/immunotherapies/second-line/"' in breadcrumbs
    assert 'aria-current="page">Rituximab<' in breadcrumbs
    assert "Line of therapy “Second Line”" in visible_text(response)


def test_video_without_a_link_still_shows_its_caption(guide, client):
    ivig = visible_text(client.get("/treatments/immunotherapies/first-line/ivig/"))
    assert "Marinos Dalakas, discusses IVIg therapies in GAD+ SPS patients." in ivig
    assert "This video is not available online yet." in ivig


def test_guide_lists_categories_in_editor_order(guide, client):
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")
    symptomatic = TherapyCategoryPage.objects.get(slug="symptomatic-relief")
    immunotherapies.move(symptomatic, pos="left")

    text = visible_text(client.get("/treatments/"))

    assert text.index("Immunotherapies used in SPS") < text.index("Symptomatic Relief")


def test_guide_lists_treatments_and_sub_categories_in_the_seeds_order(guide, client):
    text = visible_text(client.get("/treatments/"))
    # The stem cell transplant follows the second-line list in the seed, as on the site.
    assert text.index("“Second Line” Immunotherapies") < text.index("Autologous stem cell")
    assert text.index("“First Line” Immunotherapies") < text.index("Intravenous immunoglobulins")


def test_rich_text_shows_as_formatting_and_typed_text_as_typed(guide, client):
    """Editors' rich text is markup; what anyone typed in a plain field is shown as text."""
    overview = client.get("/treatments/").content.decode()
    assert "<h2>Treatment is Focused on Relief from Symptoms</h2>" in overview
    scig = client.get("/treatments/immunotherapies/first-line/scig/").content.decode()
    assert '<div class="rich-text"><p>SCIG is another route of giving immunoglobulins.' in scig

    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    made_up = TreatmentPageFactory(parent=category, title="Test <b>bold</b> & co", slug="made-up")
    page = client.get(made_up.url).content.decode()
    assert "<h1>Test &lt;b&gt;bold&lt;/b&gt; &amp; co</h1>" in page
    assert "<b>bold</b>" not in page


def test_unpublished_treatment_is_not_listed_or_served(guide, client):
    rituximab = TreatmentPage.objects.get(slug="rituximab")
    rituximab.unpublish()
    assert "Rituximab" not in visible_text(client.get("/treatments/"))
    assert client.get("/treatments/immunotherapies/second-line/rituximab/").status_code == 404


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/treatments/", "guide"),
        ("/treatments/immunotherapies/second-line/rituximab/", "treatment"),
    ],
)
def test_query_count_does_not_grow_with_the_number_of_treatments(guide, client, url, kind):
    category = TherapyCategoryPage.objects.get(slug="second-line")
    for _ in range(10 - TreatmentPage.objects.count() % 10):
        TreatmentPageFactory(parent=category, brands=["Brand A", "Brand B"], route_slugs=["oral"])
    url += "?uncached=1"  # a parameter the page cache never answers: every visit renders
    client.get(url)  # warm per-process caches (site root, content types)
    with_few = _queries_for(client, url)

    for _ in range(100):
        TreatmentPageFactory(parent=category, brands=["Brand C"], route_slugs=["intravenous"])
    client.get(url)
    assert _queries_for(client, url) == with_few <= BUDGET[kind]


def test_guide_is_the_only_guide(guide):
    assert not TreatmentGuidePage.can_create_at(guide.get_parent())
