"""The “At a glance” table: every treatment, filtered and sorted with plain GET links."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.review_support import publish_unreviewed
from treatments.models import (
    AdministrationRoute,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentPage,
)

URL = "/treatments/at-a-glance/"


def row_titles(response):
    return [row.treatment.title for row in response.context["glance"].rows]


def body_rows(html):
    """The rows' markup, without the labels that name each fact where the table is stacked."""
    tbody = html[html.index("<tbody>") : html.index("</tbody>")]
    tbody = re.sub(r'<span class="glance__label">.*?</span>', "", tbody)
    return re.findall(r"<tr>(.*?)</tr>", tbody, re.S)


@pytest.mark.django_db
def test_every_live_treatment_is_in_the_table_with_its_facts(client, guide):
    response = client.get(URL)
    assert response.status_code == 200
    live = set(TreatmentPage.objects.live().values_list("title", flat=True))
    assert set(row_titles(response)) == live
    html = response.content.decode()
    baclofen = next(row for row in body_rows(html) if ">Baclofen</a>" in row)
    cells = re.findall(r"<td>(.*?)</td>", baclofen, re.S)
    # Muscle relaxants have no line of therapy: the cell is empty, not "Not stated".
    assert cells == [
        "Lioresal",
        "Muscle Relaxants",
        "",
        "Oral, infused into the spine with an implantable pump which requires surgery",
        '<strong class="review-state--not-reviewed">Not yet reviewed</strong>',
    ]
    rituximab = next(row for row in body_rows(html) if ">Rituximab</a>" in row)
    assert "“Second Line”" in rituximab


@pytest.mark.django_db
def test_the_table_has_a_caption_and_scoped_headers(client, guide):
    html = client.get(URL).content.decode()
    assert "<caption" in html
    headers = re.findall(r"<th scope=\"(col|row)\"", html)
    # The five facts, the medical review and the ticks for the doctor's list.
    assert headers.count("col") == 7
    assert headers.count("row") == TreatmentPage.objects.live().count()
    # Sorted by treatment name by default, and only that column says so.
    assert html.count("aria-sort=") == 1
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a[^>]*>Treatment', html)


@pytest.mark.django_db
def test_filter_by_category_includes_subcategories(client, guide):
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")
    titles = row_titles(client.get(URL, {"category": immunotherapies.pk}))
    assert "Rituximab" in titles  # in a subcategory (second line)
    assert "Intravenous immunoglobulins (IVIg)" in titles  # first line
    assert "Autologous stem cell transplants" in titles  # directly in the category
    assert "Baclofen" not in titles


@pytest.mark.django_db
def test_filter_by_line_of_therapy(client, guide):
    second = row_titles(client.get(URL, {"line": "second"}))
    assert sorted(second) == sorted(
        TreatmentPage.objects.live()
        .descendant_of(TherapyCategoryPage.objects.get(slug="second-line"))
        .values_list("title", flat=True)
    )
    # Only the lines the guide states are offered; an old "none" link shows every treatment.
    options = client.get(URL).context["glance"].line_options
    assert [option["label"] for option in options] == ["“First Line”", "“Second Line”"]
    assert (
        len(row_titles(client.get(URL, {"line": "none"}))) == TreatmentPage.objects.live().count()
    )


@pytest.mark.django_db
def test_filter_by_route(client, guide):
    titles = row_titles(client.get(URL, {"route": "oral"}))
    oral = AdministrationRoute.objects.get(slug="oral")
    assert sorted(titles) == sorted(oral.treatments.live().values_list("title", flat=True))


@pytest.mark.django_db
def test_filters_combine_and_the_form_remembers_them(client, guide):
    immunotherapies = TherapyCategoryPage.objects.get(slug="immunotherapies")
    response = client.get(
        URL, {"category": immunotherapies.pk, "line": "second", "route": "intravenous"}
    )
    assert sorted(row_titles(response)) == ["Cyclophosphamide", "Rituximab"]
    html = response.content.decode()
    assert f'<option value="{immunotherapies.pk}" selected>' in html
    assert '<option value="second" selected>' in html
    assert '<option value="intravenous" selected>' in html
    assert "Clear filters" in html


@pytest.mark.django_db
def test_a_filter_that_matches_nothing_says_so(client, guide):
    first_line = TherapyCategoryPage.objects.get(slug="first-line")
    response = client.get(URL, {"category": first_line.pk, "route": "oral"})
    assert row_titles(response) == []
    assert "No treatment matches these filters" in response.content.decode()


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_not_errors(client, guide):
    for params in (
        {"category": "abc"},
        {"category": "99999"},
        {"line": "third"},
        {"route": "\x00"},
        {"sort": "nonsense", "dir": "sideways"},
    ):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert len(row_titles(response)) == TreatmentPage.objects.live().count()


@pytest.mark.django_db
def test_sorting_by_a_column_and_back(client, guide):
    by_name = row_titles(client.get(URL))
    assert by_name == sorted(by_name, key=str.casefold)
    descending = client.get(URL, {"sort": "name", "dir": "desc"})
    assert row_titles(descending) == by_name[::-1]
    assert 'aria-sort="descending"' in descending.content.decode()

    by_line = client.get(URL, {"sort": "line"}).context["glance"].rows
    lines = [row.line_value for row in by_line]
    assert lines == sorted(lines, key=lambda value: (value == "", value))


@pytest.mark.django_db
def test_sort_links_keep_the_filters(client, guide):
    html = client.get(URL, {"route": "oral"}).content.decode()
    links = re.findall(r'<th scope="col"[^>]*>\s*<a href="([^"]+)"', html)
    assert len(links) == 4
    assert all("route=oral" in link.replace("&amp;", "&") for link in links)


@pytest.mark.django_db
def test_drafts_are_not_in_the_table(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    category.add_child(instance=TreatmentPage(title="Draftamide", kind="medication", live=False))
    assert "Draftamide" not in row_titles(client.get(URL))


@pytest.mark.django_db
def test_the_table_is_linked_from_the_header(client, guide):
    html = client.get("/").content.decode()
    assert f'href="{URL}"' in html


def _queries(client):
    cache.clear()  # the page cache would answer without the database
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_more_treatments(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    oral = AdministrationRoute.objects.get(slug="oral")
    _queries(client)
    before = _queries(client)
    for number in range(10):
        page = TreatmentPage(
            title=f"Testamide {number}",
            kind="medication",
            brand_names=[TreatmentBrandName(name=f"Brandex {number}")],
        )
        category.add_child(instance=page)
        page.routes.add(oral)
        publish_unreviewed(page)
    assert before > 0
    assert _queries(client) == before
