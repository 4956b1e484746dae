"""The read-only API v2: live, public guide pages with their structured fields, nothing else."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from medical_review.models import MedicalReview
from treatments.models import TherapyCategoryPage, TreatmentPage

PAGES = "/api/v2/pages/"


def listing(client, **params):
    response = client.get(PAGES, {"limit": 100, **params})
    assert response.status_code == 200
    return response.json()


def titles(data):
    return {item["title"] for item in data["items"]}


@pytest.mark.django_db
def test_the_api_lists_the_guide_pages(client, guide):
    data = listing(client)
    live_treatments = set(TreatmentPage.objects.live().values_list("title", flat=True))
    assert live_treatments <= titles(data)
    assert guide.title in titles(data)
    assert "SPS Treatment Guide" not in titles(data)  # the home page is not a guide page
    assert data["meta"]["total_count"] == len(data["items"])


@pytest.mark.django_db
def test_a_treatment_has_its_structured_fields(client, guide):
    data = listing(
        client,
        type="treatments.TreatmentPage",
        fields="generic_name,brand_names,routes,kind,drug_class,administration",
        slug="mycophenolate-mofetil",
    )
    [item] = data["items"]
    assert item["generic_name"] == "Mycophenolate mofetil"
    assert item["brand_names"] == ["CellCept", "Myfortic"]
    assert item["routes"] == ["Oral"]
    assert item["kind"] == "medication"

    detail = client.get(f"{PAGES}{item['id']}/").json()
    assert detail["meta"]["parent"]["title"] == "“Second Line” Immunotherapies"
    assert detail["brand_names"] == ["CellCept", "Myfortic"]
    assert "targets" in detail and "body" in detail


@pytest.mark.django_db
def test_categories_carry_their_line_of_therapy(client, guide):
    data = listing(client, type="treatments.TherapyCategoryPage", fields="line_of_therapy")
    lines = {item["title"]: item["line_of_therapy"] for item in data["items"]}
    assert lines["“First Line” Immunotherapies"] == "first"
    assert lines["Muscle Relaxants"] == ""


@pytest.mark.django_db
def test_guide_credits_people_without_their_accounts(client, guide):
    detail = client.get(f"{PAGES}{guide.pk}/").json()
    people = detail["people"]
    assert people and set(people[0]) == {"name", "credentials", "role", "credit"}


@pytest.mark.django_db
def test_drafts_and_unpublished_pages_are_never_in_the_api(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    draft = TreatmentPage(title="Draftamide", kind="medication", live=False)
    category.add_child(instance=draft)

    diazepam = TreatmentPage.objects.get(slug="diazepam")
    diazepam.title = "Diazepam renamed in a draft"
    diazepam.save_revision()
    TreatmentPage.objects.get(slug="tizanidine").unpublish()

    found = titles(listing(client))
    assert "Draftamide" not in found
    assert "Tizanidine" not in found
    assert "Diazepam" in found and "Diazepam renamed in a draft" not in found
    assert client.get(f"{PAGES}{draft.pk}/").status_code == 404
    assert client.get(f"{PAGES}{diazepam.pk}/").json()["title"] == "Diazepam"


@pytest.mark.django_db
def test_private_pages_are_not_in_the_api(client, guide):
    category = TherapyCategoryPage.objects.get(slug="anti-seizure-medication")
    PageViewRestriction.objects.create(
        page=category, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    found = titles(listing(client))
    assert "Gabapentin" not in found and category.title not in found


@pytest.mark.django_db
def test_private_fields_are_never_exposed(client, guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    MedicalReview.objects.create(
        page=baclofen,
        page_title=baclofen.title,
        reviewer_name="Test Reviewer",
        next_review_due=datetime.date(2030, 1, 1),
        comment="Private note for editors",
    )
    response = client.get(f"{PAGES}{baclofen.pk}/", {"fields": "*"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Private note for editors" not in text
    for private in ("owner", "locked_by", "latest_revision", "next_review_due", "comment"):
        assert f'"{private}"' not in text
    # Asking for a field that is not exposed is refused, not answered.
    assert client.get(PAGES, {"fields": "owner"}).status_code == 400


@pytest.mark.django_db
def test_the_api_is_read_only_json(client, guide):
    assert client.post(PAGES, {"title": "x"}).status_code == 405
    assert client.delete(f"{PAGES}{guide.pk}/").status_code == 405
    response = client.get(PAGES, HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
