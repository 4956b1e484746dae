"""What search engines read beyond the titles: the JSON-LD of every page type (the website and
its search, breadcrumbs, what a page is part of and about), descriptions of pages without
words of their own, and robots.txt answering HEAD."""

import json
import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

from tests.review_support import publish_unreviewed
from treatments.models import TherapyCategoryPage, TreatmentPage
from treatments.seo import SITE_DESCRIPTION

pytestmark = pytest.mark.django_db

HOME = "/"
GUIDE = "/treatments/"
CATEGORY = "/treatments/symptomatic-relief/muscle-relaxants/"
TREATMENT = "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"
GLANCE = "/treatments/at-a-glance/"
GUIDE_PAGES = [GUIDE, CATEGORY, TREATMENT, GLANCE]
# The pages the seed gives no intro or search description.
WITHOUT_WORDS_OF_THEIR_OWN = [
    "/",
    "/treatments/symptomatic-relief/",
    "/treatments/symptomatic-relief/muscle-relaxants/",
    "/treatments/immunotherapies/first-line/",
]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(client, url):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html_of(client, url), re.S
    )
    assert len(blocks) == 1, url
    return json.loads(blocks[0])


def description(client, url):
    found = re.findall(r'<meta name="description" content="([^"]*)"', html_of(client, url))
    assert len(found) == 1
    return found[0]


def assert_absolute(url):
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, url


def breadcrumb_trail(data):
    crumbs = data["breadcrumb"]
    assert crumbs["@type"] == "BreadcrumbList"
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    for item in items:
        assert item["@type"] == "ListItem"
        assert item["name"]
        assert_absolute(item["item"])
    return [(item["name"], urlsplit(item["item"]).path) for item in items]


def test_the_home_page_is_the_website_with_its_search_and_its_publisher(client, guide):
    data = json_ld(client, HOME)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebSite"
    assert data["name"] == "SPS Treatment Guide"
    assert data["url"] == "http://testserver/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "SPS Treatment Guide"
    assert publisher["url"] == "http://testserver/"
    assert set(publisher) == {"@type", "@id", "name", "url"}  # no made-up address or logo


def test_the_search_action_finds_what_a_reader_would(client, guide):
    template = json_ld(client, HOME)["potentialAction"]["target"]["urlTemplate"]
    url = template.replace("{search_term_string}", "baclofen").removeprefix("http://testserver")

    assert "Baclofen" in html_of(client, url)


def test_the_publisher_is_named_as_the_site_is_named_in_the_admin(client, guide):
    Site.objects.filter(is_default_site=True).update(site_name="The SPS foundation")

    assert json_ld(client, HOME)["publisher"]["name"] == "The SPS foundation"


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        (GUIDE, [("Home", "/"), ("Treatments for SPS", GUIDE)]),
        (
            CATEGORY,
            [
                ("Home", "/"),
                ("Treatments for SPS", GUIDE),
                (
                    "Symptomatic Relief for Muscle Spasms and Pain",
                    "/treatments/symptomatic-relief/",
                ),
                ("Muscle Relaxants", CATEGORY),
            ],
        ),
        (
            TREATMENT,
            [
                ("Home", "/"),
                ("Treatments for SPS", GUIDE),
                (
                    "Symptomatic Relief for Muscle Spasms and Pain",
                    "/treatments/symptomatic-relief/",
                ),
                ("Muscle Relaxants", CATEGORY),
                ("Baclofen", TREATMENT),
            ],
        ),
        (GLANCE, [("Home", "/"), ("Treatments for SPS", GUIDE), ("At a glance", GLANCE)]),
    ],
)
def test_every_guide_page_has_the_breadcrumbs_it_shows(client, guide, url, trail):
    data = json_ld(client, url)

    assert breadcrumb_trail(data) == trail
    visible = re.search(
        r'<nav[^>]*aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html_of(client, url), re.S
    )
    for name, path in trail[:-1]:  # the same trail as the breadcrumbs a reader sees
        assert re.search(rf'href="{re.escape(path)}"[^>]*>\s*{re.escape(name)}\s*<', visible[1])


@pytest.mark.parametrize("url", GUIDE_PAGES)
def test_every_guide_page_has_a_type_a_name_an_absolute_url_and_the_website_it_is_part_of(
    client, guide, url
):
    data = json_ld(client, url)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] in ("MedicalWebPage", "WebPage")
    assert data["name"]
    assert data["url"] == f"http://testserver{url}"
    assert data["description"] == description(client, url)
    part_of = data["isPartOf"]
    website = part_of if part_of["@type"] == "WebSite" else part_of["isPartOf"]
    assert website == {
        "@type": "WebSite",
        "@id": "http://testserver/#website",
        "name": "SPS Treatment Guide",
        "url": "http://testserver/",
    }
    if url != GUIDE:
        assert part_of == {
            "@type": "MedicalWebPage",
            "name": "Treatments for SPS",
            "url": "http://testserver/treatments/",
            "isPartOf": website,
        }


def test_a_category_is_about_its_kind_of_therapy_and_lists_its_treatments(client, guide):
    data = json_ld(client, CATEGORY)

    assert data["about"] == {"@type": "MedicalTherapy", "name": "Muscle Relaxants"}
    items = data["mainEntity"]["itemListElement"]
    assert data["mainEntity"]["@type"] == "ItemList"
    assert data["mainEntity"]["numberOfItems"] == len(items)
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Baclofen",
        "url": f"http://testserver{TREATMENT}",
    }
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    assert [item["name"] for item in items] == [
        page.title for page in category.get_children().live().order_by("path")
    ]


def test_a_category_lists_its_sub_categories_and_not_what_is_unpublished(client, guide):
    TreatmentPage.objects.get(slug="diazepam").unpublish()

    symptomatic = json_ld(client, "/treatments/symptomatic-relief/")
    relaxants = json_ld(client, CATEGORY)

    assert [item["name"] for item in symptomatic["mainEntity"]["itemListElement"]][0] == (
        "Muscle Relaxants"
    )
    assert "Diazepam" not in [item["name"] for item in relaxants["mainEntity"]["itemListElement"]]
    assert "Diazepam" not in description(client, CATEGORY)


def test_a_treatment_page_stays_about_its_drug(client, guide):
    data = json_ld(client, TREATMENT)

    assert data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == "Drug"
    assert data["about"]["name"] == "Baclofen"
    assert_absolute(data["about"]["url"])


@pytest.mark.parametrize("url", WITHOUT_WORDS_OF_THEIR_OWN)
def test_pages_without_words_of_their_own_have_a_description_of_their_own(client, guide, url):
    text = description(client, url)

    assert text != SITE_DESCRIPTION
    assert 40 < len(text) <= 160


def test_the_descriptions_are_drawn_from_the_seed(client, guide):
    assert description(client, "/").startswith(
        "Treatment is Focused on Relief from Symptoms. Treatment currently focuses on relief "
        "from difficult symptoms"
    )
    # The section's own words: the seed's note on narcotics and anesthetic agents.
    assert description(client, "/treatments/symptomatic-relief/").startswith(
        "Other types of pain relievers including narcotics and anesthetic agents are "
        "infrequently used"
    )
    assert description(client, CATEGORY).startswith(
        "Muscle Relaxants: Baclofen (Lioresal), Diazepam (Valium), Clonazepam (Klonopin)"
    )
    assert description(client, "/treatments/immunotherapies/first-line/").startswith(
        "“First Line” Immunotherapies: Intravenous immunoglobulins (IVIg), Subcutaneous "
        "immunoglobulin (SCIG)"
    )


def test_an_editors_search_description_wins_over_a_derived_one(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    category.search_description = "Medicines that relax muscles."
    publish_unreviewed(category)

    assert description(client, CATEGORY) == "Medicines that relax muscles."


def test_descriptions_keep_a_space_between_headings_and_paragraphs(client, guide):
    text = description(client, GUIDE)

    assert "SymptomsTreatment" not in text
    assert text.startswith("Treatment is Focused on Relief from Symptoms. Treatment currently")
    for url in [GUIDE, "/treatments/immunotherapies/"]:
        assert not re.search(r"[a-z.][A-Z]", description(client, url).replace("IVIg", "")), url


def test_a_cut_description_ends_at_a_word_with_an_ellipsis(client, guide):
    text = description(client, GUIDE)

    assert len(text) <= 160
    assert text.endswith("…")
    assert text[:-1].split()[-1] in html_of(client, GUIDE)  # a whole word, not a part of one


def test_head_of_robots_txt_answers_like_get(client, guide):
    get = client.get("/robots.txt")
    head = client.head("/robots.txt")

    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"] == "text/plain; charset=utf-8"
    assert head["Content-Length"] == get["Content-Length"]
    assert head.content == b""
