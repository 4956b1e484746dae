"""Generated requests against the public site, search and API: never a server error.

Hypothesis builds thousands of requests from the shapes a visitor, a crawler or an attacker
sends: page paths with odd segments, the guide's table parameters, search queries with any
text and page numbers, the API's filters, fields, ordering and paging.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatments.models import TreatmentPage

EXAMPLES = 400
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
awkward = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "999999999999",
        "1e9",
        "null",
        "[]",
        "'",
        '"',
        "%",
        "%00",
        "../..",
        "<script>",
        "\\",
        "ü",
        "🙂",
        "a" * 300,
        "id",
        "-title",
        "title,title",
        "*",
        "1;DROP",
    ]
)
value = st.one_of(text, awkward)
segment = st.one_of(
    st.sampled_from(["treatments", "at-a-glance", "search", "api", "v2", "pages", "admin", ".."]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.%~", min_size=1, max_size=20),
)


def params(names):
    return st.dictionaries(st.one_of(st.sampled_from(names), text), value, max_size=5)


def assert_no_server_error(response, url, query):
    assert response.status_code < 500, (url, query, response.status_code)


@pytest.fixture
def client(guide):
    cache.clear()
    return Client(raise_request_exception=False)


@pytest.fixture
def page_paths(guide):
    return ["/", "/treatments/", "/treatments/at-a-glance/"] + [
        page.url for page in TreatmentPage.objects.live()[:10]
    ]


def test_generated_page_paths_never_fail(client, page_paths):
    @FUZZ
    @given(base=st.sampled_from(page_paths), tail=st.lists(segment, max_size=4))
    def check(base, tail):
        url = base + "/".join(tail) + ("/" if tail else "")
        response = client.get(url)
        assert_no_server_error(response, url, "")

    check()


def test_generated_query_strings_on_pages_never_fail(client, page_paths):
    table = ["sort", "order", "route", "kind", "approach", "line", "category", "utm_source", "q"]

    @FUZZ
    @given(base=st.sampled_from(page_paths), query=params(table))
    def check(base, query):
        assert_no_server_error(client.get(base, query), base, query)

    check()


def test_generated_searches_never_fail(client):
    @FUZZ
    @given(query=params(["q", "page", "kind", "route", "category"]))
    def check(query):
        response = client.get("/search/", query)
        assert_no_server_error(response, "/search/", query)

    check()


def test_generated_api_requests_never_fail(client):
    names = ["type", "fields", "order", "limit", "offset", "search", "child_of", "descendant_of"]
    names += ["slug", "title", "kind", "search_operator", "locale", "show_in_menus", "format"]
    endpoints = st.sampled_from(
        ["/api/v2/pages/", "/api/v2/pages/1/", "/api/v2/pages/find/", "/api/v2/pages/99999/"]
    )
    types = st.sampled_from(
        ["treatments.TreatmentPage", "treatments.TherapyCategoryPage", "wagtailcore.Page", "x.Y"]
    )

    @FUZZ
    @given(endpoint=endpoints, query=params(names), page_type=st.one_of(st.none(), types))
    def check(endpoint, query, page_type):
        if page_type:
            query = {**query, "type": page_type}
        response = client.get(endpoint, query)
        assert_no_server_error(response, endpoint, query)

    check()
