"""Search forgives: misspelt names, word forms and the seed's group words find the treatment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_search import result_titles, search


@pytest.mark.django_db
@pytest.mark.parametrize(
    "misspelt, treatment",
    [
        ("valum", "Diazepam"),
        ("diazapam", "Diazepam"),
        ("klonipin", "Clonazepam"),
        ("baclophen", "Baclofen"),
        ("rituxamab", "Rituximab"),
    ],
)
def test_a_misspelt_name_finds_the_treatment_and_says_did_you_mean(
    client, guide, misspelt, treatment
):
    response = search(client, misspelt)
    assert response.status_code == 200
    assert result_titles(response)[0] == treatment
    html = response.content.decode()
    assert f'Did you mean <a href="?q={treatment}">{treatment}</a>?' in html


@pytest.mark.django_db
def test_the_corrected_search_finds_the_treatment_without_a_correction(client, guide):
    response = search(client, "Diazepam")
    assert result_titles(response)[0] == "Diazepam"
    assert "Did you mean" not in response.content.decode()


@pytest.mark.django_db
def test_a_query_that_matches_something_is_not_corrected(client, guide):
    html = search(client, "valium").content.decode()
    assert "Did you mean" not in html


@pytest.mark.django_db
def test_nonsense_gets_no_correction(client, guide):
    response = search(client, "zzqxv")
    assert result_titles(response) == []
    assert "Did you mean" not in response.content.decode()


@pytest.mark.django_db
def test_a_singular_word_finds_the_page_that_uses_the_plural(client, guide):
    # The seed: "a short course of high dose intravenous steroids".
    assert "Intravenous methylprednisolone" in result_titles(search(client, "steroid"))
    assert "Intravenous methylprednisolone" in result_titles(search(client, "steroids"))


@pytest.mark.django_db
def test_the_seeds_group_words_find_the_treatments_of_the_group(client, guide):
    # The seed: "Benzodiazepine group including diazepam (Valium), clonazepam (Klonopin)".
    for query in ("benzodiazepine", "Benzodiazepines"):
        assert {"Diazepam", "Clonazepam"} <= set(result_titles(search(client, query))), query
    # The seed: "Intravenous immunoglobulins (IVIg)", "Subcutaneous immunoglobulin (SCIG)".
    titles = result_titles(search(client, "immunoglobulin"))
    assert {"Intravenous immunoglobulins (IVIg)", "Subcutaneous immunoglobulin (SCIG)"} <= set(
        titles
    )


@pytest.mark.django_db
def test_one_page_of_results_past_the_end_says_there_is_only_one(client, guide):
    html = search(client, "valium", page=5).content.decode()
    assert "There is only 1 page of results" in html
    assert "There are only 1" not in html


def suggest(client, typed):
    return client.get("/search/suggest/", {"q": typed})


@pytest.mark.django_db
def test_suggestions_name_the_treatment_and_its_other_names(client, guide):
    response = suggest(client, "clon")
    assert response.status_code == 200
    first = response.json()["suggestions"][0]
    assert first == {
        "title": "Clonazepam",
        "url": "/treatments/symptomatic-relief/muscle-relaxants/clonazepam/",
        "also": "Klonopin",
    }
    assert client.get(first["url"]).status_code == 200


@pytest.mark.django_db
def test_a_brand_name_start_suggests_its_treatment(client, guide):
    titles = [s["title"] for s in suggest(client, "klon").json()["suggestions"]]
    assert titles == ["Clonazepam"]


@pytest.mark.django_db
def test_a_misspelt_start_suggests_the_nearest_treatment(client, guide):
    titles = [s["title"] for s in suggest(client, "diazap").json()["suggestions"]]
    assert titles == ["Diazepam"]


@pytest.mark.django_db
def test_suggestions_are_at_most_eight(client, guide):
    for typed in ("a", "i", "m", "s"):
        assert len(suggest(client, typed).json()["suggestions"]) <= 8, typed


@pytest.mark.django_db
def test_suggestions_never_include_drafts_or_unpublished_pages(client, guide):
    from treatments.models import TreatmentPage

    TreatmentPage.objects.get(slug="diazepam").unpublish()
    assert suggest(client, "diaz").json()["suggestions"] == []
    assert suggest(client, "valium").json()["suggestions"] == []


@pytest.mark.django_db
def test_suggestions_may_be_cached_publicly_for_a_short_time(client, guide):
    cache_control = suggest(client, "clon")["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control


@pytest.mark.django_db
def test_odd_input_to_suggestions_answers_normally(client, guide):
    for typed in ("", " ", "\x00", "💊", '"', "' OR 1=1 --", "%", "a" * 200, "Ä̸̡̛͔̞ͅ"):
        response = suggest(client, typed)
        assert response.status_code == 200, typed
        assert "suggestions" in response.json()
    for raw in ("q=%00", "q=%ff%fe", "", "q=clon&q=diaz"):
        assert client.get(f"/search/suggest/?{raw}").status_code == 200, raw


@pytest.mark.django_db
def test_a_too_long_suggestion_request_is_a_clear_400(client, guide):
    for length in (201, 100_000):
        response = suggest(client, "c" * length)
        assert response.status_code == 400
        assert "at most 200 characters" in response.json()["error"]


@pytest.mark.django_db
def test_suggestions_are_get_only(client, guide):
    assert client.post("/search/suggest/", {"q": "clon"}).status_code == 405


# The reader's Locale, the names (the view restrictions checked inside their query), the
# suggested pages' URLs and the request's Site.
SUGGEST_QUERIES = 4


@pytest.mark.django_db
def test_suggestions_cost_a_fixed_number_of_queries(client, guide):
    suggest(client, "m")  # fills Wagtail's cache of the sites' root paths
    for typed in ("m", "clon", "baclo"):
        with CaptureQueriesContext(connection) as captured:
            assert suggest(client, typed).status_code == 200
        assert len(captured) == SUGGEST_QUERIES, (typed, [q["sql"] for q in captured])
