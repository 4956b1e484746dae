"""The page cache: anonymous visitors get cached public pages; a publish shows at once."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from tests.factories import TreatmentPageFactory
from tests.review_support import publish_unreviewed
from treatments.models import GuideSettings, TherapyCategoryPage, TreatmentPage

HIT = "hit"


@pytest.fixture
def treatment(guide):
    return TreatmentPage.objects.live().order_by("path").first()


def visit(path, client=None):
    return (client or Client()).get(path)


def publish_title(page, title):
    page = page.specific
    page.title = title
    publish_unreviewed(page)
    return page


def test_second_visit_is_served_from_cache_without_touching_the_database(
    treatment, django_assert_num_queries
):
    url = treatment.url
    first = visit(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = visit(url)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == HIT
    assert second.content == first.content
    # Security headers are still on a page that came from the cache.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_treatment_shows_at_once_on_it_and_on_the_pages_that_list_it(treatment):
    category = treatment.get_parent()
    guide_url = "/treatments/"
    for url in (treatment.url, category.url, guide_url, "/treatments/at-a-glance/"):
        visit(url)
        assert visit(url)["X-Page-Cache"] == HIT

    publish_title(treatment, "Renamed by an editor")

    for url in (treatment.url, category.url, guide_url, "/treatments/at-a-glance/"):
        response = visit(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Renamed by an editor" in response.content.decode(), url


def test_renaming_a_category_updates_the_breadcrumbs_of_its_treatments(treatment):
    category = TherapyCategoryPage.objects.get(pk=treatment.get_parent().pk)
    visit(treatment.url)
    publish_title(category, "A renamed category")
    assert "A renamed category" in visit(treatment.url).content.decode()


def test_unpublished_treatment_disappears_at_once(treatment):
    url, title = treatment.url, treatment.title
    assert visit(url).status_code == 200
    assert title in visit("/treatments/").content.decode()

    treatment.unpublish()

    assert visit(url).status_code == 404
    assert f">{title}<" not in visit("/treatments/").content.decode()


def test_a_draft_does_not_purge_or_change_the_public_page(treatment):
    visit(treatment.url)
    treatment.title = "An unreviewed draft title"
    treatment.save_revision()
    response = visit(treatment.url)
    assert response["X-Page-Cache"] == HIT
    assert "An unreviewed draft title" not in response.content.decode()


def test_changing_the_footer_disclaimer_purges_every_page(site, treatment):
    visit(treatment.url)
    settings = GuideSettings.for_site(site)
    settings.disclaimer = "A new disclaimer for every page."
    settings.save()
    assert "A new disclaimer for every page." in visit(treatment.url).content.decode()


def test_logged_in_editor_never_gets_nor_leaves_a_cached_page(treatment, admin_client):
    anonymous = visit(treatment.url)
    assert anonymous["X-Page-Cache"] == "miss"

    editor_view = admin_client.get(treatment.url)
    assert editor_view.status_code == 200
    assert "X-Page-Cache" not in editor_view
    assert "private" in editor_view["Cache-Control"]

    # What the editor saw was not stored for visitors either.
    cache.clear()
    admin_client.get(treatment.url)
    assert visit(treatment.url)["X-Page-Cache"] == "miss"


def test_admin_and_preview_are_never_cached(treatment, admin_client):
    for _ in range(2):
        edit = admin_client.get(f"/admin/pages/{treatment.pk}/edit/")
        assert edit.status_code == 200
        assert "X-Page-Cache" not in edit
    preview = admin_client.get(f"/admin/pages/{treatment.pk}/view_draft/")
    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    login = visit("/admin/login/")
    assert "X-Page-Cache" not in visit("/admin/login/")
    assert login.status_code == 200


def test_search_results_are_never_cached_and_find_a_new_treatment_at_once(guide, search_index):
    assert "X-Page-Cache" not in visit("/search/?q=baclofen")
    category = TherapyCategoryPage.objects.live().first()
    TreatmentPageFactory(parent=category, title="Zebrafloxamide")
    search_index()
    response = visit("/search/?q=Zebrafloxamide")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "Zebrafloxamide" in response.content.decode()


def test_tracking_parameters_share_the_cached_page_but_other_parameters_bypass_it(treatment):
    visit(treatment.url)
    assert visit(treatment.url + "?utm_source=news&fbclid=x")["X-Page-Cache"] == HIT
    filtered = visit("/treatments/at-a-glance/?sort=name")
    assert "X-Page-Cache" not in filtered
    assert "no-cache" in filtered["Cache-Control"]


def test_cached_page_does_not_carry_the_first_visitors_tracking_parameters(treatment):
    visit(treatment.url + "?fbclid=first-visitors-click")
    later = visit(treatment.url)
    assert later["X-Page-Cache"] == HIT
    assert "first-visitors-click" not in later.content.decode()
    assert f"Printed from http://testserver{treatment.url}<" in later.content.decode()


def test_not_found_pages_are_not_cached(guide):
    assert visit("/treatments/no-such-treatment/").status_code == 404
    assert "X-Page-Cache" not in visit("/treatments/no-such-treatment/")


def test_making_a_cached_page_private_takes_it_and_its_listing_off_at_once(treatment):
    visit(treatment.url)
    visit("/treatments/")
    assert visit(treatment.url)["X-Page-Cache"] == HIT

    PageViewRestriction.objects.create(
        page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    assert 'name="password"' in visit(treatment.url).content.decode()
    assert treatment.title not in visit("/treatments/").content.decode()


def test_password_protected_page_is_never_cached(treatment):
    PageViewRestriction.objects.create(
        page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(2):
        response = visit(treatment.url)
        assert "X-Page-Cache" not in response
        assert 'name="password"' in response.content.decode()


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        PurgeRecorder.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    """A real HTTP cache stand-in on loopback that records the PURGE requests it gets."""
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_publishing_purges_the_cdn_for_the_page_and_the_pages_that_list_it(
    treatment, purge_server, django_capture_on_commit_callbacks
):
    port = purge_server.server_address[1]
    cdn = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=cdn):
        visit(treatment.url)
        assert "s-maxage=" in visit(treatment.url)["Cache-Control"]
        with django_capture_on_commit_callbacks(execute=True):
            publish_title(treatment, "Purged everywhere")

    paths = {path for _, path in PurgeRecorder.purged}
    ancestors = [p for p in treatment.get_ancestors() if p.depth > 1]
    assert treatment.url in paths
    for page in ancestors:
        assert page.url in paths, page.title


class CloudFrontRecorder(BaseHTTPRequestHandler):
    """A stand-in for CloudFront's API on loopback: records each invalidation's paths."""

    invalidations = []

    def do_POST(self):  # noqa: N802 - the HTTP method's name
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        CloudFrontRecorder.invalidations.append(
            (self.path, re.findall(r"<Path>(.*?)</Path>", body))
        )
        reply = (
            b"<?xml version='1.0'?><Invalidation><Id>I1</Id><Status>InProgress</Status>"
            b"<CreateTime>2026-11-26T00:00:00Z</CreateTime></Invalidation>"
        )
        self.send_response(201)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


CLOUDFRONT = {
    "cloudfront": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": "E2EXAMPLE",
    }
}


def publish_with_cloudfront_at(endpoint, page, title, monkeypatch, on_commit):
    """Publishes with CloudFront purging on; boto3 sends its API calls to `endpoint`,
    signed with made-up keys."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with override_settings(WAGTAILFRONTENDCACHE=CLOUDFRONT):
        with on_commit(execute=True):
            publish_title(page, title)


def test_publishing_creates_a_cloudfront_invalidation_for_the_page_and_its_listings(
    treatment, monkeypatch, django_capture_on_commit_callbacks
):
    CloudFrontRecorder.invalidations = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CloudFrontRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        publish_with_cloudfront_at(
            f"http://127.0.0.1:{server.server_port}",
            treatment,
            "Invalidated on CloudFront",
            monkeypatch,
            django_capture_on_commit_callbacks,
        )
    finally:
        server.shutdown()

    [(request_path, paths)] = CloudFrontRecorder.invalidations
    assert request_path.endswith("/distribution/E2EXAMPLE/invalidation")
    assert treatment.url in paths
    for page in treatment.get_ancestors().filter(depth__gt=1):
        assert page.url in paths, page.title


def test_a_cdn_purge_that_fails_does_not_break_publishing(
    treatment, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """CloudFront's API unreachable: the purge task logs the failure, the publish stands."""
    publish_with_cloudfront_at(
        "http://127.0.0.1:9",  # nothing listens
        treatment,
        "Published despite the CDN",
        monkeypatch,
        django_capture_on_commit_callbacks,
    )
    assert "Could not connect to the endpoint URL" in caplog.text
    assert "Published despite the CDN" in visit(treatment.url).content.decode()
