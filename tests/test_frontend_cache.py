"""Varnish in front of the site (deploy/varnish/default.vcl): what it keeps, who may purge it,
and Wagtail's frontend cache invalidation purging it when a page goes live or comes down."""

import subprocess

import pytest
from django.urls import reverse

from tests.ports import worker_port
from tests.review_support import (
    ATTESTED,
    edit,
    new_treatment,
    publish_unreviewed,
    role_accounts,
    workflow_action,
)
from tests.test_production_settings import production_env, show_setting
from tests.varnish_support import (
    HOST,
    cached,
    needs_varnish,
    purged_by_wagtail,
    read,
    request,
    varnish_on,
)
from treatments.models import TherapyCategoryPage

pytestmark = [needs_varnish, pytest.mark.django_db(transaction=True)]

varnish = varnish_on(27590)
GUIDE = "/treatments/"
TABLE = "/treatments/at-a-glance/"


@pytest.fixture
def through_varnish(varnish, live_site, settings):
    """The live guide behind Varnish, empty, with Wagtail purging it as production does."""
    return purged_by_wagtail(varnish, settings)


def purges(varnish):
    out = subprocess.run(  # noqa: S603
        ["varnishstat", "-n", str(varnish.dir / "state"), "-1", "-f", "MAIN.n_purges"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.split()[1]) if out.split() else 0


def test_approving_a_change_purges_varnish_for_the_page_the_guide_and_the_table(
    through_varnish, guide, client
):
    users = role_accounts()
    treatment = new_treatment(guide, "Varnishamide")
    for path in (treatment.url, GUIDE, TABLE):
        read(through_varnish, path)
        kept = read(through_varnish, path)
        assert kept.headers["X-Cache"] == "hit", path
        assert "s-maxage=" in kept.headers["Cache-Control"]
    purged_before = purges(through_varnish)

    client.force_login(users["editor"])
    assert edit(client, treatment, "action-submit", title="Varnishamide XR").status_code == 302
    # Submitted, not approved: nothing public changes, Varnish keeps its copy.
    assert "Varnishamide XR" not in read(through_varnish, treatment.url).text
    client.force_login(users["advisor"])
    assert workflow_action(client, treatment, "approve", ATTESTED).status_code == 302

    assert purges(through_varnish) > purged_before
    for path in (treatment.url, GUIDE, TABLE):
        fresh = read(through_varnish, path)
        assert fresh.status == 200
        assert "Varnishamide XR" in fresh.text, path
        assert fresh.headers["X-Cache"] == "miss", path


def test_unpublishing_takes_the_page_out_of_varnish(through_varnish, guide, client):
    users = role_accounts()
    treatment = new_treatment(guide, "Gonamide")
    cached(through_varnish, treatment.url)
    assert "Gonamide" in read(through_varnish, GUIDE).text

    client.force_login(users["moderator"])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[treatment.pk]))
    assert response.status_code == 302

    assert read(through_varnish, treatment.url).status == 404
    assert "Gonamide" not in read(through_varnish, GUIDE).text


def test_a_moved_page_leaves_varnish_at_its_old_address_and_its_old_category(
    through_varnish, guide, client
):
    users = role_accounts()
    treatment = new_treatment(guide, "Wanderamide")
    old_url, old_category = treatment.url, treatment.get_parent().url
    destination = (
        TherapyCategoryPage.objects.descendant_of(guide)
        .exclude(pk=treatment.get_parent().pk)
        .order_by("path")
        .last()
    )
    cached(through_varnish, old_url, old_category)

    client.force_login(users["superuser"])  # only superusers move guide pages
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[treatment.pk, destination.pk])
    )
    assert response.status_code == 302

    treatment.refresh_from_db()
    assert treatment.url != old_url
    moved_away = read(through_varnish, old_url)  # Wagtail redirects the old address
    assert moved_away.status == 301
    assert moved_away.headers["Location"].endswith(treatment.url)
    assert "Wanderamide" not in read(through_varnish, old_category).text
    assert "Wanderamide" in read(through_varnish, destination.url).text


def test_purge_and_ban_from_an_address_outside_the_acl_are_refused(through_varnish, guide):
    read(through_varnish, GUIDE)
    for method in ("PURGE", "BAN"):
        refused = request(through_varnish.base + GUIDE, method, source="127.0.0.2", headers=HOST)
        assert refused.status == 405, method
    assert read(through_varnish, GUIDE).headers["X-Cache"] == "hit"


def test_sessions_and_the_admin_pass_while_tracking_cookies_are_ignored(through_varnish, guide):
    read(through_varnish, GUIDE)
    with_tracking = read(through_varnish, GUIDE, Cookie="_ga=GA1.1.1; consent=yes")
    assert with_tracking.headers["X-Cache"] == "hit"
    with_session = read(through_varnish, GUIDE, Cookie="_ga=1; sessionid=abc")
    assert with_session.headers["X-Cache"] == "pass"
    assert read(through_varnish, "/admin/login/").headers["X-Cache"] == "pass"
    read(through_varnish, "/search/?q=baclofen")
    assert read(through_varnish, "/search/?q=baclofen").headers["X-Cache"] != "hit"


def test_a_purge_that_cannot_reach_varnish_is_logged_and_the_publish_stands(
    live_site, guide, client, settings, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{worker_port(27599)}",  # nothing listens
        }
    }
    users = role_accounts()
    treatment = new_treatment(guide, "Standamide")
    client.force_login(users["editor"])
    edit(client, treatment, "action-submit", title="Standamide SR")
    client.force_login(users["advisor"])
    assert workflow_action(client, treatment, "approve", ATTESTED).status_code == 302

    assert "Couldn't purge" in caplog.text
    client.logout()
    assert "Standamide SR" in client.get(treatment.url).content.decode()


@pytest.mark.django_db(transaction=False)
def test_production_purges_each_varnish_named_in_varnish_purge_urls(tmp_path):
    env = production_env(tmp_path, VARNISH_PURGE_URLS="http://10.0.0.21:6081,http://10.0.0.22:6081")
    result = show_setting(
        env, "sorted((v['BACKEND'], v['LOCATION']) for v in settings.WAGTAILFRONTENDCACHE.values())"
    )
    http = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    assert result.stdout.strip() == str(
        [(http, "http://10.0.0.21:6081"), (http, "http://10.0.0.22:6081")]
    ), result.stderr


def test_publishing_a_spanish_page_purges_its_es_address_and_the_english_page(
    through_varnish, guide
):
    from tests.test_spanish_site import baclofen, translate_with_ancestors

    spanish_baclofen = translate_with_ancestors(baclofen())
    english_url, spanish_url = baclofen().url, spanish_baclofen.url
    assert spanish_url == "/es" + english_url
    for path in (english_url, spanish_url, "/es/treatments/"):
        read(through_varnish, path)
        assert read(through_varnish, path).headers["X-Cache"] == "hit", path
    english_copy = read(through_varnish, english_url).text
    # One entry per address, whatever language the browser asks for.
    assert read(through_varnish, english_url, **{"Accept-Language": "es"}).text == english_copy
    assert "(ES) Baclofen" in read(through_varnish, spanish_url).text

    spanish_baclofen.title = "(ES) Baclofen, segunda versión"
    publish_unreviewed(spanish_baclofen)

    # The English page too: its language switch and alternates name the Spanish page.
    for path in (spanish_url, "/es/treatments/", english_url):
        fresh = read(through_varnish, path)
        assert fresh.headers["X-Cache"] == "miss", path
    assert "(ES) Baclofen, segunda versión" in read(through_varnish, spanish_url).text
    assert "(ES)" not in read(through_varnish, english_url).text.split("<main")[1]
