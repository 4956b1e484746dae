"""The site's name in the title, Open Graph and structured data is the header's brand, in the
reader's language."""

import json
import re

import pytest
from wagtail.models import Site

from tests.test_spanish_site import BACLOFEN, baclofen, translate_with_ancestors

pytestmark = pytest.mark.django_db

ENGLISH_NAME = "SPS Treatment Guide"
SPANISH_NAME = "Guía de tratamientos del SPS"


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[: html.index("</head>")]


def title_of(head):
    return re.search(r"<title>(.*?)</title>", head, re.S).group(1).strip()


def og_site_name_of(head):
    return re.search(r'<meta property="og:site_name" content="([^"]*)"', head).group(1)


def brand_of(client, url):
    html = client.get(url).content.decode()
    # The site's name is the brand's last words (the foundation's name may stand before it).
    brand = re.search(r'class="site-header__brand"[^>]*>(.*?)</a>', html, re.S).group(1)
    return re.findall(r"<span>([^<]*)</span>", brand)[-1]


def structured_data_of(head):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)[1]
    )


def websites_in(data):
    """Every `WebSite` object in a JSON-LD tree."""
    if isinstance(data, dict):
        found = [data] if data.get("@type") == "WebSite" else []
        return found + [site for value in data.values() for site in websites_in(value)]
    if isinstance(data, list):
        return [site for value in data for site in websites_in(value)]
    return []


@pytest.fixture
def spanish_baclofen(guide):
    return translate_with_ancestors(baclofen())


@pytest.mark.parametrize(
    ("url", "name"),
    [("/es" + BACLOFEN, SPANISH_NAME), (BACLOFEN, ENGLISH_NAME)],
)
def test_a_treatment_page_names_the_site_as_its_header_does(client, spanish_baclofen, url, name):
    head = head_of(client, url)

    assert brand_of(client, url) == name
    assert title_of(head).endswith(f" | {name}")
    assert og_site_name_of(head) == name
    websites = websites_in(structured_data_of(head))
    assert websites and {website["name"] for website in websites} == {name}


@pytest.mark.parametrize(("url", "name"), [("/es/", SPANISH_NAME), ("/", ENGLISH_NAME)])
def test_the_home_page_website_and_its_publisher_are_named_in_the_readers_language(
    client, spanish_baclofen, url, name
):
    data = structured_data_of(head_of(client, url))

    assert data["@type"] == "WebSite"
    assert data["name"] == name
    assert data["publisher"]["name"] == name


def test_the_foundations_name_from_the_admin_is_a_proper_name_in_both_languages(
    client, spanish_baclofen
):
    Site.objects.filter(is_default_site=True).update(site_name="The SPS foundation")

    spanish = structured_data_of(head_of(client, "/es/"))

    assert spanish["publisher"]["name"] == "The SPS foundation"
    assert spanish["name"] == SPANISH_NAME


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/es/search/?q=baclofen", f"| {SPANISH_NAME}"),
        ("/es/treatments/at-a-glance/", f"| {SPANISH_NAME}"),
        ("/search/?q=baclofen", f"| {ENGLISH_NAME}"),
    ],
)
def test_pages_of_their_own_name_the_site_in_the_readers_language(
    client, spanish_baclofen, url, title
):
    assert title_of(head_of(client, url)).endswith(title)


def test_a_spanish_page_not_found_names_the_site_in_spanish(client, guide):
    response = client.get("/es/no-such-page/")

    assert response.status_code == 404
    assert title_of(response.content.decode()).endswith(f"| {SPANISH_NAME}")
