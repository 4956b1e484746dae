"""The review line under each guide page's title, and each treatment's review state where
treatments are listed (the table, search results)."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from glossary.loading import load_glossary
from glossary.models import GlossaryPage
from tests.factories import record_review
from tests.page_text import visible_text
from tests.review_support import ATTESTED, workflow_action
from treatments.models import TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

GLANCE = "/treatments/at-a-glance/"


def line_under_title(response):
    """The text of the element right after the page's <h1>."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.find("main").find("h1").find_next_sibling().get_text().split())


def treatment(slug):
    return TreatmentPage.objects.get(slug=slug, locale__language_code="en")


def reviewed(page, day, name="Ada Advisor", credentials="MD", specialty="Neurologist"):
    record_review(
        page,
        datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC),
        next_review_due=day.replace(year=day.year + 1),
        reviewer_name=name,
        reviewer_credentials=credentials,
        reviewer_specialty=specialty,
    )


def test_every_guide_page_says_under_its_title_that_the_seed_is_not_yet_reviewed(client, guide):
    load_glossary()
    category = TherapyCategoryPage.objects.live().descendant_of(guide).first()
    glossary = GlossaryPage.objects.get()
    for page in (guide, category, treatment("baclofen"), glossary):
        response = client.get(page.url)
        assert line_under_title(response) == "Not yet medically reviewed.", page.title
        assert "<strong>Not yet medically reviewed.</strong>" in response.content.decode()


def test_an_approved_page_names_its_reviewer_and_day_under_its_title_history_at_its_foot(
    client, users, guide
):
    page = treatment("baclofen")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        page.save_revision(user=users["editor"])
        page.get_workflow().start(page, users["editor"])
        client.force_login(users["advisor"])
        workflow_action(client, page, "approve", ATTESTED)
        client.logout()

    response = client.get(page.url)
    assert line_under_title(response) == (
        "Medically reviewed by Ada Advisor, MD (Neurologist) on 1 December 2026."
    )
    text = visible_text(response)
    assert "Not yet medically reviewed" not in text
    # The full history stays at the foot, after the page's text.
    assert text.index("Review history") > text.index("Lioresal")
    assert "1 December 2026 : reviewed by Ada Advisor, MD (Neurologist)" in text


def test_a_page_moved_since_its_review_is_not_reviewed_in_its_new_place(client, guide):
    page = treatment("baclofen")
    reviewed(page, datetime.date(2026, 1, 15))
    TreatmentPage.objects.filter(pk=page.pk).update(
        moved_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    )

    assert line_under_title(client.get(page.url)) == "Not yet medically reviewed."
    row = glance_row(client.get(GLANCE), "Baclofen")
    assert row.endswith("Medical review: Not yet reviewed")


def glance_row(response, title):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for row in soup.select("table.glance tbody tr"):
        if row.find("th").get_text(strip=True) == title:
            return " ".join(row.get_text(" ").split())
    raise AssertionError(f"{title} is not in the table")


def test_the_table_shows_each_treatments_review_state(client, guide):
    reviewed(treatment("baclofen"), datetime.date(2026, 1, 15))

    response = client.get(GLANCE)
    html = response.content.decode()
    assert '<th scope="col">Medical review</th>' in html
    assert glance_row(response, "Baclofen").endswith("Medical review: Reviewed on 15 January 2026")
    assert '<time datetime="2026-01-15">15 January 2026</time>' in html
    assert glance_row(response, "Tizanidine").endswith("Medical review: Not yet reviewed")


def search_result(response, title):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for result in soup.select(".search-result"):
        if result.find("h3").get_text(strip=True) == title:
            return " ".join(result.get_text(" ").split())
    raise AssertionError(f"{title} is not among the results")


def test_search_results_show_each_pages_review_state(client, guide):
    reviewed(treatment("diazepam"), datetime.date(2026, 3, 4))

    response = client.get("/search/", {"q": "benzodiazepine"})
    assert "Medical review Reviewed on 4 March 2026" in search_result(response, "Diazepam")
    assert "Medical review Not yet reviewed" in search_result(response, "Clonazepam")
