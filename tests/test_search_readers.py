"""Search as readers use it: the disease's own name, the guide's introduction, somewhere to go
when nothing matches, and a refused query kept in the box."""

import re

import pytest
from bs4 import BeautifulSoup

from glossary.loading import load_glossary
from search.results import MAX_QUERY_LENGTH, MAX_RAW_QUERY_LENGTH

pytestmark = pytest.mark.django_db


def search(client, query):
    return client.get("/search/", {"q": query})


def result_titles(response):
    return re.findall(
        r'<li class="search-result">\s*<h3><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def box_value(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.find("input", id="search-page-q")["value"]


@pytest.mark.parametrize(
    "query",
    ["stiff person syndrome", "Stiff Person Syndrome", "STIFF-PERSON SYNDROME", "SPS", "sps"],
)
def test_the_diseases_own_name_finds_the_guide_first(client, guide, query):
    response = search(client, query)
    assert response.status_code == 200
    assert result_titles(response)[:1] == [guide.title]


def test_the_diseases_name_within_a_longer_search_reads_as_sps(client, guide):
    titles = result_titles(search(client, "stiff person syndrome immunotherapies"))
    assert "Immunotherapies used in SPS" in titles


def test_words_of_the_guides_introduction_find_the_guide(client, guide):
    intro = BeautifulSoup(guide.intro, "html.parser").get_text(" ")
    # A few words of each paragraph of the introduction, as a reader remembers them.
    for paragraph in BeautifulSoup(guide.intro, "html.parser").find_all("p"):
        words = paragraph.get_text().split()[2:5]
        query = " ".join(word.strip(".,") for word in words)
        assert query in intro
        assert guide.title in result_titles(search(client, query)), query


def test_a_search_with_no_results_offers_the_table_and_the_glossary(client, guide):
    load_glossary()
    response = search(client, "qqzzxx")
    assert response.status_code == 200
    assert result_titles(response) == []
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    links = {a["href"]: " ".join(a.get_text().split()) for a in main.find_all("a")}
    assert links["/treatments/at-a-glance/"] == "Every treatment at a glance, in one table"
    assert links["/treatments/glossary/"] == "Glossary"
    assert links["/treatments/"] == guide.title


def test_a_search_with_no_results_offers_the_table_without_a_glossary(client, guide):
    html = search(client, "qqzzxx").content.decode()
    assert 'href="/treatments/at-a-glance/"' in html
    assert "/treatments/glossary/" not in html


@pytest.mark.parametrize("length", [MAX_QUERY_LENGTH + 1, MAX_RAW_QUERY_LENGTH + 1, 100_000])
def test_a_query_refused_as_too_long_stays_in_the_box_with_the_message(client, guide, length):
    query = "baclofen " * (length // 9 + 1)
    query = query[:length]
    response = search(client, query)

    assert response.status_code == 400
    assert "Your search is too long. Please use at most 200 characters." in (
        response.content.decode()
    )
    shown = box_value(response)
    if length <= MAX_RAW_QUERY_LENGTH:
        assert shown == query.strip()
    else:  # cut only for display
        assert query.startswith(shown) and len(shown) <= MAX_RAW_QUERY_LENGTH
