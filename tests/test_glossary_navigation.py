"""The glossary is one click away from every page: in the main navigation and the footer, in
the reader's language where the glossary has a reviewed translation, else in English, saying so."""

import pytest
from bs4 import BeautifulSoup

from glossary.loading import load_glossary
from glossary.models import GlossaryPage
from tests.test_spanish_site import baclofen, translate_with_ancestors

pytestmark = pytest.mark.django_db


def glossary_links(response, where):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    region = soup.find(class_="site-nav") if where == "nav" else soup.find("footer")
    if region is None:
        return []
    return [a for a in region.find_all("a") if "glossary" in a["href"]]


@pytest.mark.parametrize("url", ["/", "/treatments/", "/treatments/at-a-glance/", "/search/"])
def test_english_pages_link_the_glossary_in_the_navigation_and_footer(client, guide, url):
    load_glossary()
    response = client.get(url)
    for where in ("nav", "footer"):
        [link] = glossary_links(response, where)
        assert link["href"] == "/treatments/glossary/"
        assert link.get_text() == "Glossary"
        assert not link.has_attr("hreflang")


def test_no_glossary_no_link(client, guide):
    response = client.get("/treatments/")
    assert glossary_links(response, "nav") == [] and glossary_links(response, "footer") == []


def test_spanish_pages_link_the_english_glossary_saying_it_is_in_english(client, guide):
    load_glossary()
    translate_with_ancestors(baclofen())

    response = client.get("/es/treatments/")
    for where in ("nav", "footer"):
        [link] = glossary_links(response, where)
        assert link["href"] == "/treatments/glossary/"
        assert link["hreflang"] == "en"
        assert link.find("span", lang="en").get_text() == "Glossary"
        assert " ".join(link.get_text().split()) == "Glossary (en inglés)"


def test_spanish_pages_link_the_spanish_glossary_once_it_is_live_and_reviewed(client, guide):
    load_glossary()
    translate_with_ancestors(GlossaryPage.objects.get(locale__language_code="en"))

    response = client.get("/es/treatments/")
    for where in ("nav", "footer"):
        [link] = glossary_links(response, where)
        assert link["href"] == "/es/treatments/glossary/"
        assert link.get_text() == "(ES) Glossary"
        assert "inglés" not in link.get_text()


def test_an_unreviewed_spanish_glossary_is_not_linked(client, guide):
    load_glossary()
    translate_with_ancestors(GlossaryPage.objects.get(locale__language_code="en"), reviewed=False)

    [link] = glossary_links(client.get("/es/treatments/"), "nav")
    assert link["href"] == "/treatments/glossary/" and link["hreflang"] == "en"
