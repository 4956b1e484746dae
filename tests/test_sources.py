"""Every guide page lists the works it cites under "Sources", reviewed with the page, and says
them in its JSON-LD as `citation`s; the seed is each loaded page's source, and
`check_source_links` finds the links that no longer answer for the "Reviews due" report."""

import datetime
import http.server
import json
import re
import socket
import threading
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from tests.review_support import new_treatment, publish_unreviewed
from tests.test_spanish_site import baclofen, translate_with_ancestors
from treatments.loading import load_treatment_guide
from treatments.models import (
    BrokenSourceLink,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
    TreatmentSource,
)

pytestmark = pytest.mark.django_db

SEED_SOURCE = ("Treatments for SPS", "SPS Research Foundation")
GUIDE = "/treatments/"
CATEGORY = "/treatments/symptomatic-relief/muscle-relaxants/"
TREATMENT = "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def sources_section(html):
    heading = BeautifulSoup(html, "html.parser").find("main").find("h2", string="Sources")
    return heading.find_parent("section") if heading else None


def citations(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found[0]).get("citation")


def with_sources(page, *sources):
    page = TreatmentPage.objects.get(pk=page.pk)
    page.sources = [TreatmentSource(**source) for source in sources]
    publish_unreviewed(page)
    return TreatmentPage.objects.get(pk=page.pk)


@pytest.mark.parametrize("url", [GUIDE, CATEGORY, TREATMENT])
def test_every_loaded_page_lists_the_seed_as_its_source_without_an_address(client, guide, url):
    html = get(client, url)

    section = sources_section(html)
    assert section is not None
    items = section.find_all("li")
    assert [item.find("cite").get_text(strip=True) for item in items] == [SEED_SOURCE[0]]
    assert SEED_SOURCE[1] in items[0].get_text(" ")
    assert section.find("a") is None  # the seed names no address
    assert citations(html) == [
        {
            "@type": "CreativeWork",
            "name": SEED_SOURCE[0],
            "publisher": {"@type": "Organization", "name": SEED_SOURCE[1]},
        }
    ]


def test_every_page_the_loader_made_has_the_one_seed_source(guide):
    for model in (TreatmentGuidePage, TherapyCategoryPage, TreatmentPage):
        for page in model.objects.prefetch_related("sources"):
            sources = [(s.title, s.publisher, s.url, s.published_on) for s in page.sources.all()]
            assert sources == [(*SEED_SOURCE, "", None)], page.title


def test_a_page_without_sources_shows_no_section_and_no_citation(client, guide):
    page = with_sources(new_treatment(guide))

    html = get(client, page.url)

    assert sources_section(html) is None
    assert citations(html) is None


def test_a_full_source_shows_each_of_its_details_and_its_citation(client, guide):
    page = with_sources(
        new_treatment(guide),
        {
            "title": "A made-up paper",
            "publisher": "A made-up journal",
            "url": "https://example.org/paper",
            "identifier": "10.1000/example",
            "published_on": datetime.date(2024, 3, 5),
            "checked_on": datetime.date(2026, 11, 30),
        },
        {"title": "A second made-up work"},
    )

    html = get(client, page.url)

    section = sources_section(html)
    first, second = section.find_all("li")
    assert first.find("a")["href"] == "https://example.org/paper"
    text = " ".join(first.get_text(" ").split())
    for detail in ("A made-up journal", "10.1000/example", "Published 5 March 2024"):
        assert detail in text
    assert "Checked 30 November 2026" in text
    assert second.get_text(" ", strip=True) == "A second made-up work ."
    assert citations(html) == [
        {
            "@type": "CreativeWork",
            "name": "A made-up paper",
            "publisher": {"@type": "Organization", "name": "A made-up journal"},
            "url": "https://example.org/paper",
            "identifier": "10.1000/example",
            "datePublished": "2024-03-05",
        },
        {"@type": "CreativeWork", "name": "A second made-up work"},
    ]


def test_a_source_waits_for_the_review_like_the_rest_of_the_page(client, guide):
    page = TreatmentPage.objects.get(slug="baclofen")
    draft = page.get_latest_revision_as_object()
    draft.sources = [TreatmentSource(title="A made-up draft source")]
    draft.save_revision()

    assert "A made-up draft source" not in get(client, TREATMENT)


def test_loading_again_offers_the_seed_source_as_a_draft_where_a_page_has_none(client, guide):
    page = TreatmentPage.objects.get(slug="baclofen")
    page.sources = []
    publish_unreviewed(page)  # as an earlier loader, which listed no sources, left it

    report = load_treatment_guide()

    page.refresh_from_db()
    assert page.title in report.drafted
    assert page.has_unpublished_changes
    assert sources_section(get(client, TREATMENT)) is None  # live text stays until reviewed
    draft = page.get_latest_revision_as_object()
    assert [(s.title, s.publisher) for s in draft.sources.all()] == [SEED_SOURCE]
    assert page.title not in load_treatment_guide().drafted  # once


# The link check, against a server of the test's own on 127.0.0.1


class Answers(http.server.BaseHTTPRequestHandler):
    """/ok answers, /moved redirects to it, /no-head refuses HEAD only, anything else is 404."""

    def answer(self, with_body):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/ok" or (self.path == "/no-head" and with_body):
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    """A loopback port nobody listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_link_check_records_the_404_and_the_refused_link_only(
    client, guide, users, link_server, closed_port
):
    refused = f"http://127.0.0.1:{closed_port}/gone"
    urls = {
        "fine": f"{link_server}/ok",
        "moved": f"{link_server}/moved",
        "no HEAD": f"{link_server}/no-head",
        "missing": f"{link_server}/missing",
        "refused": refused,
    }
    page = with_sources(
        new_treatment(guide), *({"title": name, "url": url} for name, url in urls.items())
    )
    out = StringIO()

    call_command("check_source_links", timeout=3, stdout=out)

    broken = {record.url: record.problem for record in BrokenSourceLink.objects.all()}
    assert broken == {urls["missing"]: "HTTP 404", refused: "could not connect"}
    assert set(BrokenSourceLink.objects.values_list("page", flat=True)) == {page.pk}
    assert "5 source links of live pages; 2 broken" in out.getvalue()

    client.force_login(users["advisor"])
    report = client.get(reverse("medical_review_reviews_due"))
    row = BeautifulSoup(report.content, "html.parser").find(
        "a", href=reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    problems = row.find_parent("tr").find("td", attrs={"data-page-problems": True})
    assert f"Broken source link: {urls['missing']}" in problems.get_text()
    assert f"Broken source link: {refused}" in problems.get_text()
    assert urls["fine"] not in problems.get_text()


def test_a_link_that_answers_again_leaves_the_report(client, guide, link_server):
    page = with_sources(new_treatment(guide), {"title": "Made up", "url": f"{link_server}/404"})
    call_command("check_source_links", timeout=3, stdout=StringIO())
    assert BrokenSourceLink.objects.filter(page=page).exists()

    with_sources(page, {"title": "Made up", "url": f"{link_server}/ok"})
    call_command("check_source_links", timeout=3, stdout=StringIO())

    assert not BrokenSourceLink.objects.exists()


def test_only_live_pages_are_checked(guide, link_server):
    page = with_sources(new_treatment(guide), {"title": "Made up", "url": f"{link_server}/404"})
    page.unpublish()

    call_command("check_source_links", timeout=3, stdout=StringIO())

    assert not BrokenSourceLink.objects.exists()


def test_a_spanish_page_heads_its_sources_in_spanish(guide, client):
    translate_with_ancestors(baclofen())

    main = BeautifulSoup(get(client, "/es" + TREATMENT), "html.parser").find("main")

    heading = main.find("h2", id="sources-heading")
    assert heading.get_text(strip=True) == "Fuentes"
    assert SEED_SOURCE[0] in heading.find_parent("section").get_text(" ")
