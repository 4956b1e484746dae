"""Security a visitor's browser and an attacker would notice: headers, lockout, static files."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

from treatments.models import TreatmentPage

PASSWORD = "a-long-editor-password"  # noqa: S105


def assert_security_headers(response, *, admin=False):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-eval'" not in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert ("'unsafe-inline'" in script_src) == admin  # inline script only for Wagtail's admin
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    if admin:
        assert "frame-ancestors 'self'" in csp
    else:
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes, handlers."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            # JSON-LD and other data blocks are not run, so CSP allows them.
            if attrs.get("type") not in ("application/ld+json", "application/json"):
                self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


@pytest.fixture
def treatment(guide):
    return TreatmentPage.objects.live().order_by("path").first()


def test_public_pages_carry_every_security_header(treatment):
    client = Client()
    for url in ("/", "/treatments/", treatment.url, "/no-such-page/", "/search/?q=baclofen"):
        assert_security_headers(client.get(url))


def test_public_pages_need_nothing_the_strict_policy_blocks(treatment):
    client = Client()
    urls = ["/", "/treatments/", treatment.url, treatment.get_parent().url]
    urls += ["/treatments/at-a-glance/", "/search/?q=baclofen"]
    for url in urls:
        parser = InlineCode()
        parser.feed(client.get(url).content.decode())
        assert parser.found == [], url


def test_admin_gets_the_allowances_wagtail_needs_and_the_public_site_does_not(
    admin_client, treatment
):
    response = admin_client.get(f"/admin/pages/{treatment.pk}/edit/")
    assert response.status_code == 200
    assert_security_headers(response, admin=True)
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    public = Client().get(treatment.url)["Content-Security-Policy"]
    assert "unsafe-inline" not in public


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def admin_login(client, password, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_admin_login_locks_out_after_five_wrong_passwords(editor):
    client = Client()
    for _ in range(4):
        response = admin_login(client, "wrong-guess")
        assert response.status_code == 200  # the login form again, with an error
    locked = admin_login(client, "wrong-guess")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()

    # Even the right password is refused now, and no session is opened.
    right = admin_login(client, PASSWORD)
    assert right.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_lockout_is_per_account_and_a_good_login_still_works_before_it(editor):
    get_user_model().objects.create_superuser("other", "other@example.org", PASSWORD)
    client = Client()
    for _ in range(5):
        admin_login(client, "wrong-guess")
    # Another account from the same address is not locked.
    response = admin_login(Client(), PASSWORD, username="other")
    assert response.status_code == 302
    # Two failures then the right password: signed in.
    fresh = Client()
    get_user_model().objects.create_superuser("third", "third@example.org", PASSWORD)
    admin_login(fresh, "wrong", username="third")
    admin_login(fresh, "wrong", username="third")
    assert admin_login(fresh, PASSWORD, username="third").status_code == 302
    assert fresh.get("/admin/").status_code == 200


@pytest.fixture
def collected_static(tmp_path):
    """The hashed, compressed tree `collectstatic` writes in production."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path / "static"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(guide, collected_static):
    page = Client().get("/").content.decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the hashed stylesheet"

    response = Client().get(css.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/css")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.browser
def test_admin_editing_and_public_pages_report_no_csp_violation(live_site, browser_page, editor):
    violations = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    treatment = TreatmentPage.objects.live().order_by("path").first()
    base = live_site.url
    browser_page.goto(base + treatment.url)
    browser_page.goto(base + "/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(base + "/admin/")
    browser_page.goto(base + f"/admin/pages/{treatment.pk}/edit/")
    browser_page.wait_for_load_state("networkidle")
    browser_page.fill("#id_title", "Edited in a browser")
    browser_page.goto(base + "/admin/pages/")
    browser_page.goto(base + "/admin/images/")
    browser_page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(violations)
