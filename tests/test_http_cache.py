"""Who may keep a response (Cache-Control), and the purges of the HTTP cache in front (Varnish,
a CDN) when what a page shows changes. Through a real Varnish: tests/test_frontend_cache.py."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from medical_review.permissions import MODERATORS
from tests.review_support import make_user, publish_unreviewed
from treatments.models import TherapyCategoryPage, TreatmentPage

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def treatment(guide):
    return TreatmentPage.objects.live().order_by("path").first()


def visit(path, **extra):
    return Client().get(path, **extra)


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def private(response):
    parts = directives(response)
    return {"private", "no-cache"} <= parts and "public" not in parts


def publish_title(page, title):
    page = page.specific
    page.title = title
    publish_unreviewed(page)
    return page


# -- Cache-Control ---------------------------------------------------------------------------


def test_public_pages_may_be_kept_by_an_http_cache_for_http_cache_seconds(treatment):
    response = visit(treatment.url)
    assert directives(response) == {"public", "max-age=0", "s-maxage=600"}
    for header in SECURITY_HEADERS:
        assert header in response, header


@override_settings(HTTP_CACHE_SECONDS=120)
def test_the_s_maxage_comes_from_http_cache_seconds(treatment):
    assert "s-maxage=120" in visit(treatment.url)["Cache-Control"]


def test_editors_previews_search_and_the_admin_are_private(treatment, admin_client):
    assert private(admin_client.get(treatment.url))
    assert private(admin_client.get(f"/admin/pages/{treatment.pk}/view_draft/"))
    assert private(admin_client.get(f"/admin/pages/{treatment.pk}/edit/"))
    assert private(admin_client.get("/admin/"))
    assert private(visit("/search/?q=baclofen"))
    assert private(visit("/admin/login/"))


def test_tracking_parameters_keep_a_page_public_but_other_parameters_make_it_private(treatment):
    assert "public" in directives(visit(treatment.url + "?utm_source=newsletter&fbclid=1"))
    assert private(visit(treatment.url + "?page=2"))
    assert private(visit("/treatments/at-a-glance/?sort=name"))


def test_not_found_and_password_protected_pages_are_private(treatment):
    assert private(visit("/treatments/no-such-treatment/"))
    PageViewRestriction.objects.create(
        page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = visit(treatment.url)
    assert 'name="password"' in response.content.decode()
    assert private(response)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_keep_their_cache_lifetime_and_security_headers(admin_client):
    for response in (visit("/static/css/site.css"), admin_client.get("/static/css/site.css")):
        assert response.status_code == 200
        parts = directives(response)
        assert "public" in parts and "private" not in parts and "no-cache" not in parts
        for header in SECURITY_HEADERS:
            assert header in response, header


@pytest.mark.parametrize("path", ["/", "/search/?q=baclofen", "/robots.txt", "/sitemap.xml"])
def test_head_is_answered_wherever_get_is(guide, path):
    response = Client().head(path)
    assert response.status_code == 200
    assert response.content == b""


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
@pytest.mark.parametrize(
    "path", ["/", "/treatments/", "/search/?q=x", "/admin/", "/static/css/site.css", "/nowhere/"]
)
def test_trace_is_refused_everywhere(guide, path):
    response = Client().generic("TRACE", path)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]


# -- Purges ------------------------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        PurgeRecorder.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purged_paths(settings):
    """A real HTTP cache stand-in on loopback, purged by Wagtail: the paths it was asked to
    purge, as a set filled in as purges arrive."""
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield lambda: {path for _, path in PurgeRecorder.purged}
    server.shutdown()


def test_publishing_purges_the_page_and_the_pages_that_list_it(
    treatment, purged_paths, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_title(treatment, "Purged everywhere")

    paths = purged_paths()
    assert treatment.url in paths
    for page in treatment.get_ancestors().filter(depth__gt=1):
        assert page.url in paths, page.title
    assert "/treatments/at-a-glance/" in paths  # the guide's cached paths: its table


def test_making_a_page_private_purges_it_and_its_listings(
    treatment, purged_paths, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=treatment, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )

    assert {treatment.url, treatment.get_parent().url, "/treatments/"} <= purged_paths()


def test_a_draft_purges_nothing(treatment, purged_paths, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = treatment.specific
        page.title = "Only a draft"
        page.save_revision()

    assert purged_paths() == set()


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


# -- Taking pages down -------------------------------------------------------------------------


def test_a_moderator_unpublishing_a_category_takes_down_everything_under_it(
    guide, client, search_index
):
    category = TherapyCategoryPage.objects.live().order_by("path").first()
    below = list(category.get_descendants().live().specific())
    assert below
    moderator = make_user("moderator", MODERATORS, name="Mo Moderator")
    assert Group.objects.get(name=MODERATORS) in moderator.groups.all()

    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[category.pk]))
    assert response.status_code == 302

    assert not Page.objects.filter(pk__in=[p.pk for p in below], live=True).exists()
    search_index()
    sitemap = visit("/sitemap.xml").content.decode()
    api = visit("/api/v2/pages/?limit=100").content.decode()
    for page in below:
        assert visit(page.url).status_code == 404, page.url
        assert page.url not in sitemap
        assert f'"title": "{page.title}"' not in api
        assert f'href="{page.url}"' not in visit(f"/search/?q={page.title}").content.decode()
        last = PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").latest("pk")
        assert last.user == moderator


def test_a_treatment_moved_or_deleted_in_the_admin_purges_both_places(
    treatment, admin_client, purged_paths, django_capture_on_commit_callbacks
):
    source = treatment.get_parent()
    target = TherapyCategoryPage.objects.live().exclude(pk=source.pk).order_by("path").last()
    old_url = treatment.url

    with django_capture_on_commit_callbacks(execute=True):
        moved = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[treatment.pk, target.pk])
        )
    assert moved.status_code == 302
    treatment = TreatmentPage.objects.get(pk=treatment.pk)
    assert {old_url, source.url, treatment.url, target.url} <= purged_paths()
    assert f'href="{treatment.url}"' in visit(target.url).content.decode()
    assert f'href="{treatment.url}"' not in visit(source.url).content.decode()

    PurgeRecorder.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deleted = admin_client.post(reverse("wagtailadmin_pages:delete", args=[treatment.pk]))
    assert deleted.status_code == 302
    assert {treatment.url, target.url} <= purged_paths()
    assert visit(treatment.url).status_code == 404
    assert f'href="{treatment.url}"' not in visit(target.url).content.decode()
