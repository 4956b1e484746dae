"""Editors manage promoted search results in the admin; visitors' searches show them first."""

from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from tests.review_support import a_treatment, role_accounts


def promotion_form(query, page, description):
    return {
        "query_string": query,
        "editors_picks-TOTAL_FORMS": 1,
        "editors_picks-INITIAL_FORMS": 0,
        "editors_picks-MAX_NUM_FORMS": 1000,
        "editors_picks-0-DELETE": "",
        "editors_picks-0-ORDER": 0,
        "editors_picks-0-page": page.pk,
        "editors_picks-0-description": description,
    }


def test_an_editor_promotes_a_treatment_for_a_search(client, guide, search_index):
    search_index()
    treatment = a_treatment(guide)
    client.force_login(role_accounts()["editor"])

    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert reverse("wagtailsearchpromotions:index") in client.get("/admin/").content.decode()
    response = client.post(
        reverse("wagtailsearchpromotions:add"),
        promotion_form("muscle stiffness", treatment, "Start here"),
    )

    assert response.status_code == 302, response.content[:800]
    assert list(Query.get("muscle stiffness").editors_picks.values_list("page_id", flat=True)) == [
        treatment.pk
    ]
    # Readers see the page's own title, never the promotion's free text.
    public = Client().get("/search/", {"q": "muscle stiffness"}).content.decode()
    assert treatment.title in public and "Start here" not in public


def test_an_editor_removes_a_promotion(client, guide):
    treatment = a_treatment(guide)
    client.force_login(role_accounts()["editor"])
    client.post(reverse("wagtailsearchpromotions:add"), promotion_form("spasm", treatment, "A"))
    query = Query.get("spasm")

    deleted = client.post(reverse("wagtailsearchpromotions:delete", args=[query.pk]))

    assert deleted.status_code == 302
    assert not query.editors_picks.exists()
