"""The page cache never serves what has changed: renders, saves of any content, Sites and
hosts, headers, and the category unpublish cascade (one process, local memory cache)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from wagtail import hooks
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageLogEntry, Site

from medical_review.permissions import MODERATORS
from page_cache import store
from tests.review_support import make_user, publish_unreviewed
from treatments.models import GuidePerson, GuideSettings, Person, TherapyCategoryPage, TreatmentPage


@pytest.fixture
def treatment(guide):
    return TreatmentPage.objects.live().order_by("path").first()


def visit(path, **extra):
    return Client().get(path, **extra)


def generation():
    return store.pages_cache().get(store.GENERATION_KEY)


def test_a_publish_during_a_render_never_leaves_the_old_version_cached(treatment):
    """The render reads the page, then an editor's publish lands, then the render finishes:
    what it stored is the old text, so it must be under the generation the publish retired."""
    published = []

    def publish_during_render(page, request, serve_args, serve_kwargs):
        if not published:
            fresh = TreatmentPage.objects.get(pk=page.pk)
            fresh.title = "Published mid-render"
            publish_unreviewed(fresh)
            published.append(fresh)

    with hooks.register_temporarily("before_serve_page", publish_during_render):
        during = visit(treatment.url)
    assert "Published mid-render" not in during.content.decode()  # rendered from the old rows

    after = visit(treatment.url)
    assert after["X-Page-Cache"] == "miss"
    assert "Published mid-render" in after.content.decode()


def test_entries_are_response_bytes_under_the_generation_read_before_the_render(treatment):
    visit(treatment.url)
    entries = [
        value
        for value in (store.pages_cache().get(key) for key in cached_keys())
        if value is not None
    ]
    assert entries, "the page was stored"
    for entry in entries:
        gen, status, headers, content = entry
        assert (gen, status, type(content)) == (generation(), 200, bytes)
        assert all(isinstance(h, str) and isinstance(v, str) for h, v in headers)


def cached_keys():
    # Local memory keeps its keys in the order they were written; this process's cache only.
    location = caches["pages"]
    return [key.split(":", 2)[2] for key in location._cache if "page_cache:page:" in key]


def test_saving_a_draft_leaves_the_cache_alone(treatment):
    visit(treatment.url)
    before = generation()
    treatment.title = "A draft nobody reviewed"
    treatment.save_revision()
    assert generation() == before
    assert visit(treatment.url)["X-Page-Cache"] == "hit"


def test_visiting_every_kind_of_page_and_searching_never_retires_the_cache(treatment):
    visit("/")
    before = generation()
    category = treatment.get_parent()
    for url in ("/", "/treatments/", category.url, treatment.url, "/treatments/at-a-glance/"):
        visit(url)
    visit("/search/?q=baclofen")
    visit("/sitemap.xml")
    visit("/api/v2/pages/")
    assert generation() == before


def test_a_person_snippet_shows_its_change_on_the_next_visit_once_published(guide, admin_client):
    credit = GuidePerson.objects.filter(page=guide).select_related("person").first()
    if credit is None:  # the seed credits nobody: credit someone, as an editor would
        credit = GuidePerson.objects.create(page=guide, person=Person.objects.create(name="A"))
        publish_unreviewed(guide)
    person = credit.person
    assert visit("/treatments/")["X-Page-Cache"] in ("miss", "hit")
    assert visit("/treatments/")["X-Page-Cache"] == "hit"

    url = reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
    data = {"name": "Dr Renamed Person", "credentials": "PhD", "role": person.role, "user": ""}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert visit("/treatments/")["X-Page-Cache"] == "hit"  # a draft: readers see nothing new

    Person.objects.get(pk=person.pk).get_latest_revision().publish()  # as an approval does
    page = visit("/treatments/")
    assert page["X-Page-Cache"] == "miss"
    assert "Dr Renamed Person, PhD" in page.content.decode()


def test_guide_settings_site_and_image_saves_retire_the_cache(site, treatment):
    for change in (
        lambda: GuideSettings.for_site(site).__class__.objects.filter(site=site).first().save(),
        lambda: Site.objects.get(pk=site.pk).save(),
        lambda: Image.objects.create(title="A chart", file=get_test_image_file()),
    ):
        visit(treatment.url)
        assert visit(treatment.url)["X-Page-Cache"] == "hit"
        change()
        assert visit(treatment.url)["X-Page-Cache"] == "miss"


def test_a_new_disclaimer_saved_through_the_admin_shows_at_once(site, treatment, admin_client):
    visit(treatment.url)
    url = reverse("wagtailsettings:edit", args=["treatments", "guidesettings", site.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    settings = GuideSettings.for_site(site)
    data = {
        field: getattr(settings, field) or ""
        for field in [f.name for f in GuideSettings._meta.fields if f.name not in ("id", "site")]
    }
    data["disclaimer"] = "A disclaimer edited in the admin."
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert "A disclaimer edited in the admin." in visit(treatment.url).content.decode()


def test_an_image_title_edited_in_the_admin_retires_the_cache(treatment, admin_client):
    image = Image.objects.create(title="Before", file=get_test_image_file())
    visit(treatment.url)
    assert visit(treatment.url)["X-Page-Cache"] == "hit"
    url = reverse("wagtailimages:edit", args=[image.pk])
    response = admin_client.post(url, {"title": "After", "collection": image.collection_id})
    assert response.status_code == 302
    assert Image.objects.get(pk=image.pk).title == "After"
    assert visit(treatment.url)["X-Page-Cache"] == "miss"


def test_the_sites_hostname_port_decides_the_key_not_the_raw_host(treatment):
    visit(treatment.url)
    assert visit(treatment.url)["X-Page-Cache"] == "hit"
    entries = len(cached_keys())
    for port in range(20000, 20030):
        response = visit(treatment.url, HTTP_HOST=f"testserver:{port}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert len(cached_keys()) == entries
    assert visit(treatment.url)["X-Page-Cache"] == "hit"


def test_a_host_not_allowed_gets_400_and_adds_no_entry(treatment):
    entries = len(cached_keys())
    assert visit(treatment.url, HTTP_HOST="evil.example").status_code == 400
    assert len(cached_keys()) == entries


def test_a_garbage_entry_is_a_miss_not_a_500(treatment):
    visit(treatment.url)
    [key] = cached_keys()
    store.pages_cache().set(key, "left by another release")
    response = visit(treatment.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert visit(treatment.url)["X-Page-Cache"] == "hit"


def test_clear_page_cache_retires_every_page(treatment, capsys):
    visit(treatment.url)
    assert visit(treatment.url)["X-Page-Cache"] == "hit"
    call_command("clear_page_cache")
    assert "Page cache retired" in capsys.readouterr().out
    assert visit(treatment.url)["X-Page-Cache"] == "miss"


# --- Headers -------------------------------------------------------------------------------

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
)


def test_public_pages_may_be_kept_by_an_http_cache_and_say_so_from_the_cache_too(treatment):
    for expected in ("miss", "hit"):
        response = visit(treatment.url)
        assert response["X-Page-Cache"] == expected
        parts = {part.strip() for part in response["Cache-Control"].split(",")}
        assert parts == {"public", "max-age=0", "s-maxage=600"}
        for header in SECURITY_HEADERS:
            assert header in response, (expected, header)


@override_settings(HTTP_CACHE_SECONDS=120)
def test_the_s_maxage_comes_from_http_cache_seconds(treatment):
    assert "s-maxage=120" in visit(treatment.url)["Cache-Control"]


def test_editors_previews_search_and_the_admin_are_private(treatment, admin_client):
    def private(response):
        parts = {p.strip() for p in response["Cache-Control"].split(",")}
        return {"private", "no-cache"} <= parts and "public" not in parts

    assert private(admin_client.get(treatment.url))
    assert private(admin_client.get(f"/admin/pages/{treatment.pk}/view_draft/"))
    assert private(admin_client.get(f"/admin/pages/{treatment.pk}/edit/"))
    assert private(admin_client.get("/admin/"))
    assert private(visit("/search/?q=baclofen"))
    assert private(visit("/admin/login/"))


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_carry_the_security_headers():
    response = visit("/static/css/site.css")
    assert response.status_code == 200
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


# --- The category unpublish cascade --------------------------------------------------------


def test_a_moderator_unpublishing_a_category_takes_down_everything_under_it(
    guide, client, search_index
):
    category = TherapyCategoryPage.objects.live().order_by("path").first()
    below = list(category.get_descendants().live().specific())
    assert below
    moderator = make_user("moderator", MODERATORS, name="Mo Moderator")
    assert Group.objects.get(name=MODERATORS) in moderator.groups.all()
    for page in below:
        visit(page.url)  # cached

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


def test_a_treatment_moved_or_deleted_in_the_admin_leaves_no_cached_trace(
    treatment, admin_client, django_capture_on_commit_callbacks
):
    source = treatment.get_parent()
    target = TherapyCategoryPage.objects.live().exclude(pk=source.pk).order_by("path").last()
    for url in (treatment.url, source.url, target.url):
        visit(url)
        assert visit(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        moved = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[treatment.pk, target.pk])
        )
    assert moved.status_code == 302
    treatment = TreatmentPage.objects.get(pk=treatment.pk)
    assert f'href="{treatment.url}"' in visit(target.url).content.decode()
    assert f'href="{treatment.url}"' not in visit(source.url).content.decode()

    visit(treatment.url)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = admin_client.post(reverse("wagtailadmin_pages:delete", args=[treatment.pk]))
    assert deleted.status_code == 302
    assert visit(treatment.url).status_code == 404
    assert f'href="{treatment.url}"' not in visit(target.url).content.decode()
