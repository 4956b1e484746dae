"""The page cache across processes: real gunicorn servers on one SQLite file, real Redis (or
the database cache without it), publishes and deletes from a third process, a Redis that
hangs or stalls. Slow: `pytest -m servers`."""

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from redis import Redis

from tests.ports import worker_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import PYTHON, Site, start_redis, stop_redis  # noqa: E402

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]

# Below the kernel's ephemeral range (32768-60999): a client socket can never take a port
# that a server is about to listen on, nor connect to itself there.
REDIS_PORT, HUNG_PORT, PROXY_PORT = (worker_port(port) for port in (27410, 27430, 27431))
SERVER_PORTS = range(worker_port(27420), worker_port(27430))
HOME_TITLE = "from the HomePage model: .title"


def fetch(base, path, host=None, timeout=10):
    """(status, headers, body, seconds) of a GET, with `host` as the Host header if given."""
    address = base.removeprefix("http://")
    started = time.monotonic()
    connection = http.client.HTTPConnection(address, timeout=timeout)
    connection.request("GET", path, headers={"Host": host or address})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.getheaders()), body, time.monotonic() - started


def eventually(predicate, seconds):
    """True as soon as predicate() is, polling for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def port_is_free(port):
    """A server of an earlier test may still hold its port for a moment."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A SQLite file with the guide loaded, as `make serve-prod` prepares a database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('servers') / 'db.sqlite3'}"
    site = Site(url)
    site.manage("createcachetable")
    site.manage("migrate", "--noinput", "-v0")
    site.manage("collectstatic", "--noinput", "-v0")
    site.manage("load_treatment_guide", stdout=subprocess.DEVNULL)
    return site


@pytest.fixture(scope="module")
def redis_url():
    url = start_redis(REDIS_PORT)
    yield url
    stop_redis(REDIS_PORT)


def redis_cli(*args):
    return subprocess.run(  # noqa: S603
        ["redis-cli", "-p", str(REDIS_PORT), *args],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def stack(database):
    """Starts app servers on `database`'s file with the environment given; stops them after."""
    started = []

    def start(count=2, **env):
        site = Site(database.env["DATABASE_URL"])
        site.env.update(
            STATIC_ROOT=database.env["STATIC_ROOT"], SECRET_KEY=database.env["SECRET_KEY"], **env
        )
        started.append(site)
        ports = [port for port in SERVER_PORTS if port_is_free(port)][:count]
        return site, [site.start_server(port) for port in ports]

    yield start
    for site in started:
        site.stop_servers()


def shell(site, code, **env):
    """Runs `code` in `manage.py shell` in its own process; returns the process."""
    return subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**site.env, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


PUBLISH_HOME = (
    "from treatments.models import HomePage; page = HomePage.objects.get();"
    "page.title = {title!r}; page.save_revision().publish(); print('published', flush=True)"
)


def a_treatment_url(site):
    code = (
        "from treatments.models import TreatmentPage;"
        "print(TreatmentPage.objects.live().order_by('-path').first().url)"
    )
    return site.shell(code).splitlines()[-1]


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_a_publish_from_the_shell_reaches_both_servers_within_two_seconds(stack, redis_url, cache):
    site, servers = stack(REDIS_URL=redis_url if cache == "redis" else "")
    for base in servers:
        fetch(base, "/")
        assert fetch(base, "/")[1].get("X-Page-Cache") == "hit"

    title = f"Published from the shell ({cache})"
    process = shell(site, PUBLISH_HOME.format(title=title))
    assert process.wait(timeout=120) == 0, process.stderr.read()
    published = time.monotonic()

    for base in servers:
        assert eventually(lambda base=base: title in fetch(base, "/")[2], 2), base
    assert time.monotonic() - published < 2 + 0.5


def test_a_page_deleted_while_a_server_renders_it_is_gone_once_the_delete_commits(stack, redis_url):
    site, servers = stack(REDIS_URL=redis_url)
    url = a_treatment_url(site)
    assert fetch(servers[0], url)[0] == 200
    code = (
        "import time; from django.db import transaction;"
        "from treatments.models import TreatmentPage;"
        f"page = TreatmentPage.objects.get(url_path__endswith={url!r});"
        "atomic = transaction.atomic(); atomic.__enter__(); page.delete();"
        "print('deleted', flush=True); time.sleep(3); atomic.__exit__(None, None, None);"
        "print('committed', flush=True)"
    )
    process = shell(site, code)
    assert process.stdout.readline().strip() == "deleted", process.stderr.read()
    # Not yet committed: the servers still read the page, and cache it.
    for base in servers:
        assert fetch(base, url)[0] == 200
        assert fetch(base, url)[1].get("X-Page-Cache") == "hit"
    assert process.stdout.readline().strip() == "committed"
    assert process.wait(timeout=60) == 0

    for base in servers:
        assert eventually(lambda base=base: fetch(base, url)[0] == 404, 2), base


def test_requests_with_made_up_ports_add_no_cache_entries(stack, redis_url):
    _, (base, *_) = stack(count=1, REDIS_URL=redis_url)
    fetch(base, "/treatments/")
    assert fetch(base, "/treatments/")[1].get("X-Page-Cache") == "hit"
    # Keys only: earlier tests' entries may expire meanwhile, but none may be added.
    keys = set(redis_cli("--scan").split())
    for port in range(40000, 40030):
        status, headers, body, _ = fetch(base, "/treatments/", host=f"127.0.0.1:{port}")
        assert status == 200
        assert "private" in headers["Cache-Control"]
    assert set(redis_cli("--scan").split()) <= keys


def test_an_entry_that_cannot_be_unpickled_is_a_miss_not_a_500(stack, redis_url):
    _, (base, *_) = stack(count=1, REDIS_URL=redis_url)
    fetch(base, "/treatments/")
    keys = redis_cli("--scan", "--pattern", "*page_cache:page:*").split()
    assert keys
    garbage = Redis(port=REDIS_PORT)
    for key in keys:  # what an older release could have left: a pickle of a class now gone
        garbage.set(key, b"\x80\x04\x95\x1b\x00\x00\x00cmissing.module\nGone\n")
    status, headers, _, _ = fetch(base, "/treatments/")
    assert (status, headers.get("X-Page-Cache")) == (200, "miss")
    assert fetch(base, "/treatments/")[1].get("X-Page-Cache") == "hit"


class Silent(threading.Thread):
    """A TCP server that accepts connections and never answers (a hung Redis), or, when
    `forward_to` is set and it is not stalled, a plain proxy to a real Redis."""

    def __init__(self, port, forward_to=None):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", port))
        self.forward_to = forward_to
        self.stalled = forward_to is None
        self.sockets = []

    def run(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.stalled:
                continue  # held open, never read, never answered
            upstream = socket.create_connection(("127.0.0.1", self.forward_to))
            self.sockets.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass

    def close(self):
        self.server.close()
        for s in self.sockets:
            s.close()


def test_a_hung_redis_costs_one_timeout_and_pages_render_from_the_database(stack):
    hung = Silent(HUNG_PORT)
    hung.start()
    try:
        site, (base, *_) = stack(count=1, REDIS_URL=f"redis://127.0.0.1:{HUNG_PORT}/0")
        urls = ["/", "/treatments/", "/treatments/at-a-glance/", "/search/?q=baclofen"]
        urls.append(a_treatment_url(site))
        for _ in range(3):
            for url in urls:
                status, _, _, seconds = fetch(base, url)
                assert status == 200, url
                # One 0.5 s timeout at most, plus the render on a busy 2-core machine; a
                # timeout per cache call would take many seconds.
                assert seconds < 3, f"{url} took {seconds:.2f} s"
    finally:
        hung.close()


def test_a_publish_during_a_redis_stall_is_retried_until_it_lands(stack, redis_url):
    proxy = Silent(PROXY_PORT, forward_to=REDIS_PORT)
    proxy.start()
    try:
        site, (base, *_) = stack(count=1, REDIS_URL=redis_url)
        fetch(base, "/")
        assert fetch(base, "/")[1].get("X-Page-Cache") == "hit"

        proxy.stalled = True
        title = f"Published during a stall at {time.time():.0f}"
        process = shell(
            site,
            PUBLISH_HOME.format(title=title),
            REDIS_URL=f"redis://127.0.0.1:{PROXY_PORT}/0",
            CACHE_BYPASS_SECONDS="1",
        )
        assert process.stdout.readline().strip() == "published", process.stderr.read()
        time.sleep(1)
        assert title not in fetch(base, "/")[2]  # the retire has not reached Redis yet
        proxy.stalled = False
        recovered = time.monotonic()

        assert eventually(lambda: title in fetch(base, "/")[2], 3)
        assert time.monotonic() - recovered < 3.5
        assert process.wait(timeout=30) == 0
        assert "NOT retired" in process.stderr.read()  # said loudly, not ignored
    finally:
        proxy.close()
