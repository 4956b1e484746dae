"""Bad input found on the running site: each answers a clear 4xx or a form error, never a 500."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text

from tests.review_support import new_treatment, treatment_form_data
from treatments.api import OFFSET_MAX, api_router

Document = get_document_model()


@pytest.fixture
def visitor(guide):
    """A client that answers a server error with the error page, as the site does."""
    return Client(raise_request_exception=False)


# --- The public API -----------------------------------------------------------------------


def api_listings():
    return [f"/api/v2/{name}/" for name in api_router._endpoints]


@pytest.mark.django_db
@pytest.mark.parametrize("listing", api_listings())
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"offset": "99999999999999999999"}, f"offset cannot be higher than {OFFSET_MAX}"),
        ({"offset": "9223372036854775808"}, f"offset cannot be higher than {OFFSET_MAX}"),
        ({"offset": str(OFFSET_MAX + 1)}, f"offset cannot be higher than {OFFSET_MAX}"),
        ({"offset": "-1"}, "offset must be a positive integer"),
        ({"offset": "ten"}, "offset must be a positive integer"),
        ({"offset": "9" * 5000}, "offset must be a positive integer"),
        ({"limit": "99999999999999999999"}, "limit cannot be higher than 100"),
        ({"limit": "-5"}, "limit must be a positive integer"),
        ({"limit": "1e3"}, "limit must be a positive integer"),
    ],
)
def test_api_paging_out_of_range_answers_400_with_a_message(visitor, listing, query, message):
    response = visitor.get(listing, query)
    assert response.status_code == 400
    assert response.json() == {"message": message}


@pytest.mark.django_db
def test_api_paging_within_range_still_lists(visitor):
    response = visitor.get("/api/v2/pages/", {"offset": OFFSET_MAX, "limit": 100})
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert visitor.get("/api/v2/pages/", {"offset": 1, "limit": 2}).json()["items"]


# --- A Host header ending in a dot ----------------------------------------------------------


def page_urls(response):
    html = response.content.decode()
    return re.findall(r'<link rel="canonical" href="([^"]*)"', html) + re.findall(
        r'<meta property="og:url" content="([^"]*)"', html
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "expected"),
    [("localhost.", "http://localhost/"), ("127.0.0.1.:8000", "http://127.0.0.1:8000/")],
)
def test_a_host_with_a_trailing_dot_never_reaches_canonical_or_og_url(
    visitor, guide, host, expected
):
    for path in (guide.url, "/search/?q=baclofen"):
        response = visitor.get(path, headers={"host": host})
        assert response.status_code == 200
        urls = page_urls(response)
        assert len(urls) == 2
        assert all(url.startswith(expected) for url in urls), urls


@pytest.mark.django_db
def test_a_page_asked_for_with_a_dotted_host_is_not_cached_with_the_dot(visitor, guide):
    visitor.get(guide.url, headers={"host": "localhost."})
    response = visitor.get(guide.url, headers={"host": "localhost"})
    assert page_urls(response) == [f"http://localhost{guide.url}"] * 2


@pytest.mark.django_db
def test_the_sitemap_asked_for_with_a_dotted_host_names_the_site(visitor):
    response = visitor.get("/sitemap.xml", headers={"host": "localhost."})
    assert response.status_code == 200
    assert "localhost./" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["localhost..", "[::1].", "evil.example."])
def test_a_host_that_is_not_the_site_with_a_dot_is_still_refused(visitor, guide, host):
    assert visitor.get(guide.url, headers={"host": host}).status_code == 400


# --- Document uploads -----------------------------------------------------------------------


def a_file(size, name="report.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * (size - 9), "application/pdf")


def test_documents_are_limited_to_20_mb_by_default(settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


@pytest.mark.django_db
def test_a_document_over_the_limit_is_refused_in_the_form(client, users, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Dosing chart", "file": a_file(1001)}
    )
    assert response.status_code == 200
    assert "This file is too big (1001\xa0bytes). Maximum filesize 1000\xa0bytes." in (
        response.content.decode()
    )
    assert 'value="Dosing chart"' in response.content.decode()
    assert not Document.objects.filter(title="Dosing chart").exists()


@pytest.mark.django_db
def test_a_document_over_the_limit_is_refused_by_the_multiple_upload(client, users, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "Dosing chart", "files[]": a_file(1001)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "Maximum filesize 1000\xa0bytes" in result["error_message"]
    assert not Document.objects.filter(title="Dosing chart").exists()


@pytest.mark.django_db
def test_a_document_at_the_limit_is_accepted(client, users, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Dosing chart", "file": a_file(1000)}
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="Dosing chart").exists()


# --- Admin listings: search with filters ----------------------------------------------------


def admin_listings():
    return [
        reverse("wagtailsnippets_treatments_person:list"),
        reverse("wagtailsnippets_treatments_person:list_results"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index_results"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index_results"),
    ]


LISTING_QUERIES = [
    {"q": "ada", "locale": "en"},
    {"q": "ada", "locale": "es"},
    {"q": "ada", "locale": ""},
    {"q": "ada", "locale": "en", "ordering": "name"},
    {"q": "ada", "live": "true"},
    {"q": "chart", "usage_count_min": "1"},
    {"q": "chart", "usage_count_max": "0"},
    {"q": "chart", "usage_count_min": "abc"},
    {"q": "chart", "usage_count_min": "99999999999999999999"},
    {"q": "chart", "ordering": "-usage_count"},
    {"usage_count_min": "99999999999999999999"},
    {"p": "99999999999999999999"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", "editor"])
def test_admin_listings_search_with_any_filter(users, role):
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    for url in admin_listings():
        for query in LISTING_QUERIES:
            response = client.get(url, query)
            assert response.status_code == 200, (url, query, response.status_code)


@pytest.mark.django_db
def test_people_search_within_a_language_finds_the_person(client, users):
    client.force_login(users["editor"])
    url = reverse("wagtailsnippets_treatments_person:list_results")
    assert "Ada Advisor" in client.get(url, {"q": "ada", "locale": "en"}).content.decode()
    assert "Ada Advisor" not in client.get(url, {"q": "ada", "locale": "es"}).content.decode()


@pytest.mark.django_db
def test_documents_search_with_a_usage_filter_finds_the_unused_document(client, users):
    client.force_login(users["editor"])
    Document.objects.create(title="Dosing chart", file=a_file(100))
    url = reverse("wagtaildocs:index_results")
    unused = client.get(url, {"q": "dosing", "usage_count_max": "0"}).content.decode()
    assert "Dosing chart" in unused
    used = client.get(url, {"q": "dosing", "usage_count_min": "1"}).content.decode()
    assert "Dosing chart" not in used


# --- Damaged posts to the page editor and its preview ---------------------------------------


def damaged_posts(page):
    """What the editor posts for `page` with a new title, damaged in one way each."""
    good = treatment_form_data(page, title="Reviewamide (kept text)")
    block = {
        "body-count": "1",
        "body-0-type": "text",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": rich_text("<p>Kept paragraph</p>"),
    }
    return {
        "nothing but the title": {"title": "Reviewamide (kept text)"},
        "no body count": {k: v for k, v in good.items() if k != "body-count"},
        "body count not a number": good | {"body-count": "abc"},
        "body count too large": good | {"body-count": "99999999999999999999"},
        "body count beyond its blocks": good | block | {"body-count": "3"},
        "block without its order": good | block | {"body-count": "2", "body-1-type": "x"},
        "brand names announced, not sent": good | {"brand_names-TOTAL_FORMS": "3"},
        "brand names count garbage": good | {"brand_names-TOTAL_FORMS": "many"},
        "a route beyond any id": good | {"routes": "99999999999999999999"},
    }


def damaged_cases():
    return [
        pytest.param(role, view, case, id=f"{role}-{view}-{case}")
        for role in ("superuser", "editor")
        for view in ("edit", "preview")
        for case in damaged_posts_names()
    ]


def damaged_posts_names():
    return [
        "nothing but the title",
        "no body count",
        "body count not a number",
        "body count too large",
        "body count beyond its blocks",
        "block without its order",
        "brand names announced, not sent",
        "brand names count garbage",
        "a route beyond any id",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "view", "case"), damaged_cases())
def test_a_damaged_post_gets_a_form_error_with_the_text_kept(guide, users, role, view, case):
    page = new_treatment(guide)
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    data = damaged_posts(page)[case]
    if view == "edit":
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        assert response.status_code == 200
        assert "The page could not be saved due to validation errors" in (response.content.decode())
        assert "Reviewamide (kept text)" in response.content.decode()
    else:
        response = client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), data)
        assert response.status_code == 200
        assert response.json()["is_valid"] is False
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Reviewamide"


@pytest.mark.django_db
def test_the_complete_blocks_of_a_damaged_body_come_back_in_the_form(guide, users, client):
    page = new_treatment(guide)
    client.force_login(users["editor"])
    data = damaged_posts(page)["body count beyond its blocks"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    html = response.content.decode()
    assert "Kept paragraph" in html
    assert "Some blocks of this field did not arrive complete and were left out." in html
