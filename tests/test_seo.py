"""What search engines and link previews see: titles, descriptions, canonical URLs, Open
Graph, JSON-LD, sitemap.xml and robots.txt."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import record_review
from tests.review_support import publish_unreviewed
from treatments.models import TherapyCategoryPage, TreatmentPage

PAGES = [
    "/",
    "/treatments/",
    "/treatments/symptomatic-relief/muscle-relaxants/",
    "/treatments/symptomatic-relief/muscle-relaxants/baclofen/",
    "/treatments/at-a-glance/",
]


def head(client, url):
    html = client.get(url).content.decode()
    return html[: html.index("</head>")]


def meta(html, attribute, name):
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert len(found) == 1, (name, found)
    return found[0]


def json_ld(client, url):
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.django_db
def test_every_page_has_a_title_description_canonical_and_open_graph(client, guide):
    titles = set()
    for url in PAGES:
        html = head(client, url)
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert title.endswith("SPS Treatment Guide"), url
        titles.add(title)
        description = meta(html, "name", "description")
        assert 20 < len(description) <= 160, (url, description)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert canonical == f"http://testserver{url}"
        assert meta(html, "property", "og:url") == canonical
        assert meta(html, "property", "og:title")
        assert meta(html, "property", "og:description") == description
        assert meta(html, "property", "og:site_name") == "SPS Treatment Guide"
    assert len(titles) == len(PAGES), "each page has its own title"


@pytest.mark.django_db
def test_descriptions_come_from_the_search_description_or_the_pages_own_words(client, guide):
    html = head(client, "/treatments/symptomatic-relief/muscle-relaxants/baclofen/")
    description = meta(html, "name", "description")
    assert description.startswith("Baclofen (Lioresal): May be given orally")

    anti_seizure = TherapyCategoryPage.objects.get(slug="anti-seizure-medication")
    assert "may help with pain management" in meta(
        head(client, anti_seizure.url), "name", "description"
    )

    anti_seizure.search_description = "Medicines first made for seizures."
    publish_unreviewed(anti_seizure)
    assert meta(head(client, anti_seizure.url), "name", "description") == (
        "Medicines first made for seizures."
    )


@pytest.mark.django_db
def test_the_canonical_url_drops_the_query_string(client, guide):
    html = head(client, "/treatments/at-a-glance/?route=oral&sort=line")
    assert '<link rel="canonical" href="http://testserver/treatments/at-a-glance/">' in html


@pytest.mark.django_db
def test_search_pages_are_not_indexed_and_404_has_no_canonical(client, guide):
    assert '<meta name="robots" content="noindex, follow">' in head(client, "/search/?q=valium")
    assert 'name="robots"' not in head(client, "/search/")  # the search page itself is fine
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert '<meta name="description"' in html


@pytest.mark.django_db
def test_treatment_json_ld_names_the_drug_and_its_brands(client, guide):
    data = json_ld(
        client,
        "/treatments/second-line/mycophenolate-mofetil/".replace(
            "/treatments/", "/treatments/immunotherapies/"
        ),
    )
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    drug = data["about"]
    assert drug["@type"] == "Drug"
    assert drug["nonProprietaryName"] == "Mycophenolate mofetil"
    assert drug["proprietaryName"] == ["CellCept", "Myfortic"]
    assert drug["administrationRoute"] == ["Oral"]

    diazepam = json_ld(client, TreatmentPage.objects.get(slug="diazepam").url)["about"]
    assert diazepam["proprietaryName"] == ["Valium"]
    assert diazepam["drugClass"] == {"@type": "DrugClass", "name": "Benzodiazepine"}


@pytest.mark.django_db
def test_a_procedure_is_a_medical_therapy(client, guide):
    plex = TreatmentPage.objects.get(slug="plasma-exchange")
    about = json_ld(client, plex.url)["about"]
    assert about["@type"] == "MedicalTherapy"
    assert about["name"] == "Plasma exchange (PLEX)"
    assert "PLEX" in about["alternateName"]


@pytest.mark.django_db
def test_category_and_guide_pages_are_medical_web_pages_without_review_until_reviewed(
    client, guide
):
    for url in ("/treatments/", "/treatments/immunotherapies/"):
        data = json_ld(client, url)
        assert data["@type"] == "MedicalWebPage"
        assert data["url"] == f"http://testserver{url}"
        assert "lastReviewed" not in data
        assert "reviewedBy" not in data
    assert "about" not in json_ld(client, "/treatments/")
    category = json_ld(client, "/treatments/immunotherapies/")
    assert category["about"] == {"@type": "MedicalTherapy", "name": "Immunotherapies used in SPS"}


@pytest.mark.django_db
def test_json_ld_has_last_reviewed_and_reviewed_by_after_a_medical_review(client, guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    record_review(
        baclofen,
        reviewed_at=datetime.datetime(2025, 3, 14, 10, 0, tzinfo=datetime.UTC),
        next_review_due=datetime.date(2026, 3, 14),
        reviewer_credentials="MD",
        comment="Private note for editors",
    )
    html = client.get(baclofen.url).content.decode()
    data = json_ld(client, baclofen.url)
    assert data["lastReviewed"] == "2025-03-14"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Test Reviewer",
        "honorificSuffix": "MD",
    }
    assert "Private note for editors" not in html


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(client, guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    baclofen.title = "Baclofen </script><script>alert(1)</script> & <!--"
    publish_unreviewed(baclofen)
    html = client.get(baclofen.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client, baclofen.url)["name"] == baclofen.title


@pytest.mark.django_db
def test_sitemap_lists_published_public_pages_only(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    category.add_child(
        instance=TreatmentPage(title="Draftamide", slug="draftamide", kind="medication", live=False)
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted input
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    live_paths = {page.url for page in TreatmentPage.objects.live()}
    assert {re.sub(r"^https?://[^/]+", "", loc) for loc in locations} >= live_paths
    assert not any("draftamide" in loc for loc in locations)
    assert any(loc.endswith("/treatments/at-a-glance/") for loc in locations)

    TreatmentPage.objects.get(slug="baclofen").unpublish()
    again = client.get("/sitemap.xml").content.decode()
    assert "/baclofen/" not in again


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, guide):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
