"""The production stack on loopback, for the drills (tests/test_drills.py) and `make bench`:
PostgreSQL, gunicorn app servers and Varnish started as child processes on ports of our own,
and an editor who uses the real Wagtail admin over HTTP.
"""

import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable

# The guide's roles the drills act in (medical_review.roles); the superuser publishes outside
# the guide.
DRILL_ROLES = ("editor", "advisor", "moderator", "spanish_advisor")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_apt(command, package):
    if shutil.which(command):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(  # noqa: S603
        ["apt-get", "install", "-y", "-qq", package],  # noqa: S607
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def start_postgres(port):
    url = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts" / "postgres"), "start", str(port)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return url


def stop_postgres(port):
    subprocess.run([str(ROOT / "scripts" / "postgres"), "stop", str(port)], check=False)  # noqa: S603


def fresh_database(url, name):
    """A new empty database `name` on the server of `url`; returns its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


class Site:
    """Settings shared by every process of one stack, and the commands that prepare it."""

    def __init__(self, database_url, settings="sps_foundation.settings.production"):
        self.workdir = Path(tempfile.mkdtemp(prefix="sps-stack-"))
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": settings,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Servers of one stack listen on several ports; the Site keeps a plain address.
            "SITE_URL": "http://localhost",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            # Plain HTTP on loopback: no TLS redirect, cookies over HTTP.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "LOG_LEVEL": "ERROR",
        }
        self.servers = []
        # The accounts made for this stack: {role: (username, password)}.
        self.accounts = {}

    def manage(self, *args, **kwargs):
        return subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, **kwargs
        )

    def prepare(self, load_guide=True):
        log("migrate, collectstatic, load the guide, create the superuser")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if load_guide:
            self.manage("load_treatment_guide", stdout=subprocess.DEVNULL)
        self.create_accounts("superuser")

    def create_accounts(self, *roles):
        """A new account with a fresh password for each of the guide's `roles`
        (medical_review.roles), kept in `accounts`; returns {role: (username, password)}."""
        passwords = {role: secrets.token_urlsafe(16) for role in roles}
        usernames = json.loads(
            self.shell(
                "import json; from django.contrib.auth import get_user_model;"
                " from medical_review.roles import ROLES, create_account\n"
                f"for role in {list(roles)!r}:\n"
                "    get_user_model().objects.filter(username=ROLES[role].username).delete()\n"
                f"print(json.dumps({{role: create_account(ROLES[role], password).username"
                f" for role, password in {passwords!r}.items()}}))"
            ).splitlines()[-1]
        )
        created = {role: (usernames[role], passwords[role]) for role in roles}
        self.accounts.update(created)
        return created

    def create_roles(self):
        """One account per role the drills act in (DRILL_ROLES), kept in `roles`."""
        self.roles = self.create_accounts(*DRILL_ROLES)
        return self.roles

    def shell(self, code):
        return self.manage(
            "shell", "--no-imports", "-c", code, capture_output=True, text=True
        ).stdout.strip()

    def start_server(self, port, workers=None, threads=4):
        env = {**self.env, "PORT": str(port), "GUNICORN_THREADS": str(threads)}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        process = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "-c", "sps_foundation/gunicorn.conf.py"]
            + ["sps_foundation.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
            start_new_session=True,  # its own process group: stop_servers(quick) kills it whole
        )
        self.servers.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(base + "/", timeout=2)
                return base
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {port} did not start; see {self.workdir}")

    def stop_servers(self, quick=False):
        """Stops every app server: gracefully, or at once (`quick`: killed, as in a crash)."""
        for process in self.servers:
            if quick:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.terminate()
        for process in self.servers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.servers = []


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def get(url, timeout=10, opener=None):
    started = time.monotonic()
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            return Response(response.status, response.headers, body, time.monotonic() - started)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read(), time.monotonic() - started)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    """An editor at a browser: signs in to Wagtail's admin and saves or publishes pages."""

    def __init__(self, base, account):
        self.base = base
        self.account = account
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def _csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=data,
            headers={"Referer": self.base + path, "X-CSRFToken": self._csrf()},
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def login(self):
        get(self.base + "/admin/login/", opener=self.opener)
        status, _ = self.post(
            "/admin/login/",
            {
                "username": self.account[0],
                "password": self.account[1],
                "csrfmiddlewaretoken": self._csrf(),
            },
        )
        if status != 302:
            raise RuntimeError(f"{self.account[0]} login failed: {status}")

    def edit_form(self, page_id):
        html = get(f"{self.base}/admin/pages/{page_id}/edit/", opener=self.opener).text
        soup = BeautifulSoup(html, "html.parser")
        form = next(f for f in soup.find_all("form") if f.find(attrs={"name": "title"}))
        fields = []
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if (
                not name
                or element.name == "input"
                and element.get("type")
                in (
                    "submit",
                    "button",
                    "file",
                    "image",
                )
            ):
                continue
            if element.get("type") in ("checkbox", "radio") and not element.has_attr("checked"):
                continue
            if element.name == "textarea":
                fields.append((name, element.text))
            elif element.name == "select":
                fields += [
                    (name, o.get("value", o.text))
                    for o in element.find_all("option")
                    if o.has_attr("selected")
                ]
            else:
                fields.append((name, element.get("value", "")))
        return fields

    def save(self, page_id, title, publish=False, action=None, **changes):
        """Saves a draft; `action` is the editor's button (`action-submit` for review)."""
        fields = [(k, v) for k, v in self.edit_form(page_id) if k != "title" and k not in changes]
        fields.append(("title", title))
        fields += list(changes.items())
        for stream in ("body", "video", "common_questions"):
            if any(k == stream for k, _ in fields) or not any(
                k == f"{stream}-count" for k, _ in fields
            ):
                # A StreamField's editor is drawn by JavaScript; an empty one sends a count of 0.
                fields = [(k, v) for k, v in fields if k != stream] + [(f"{stream}-count", "0")]
        if publish:
            action = "action-publish"
        if action:
            fields.append((action, action))
        status, body = self.post(f"/admin/pages/{page_id}/edit/", fields)
        if status != 302:
            raise RuntimeError(f"saving page {page_id} failed with {status}: {body[:500]!r}")

    def translate(self, page_id):
        """simple_translation's "Translate" into the one locale not yet translated (the page
        above must have a translation in it)."""
        form = get(f"{self.base}/admin/translation/submit/page/{page_id}/", opener=self.opener).text
        locale = re.search(r'name="locales" value="(\d+)"', form)
        if not locale:
            raise RuntimeError(f"{self.account[0]} is not offered a translation of {page_id}")
        status, body = self.post(
            f"/admin/translation/submit/page/{page_id}/",
            {"locales": locale.group(1), "csrfmiddlewaretoken": self._csrf()},
        )
        if status != 302:
            raise RuntimeError(f"translating page {page_id} failed with {status}: {body[:500]!r}")

    def approve(self, page_id, summary="Checked against the sources."):
        """Approves the page's medical review as an advisor does, attesting to the text."""
        html = get(f"{self.base}/admin/pages/{page_id}/edit/", opener=self.opener).text
        found = re.search(
            rf"/admin/pages/workflow/(?:action|collect_action_data)/{page_id}/approve/(\d+)/", html
        )
        if not found:
            raise RuntimeError(f"no review of page {page_id} for {self.account[0]} to approve")
        status, body = self.post(
            f"/admin/pages/workflow/action/{page_id}/approve/{found.group(1)}/",
            {
                "attestation": "on",
                "summary": summary,
                "comment": "",
                "csrfmiddlewaretoken": self._csrf(),
            },
        )
        if status != 302:
            raise RuntimeError(f"approving page {page_id} failed with {status}: {body[:500]!r}")

    def unpublish(self, page_id):
        status, _ = self.post(
            f"/admin/pages/{page_id}/unpublish/", {"csrfmiddlewaretoken": self._csrf()}
        )
        if status != 302:
            raise RuntimeError(f"unpublishing page {page_id} failed with {status}")


VCL_DIR = ROOT / "deploy" / "varnish"


def site_vcl(backends, purgers=("127.0.0.1",), grace="30s", ttl=None):
    """A site.vcl for deploy/varnish/default.vcl: `backends` are (host, port) app servers."""
    probe = (
        "probe app_health {\n"
        '    .request = "GET /robots.txt HTTP/1.1" "Host: 127.0.0.1" "Connection: close";\n'
        "    .interval = 1s;\n    .timeout = 1s;\n    .window = 2;\n    .threshold = 1;\n}\n"
    )
    lines = ["import directors;", probe]
    for n, (host, port) in enumerate(backends):
        lines.append(
            f'backend app{n} {{ .host = "{host}"; .port = "{port}"; .probe = app_health; }}'
        )
    lines.append("acl purgers { " + " ".join(f'"{a}";' for a in purgers) + " }")
    adds = "".join(f"    app.add_backend(app{n});\n" for n in range(len(backends)))
    lines.append(f"sub site_init {{\n    new app = directors.round_robin();\n{adds}}}")
    lines.append("sub site_backend { set req.backend_hint = app.backend(); }")
    cap = f"    if (beresp.ttl > {ttl}) {{ set beresp.ttl = {ttl}; }}\n" if ttl else ""
    lines.append(f"sub site_grace {{\n{cap}    set beresp.grace = {grace};\n}}")
    return "\n".join(lines) + "\n"


class Varnish:
    """Debian's varnishd with deploy/varnish/default.vcl in front of the given app servers."""

    def __init__(self, port, backends, **site):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        # Readable by the user varnishd drops to when started as root.
        self.dir = Path(tempfile.mkdtemp(prefix=f"sps-varnish-{port}-"))
        self.dir.chmod(0o755)
        # The shipped policy beside this stack's site.vcl, which it includes.
        shutil.copy(VCL_DIR / "default.vcl", self.dir / "default.vcl")
        (self.dir / "site.vcl").write_text(site_vcl(backends, **site))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            ["varnishd", "-F", "-n", str(self.dir / "state"), "-a", f"127.0.0.1:{self.port}"]  # noqa: S607
            + ["-p", f"vcl_path={self.dir}", "-f", str(self.dir / "default.vcl")]
            + ["-s", "malloc,64m"],
            stdout=open(self.dir / "varnishd.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.dir / "varnishd.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self.base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"varnishd on {self.port} did not start")

    def wait_healthy(self, timeout=20):
        """Waits until Varnish's probes see every backend healthy."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listing = self.adm("backend.list")
            states = [line for line in listing.splitlines() if "app" in line]
            if states and all("healthy" in line and "sick" not in line for line in states):
                return
            time.sleep(0.3)
        raise RuntimeError(f"Varnish backends not healthy: {listing}")

    def adm(self, *command):
        return subprocess.run(  # noqa: S603
            ["varnishadm", "-n", str(self.dir / "state"), *command],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def request(url, method="GET", source="127.0.0.1", headers=None, timeout=10):
    """One HTTP request from a chosen loopback address (Varnish's purge ACL checks it)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0)
    )
    started = time.monotonic()
    try:
        connection.request(
            method, parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {}
        )
        response = connection.getresponse()
        body = response.read()
        return Response(response.status, response.headers, body, time.monotonic() - started)
    finally:
        connection.close()
