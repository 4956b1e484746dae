"""The sitemap, page URLs and e-mails name the addresses the site and its admin really have."""

import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Site

from tests.review_support import edit, new_treatment, role_accounts
from tests.test_production_settings import production_env, show_setting
from treatments.loading import load_treatment_guide, site_address

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted input
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP)]


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://guide.example.org", ("guide.example.org", 443)),
        ("https://guide.example.org/", ("guide.example.org", 443)),
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("http://guide.example.org", ("guide.example.org", 80)),
    ],
)
def test_a_base_url_gives_the_sites_hostname_and_port(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url",
    [
        "guide.example.org",
        "ftp://guide.example.org",
        "https://guide.example.org/treatments/",
        "https://guide.example.org:8443",  # Wagtail's Site says http on any port but 443
        "http://guide.example.org:443",
        "http://guide.example.org:port",
    ],
)
def test_a_url_a_site_cannot_have_is_refused_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_address(url)


@pytest.mark.parametrize(
    ("site_url", "base"),
    [
        ("https://guide.example.org", "https://guide.example.org"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_sitemap_names_the_site_url_the_guide_was_loaded_with(client, guide, site_url, base):
    with override_settings(SPS_SITE_URL=site_url):
        report = load_treatment_guide()

    assert report.site_url == base
    urls = sitemap_urls(client)
    assert f"{base}/treatments/" in urls
    assert all(url.startswith(base + "/") for url in urls), urls
    assert not [url for url in urls if "localhost" in url]


def test_loading_without_a_site_url_keeps_the_sites_address(guide):
    site = Site.objects.get(is_default_site=True)
    with override_settings(SPS_SITE_URL=""):
        load_treatment_guide()
    assert Site.objects.values_list("hostname", "port").get(pk=site.pk) == (
        site.hostname,
        site.port,
    )


def test_loading_with_a_bad_site_url_stops_with_the_reason_and_changes_nothing(guide):
    before = list(Site.objects.values_list("hostname", "port"))
    with override_settings(SPS_SITE_URL="guide.example.org"):
        with pytest.raises(CommandError, match="SITE_URL must be the site's base URL"):
            call_command("load_treatment_guide")
    assert list(Site.objects.values_list("hostname", "port")) == before


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.guide.example.org")
def test_review_emails_link_to_the_admin_base_url(client, guide):
    accounts = role_accounts()
    treatment = new_treatment(guide)
    mail.outbox.clear()
    client.force_login(accounts["editor"])

    response = edit(client, treatment, "action-submit", title="Reviewamide (addressed)")

    assert response.status_code == 302
    to_advisor = [m for m in mail.outbox if "advisor@example.org" in m.to]
    assert to_advisor, [m.to for m in mail.outbox]
    body = to_advisor[0].body
    assert f"https://admin.guide.example.org/admin/pages/{treatment.pk}/edit/" in body
    assert "127.0.0.1" not in body and "testserver" not in body and "localhost" not in body


def test_development_addresses_follow_the_port_the_server_runs_on(tmp_path):
    env = production_env(tmp_path)
    env.update(DJANGO_SETTINGS_MODULE="sps_foundation.settings.dev", PORT="8123")
    for name in ("WAGTAILADMIN_BASE_URL", "SITE_URL"):
        env.pop(name, None)
    result = show_setting(env, "settings.WAGTAILADMIN_BASE_URL, settings.SPS_SITE_URL")
    assert result.stdout.split() == ["http://127.0.0.1:8123", "http://127.0.0.1:8123"]


def test_production_addresses_come_from_the_environment(tmp_path):
    derived = show_setting(
        production_env(tmp_path), "settings.SPS_SITE_URL, settings.WAGTAILADMIN_BASE_URL"
    )
    assert derived.stdout.split() == ["https://guide.example.org", "https://guide.example.org"]
    given = show_setting(
        production_env(
            tmp_path,
            SITE_URL="https://www.guide.example.org",
            WAGTAILADMIN_BASE_URL="https://admin.guide.example.org",
        ),
        "settings.SPS_SITE_URL, settings.WAGTAILADMIN_BASE_URL",
    )
    assert given.stdout.split() == [
        "https://www.guide.example.org",
        "https://admin.guide.example.org",
    ]
