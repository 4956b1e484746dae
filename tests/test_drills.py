"""Fault drills: the production stack on loopback (Varnish with deploy/varnish/default.vcl in
front of two gunicorn servers on one PostgreSQL), broken on purpose. Slow: `make drills`.

They need DATABASE_URL naming a PostgreSQL server started by scripts/postgres, which they stop
and start again; the suite's other tests do not run them (`-m "not drills"`).
"""

import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.ports import worker_port
from tests.varnish_support import Varnish, needs_varnish, request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import Editor, Site, fresh_database, get, start_postgres, stop_postgres  # noqa: E402

DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG_PORT = urllib.parse.urlsplit(DATABASE_URL).port if DATABASE_URL else None


def managed_postgres():
    """True when DATABASE_URL names a server scripts/postgres runs (so a drill may stop it)."""
    return (
        DATABASE_URL.startswith(("postgres://", "postgresql://"))
        and PG_PORT is not None
        and Path(f"/tmp/sps-postgres-{PG_PORT}/data").is_dir()  # noqa: S108 - scripts/postgres
    )


pytestmark = [
    pytest.mark.drills,
    needs_varnish,
    pytest.mark.skipif(
        not managed_postgres(),
        reason="the drills need DATABASE_URL naming a PostgreSQL server started by "
        "scripts/postgres, which they stop and restart (`make drills` starts one)",
    ),
]

GUIDE, TABLE = "/treatments/", "/treatments/at-a-glance/"
PUBLISHES = 20
OUTAGE_SECONDS = 60


def wait_until(condition, seconds):
    """Seconds until `condition()` held, polling; None if it did not within `seconds`."""
    started = time.monotonic()
    while True:
        if condition():
            return round(time.monotonic() - started, 2)
        if time.monotonic() - started > seconds:
            return None
        time.sleep(0.1)


def through(varnish, path):
    return request(varnish.base + path)


@pytest.fixture(scope="module")
def stack():
    """Two gunicorn servers (two workers each) on a fresh database with the guide and one
    account per role, behind two Varnishes: `varnish` keeps pages as production does
    (s-maxage, purged by Wagtail); `short_varnish` keeps them 3 s, so that past that only its
    grace (6 h, as deploy/varnish/site.vcl) serves them."""
    site = Site(fresh_database(DATABASE_URL, "sps_drills"))
    site.prepare()
    site.create_roles()
    # Readers and Wagtail's purges name the site by the Site's hostname.
    site.shell(
        "from wagtail.models import Site;"
        "Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port=80)"
    )
    ports = [worker_port(27501), worker_port(27502)]
    backends = [("127.0.0.1", port) for port in ports]
    varnish = Varnish(worker_port(27580), backends, grace="6h")
    short_varnish = Varnish(worker_port(27581), backends, grace="6h", ttl="3s")
    site.env["VARNISH_PURGE_URLS"] = f"{varnish.base},{short_varnish.base}"
    caches = [varnish, short_varnish]
    try:
        for cache in caches:
            cache.start()
        bases = [site.start_server(port, workers=2) for port in ports]
        for cache in caches:
            cache.wait_healthy()
        yield SimpleNamespace(site=site, bases=bases, varnish=varnish, short_varnish=short_varnish)
    finally:
        site.stop_servers()
        for cache in caches:
            cache.stop()


def editable_treatments(site):
    """(id, url) of live treatments the admin form saves without a browser: those without a
    StreamField body (whose editor is drawn by JavaScript; body-count=0 is what it sends)."""
    code = (
        "import json; from treatments.models import TreatmentPage;"
        "print(json.dumps([(p.pk, p.url) for p in"
        " TreatmentPage.objects.live().order_by('path') if not p.body]))"
    )
    return json.loads(site.shell(code).splitlines()[-1])


def signed_in(base, accounts):
    """Each role of `accounts` ({role: (username, password)}) signed in to the server at
    `base`."""
    roles = {role: Editor(base, account) for role, account in accounts.items()}
    for editor in roles.values():
        editor.login()
    return roles


def publish_through_review(roles, page_id, title, **changes):
    """The editor submits `title` for medical review; a medical advisor approves it."""
    roles["editor"].save(page_id, title, action="action-submit", **changes)
    roles["advisor"].approve(page_id)


def publish_scheduled_now(site, roles, page_id, title):
    """Approved to go live tomorrow; the clock moved on (the revision's go-live time set to a
    second ago); then `publish_scheduled`, cron's job in a process of its own, publishes it."""
    import psycopg

    tomorrow = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() + 86400))
    publish_through_review(roles, page_id, title, go_live_at=tomorrow)
    with psycopg.connect(site.env["DATABASE_URL"], autocommit=True) as connection:
        updated = connection.execute(
            "UPDATE wagtailcore_revision SET approved_go_live_at = now() - interval '1 second',"
            " content = jsonb_set(content, '{go_live_at}', to_jsonb(to_char(now() at time zone"
            " 'utc' - interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"
            " WHERE object_id = %s AND approved_go_live_at IS NOT NULL",
            (str(page_id),),
        ).rowcount
    assert updated == 1, f"one scheduled revision of page {page_id} expected, {updated} found"
    site.manage("publish_scheduled", stdout=subprocess.DEVNULL)


def test_twenty_publishes_reach_readers_through_varnish_within_two_seconds_with_no_stale_read(
    stack,
):
    pages = editable_treatments(stack.site)[:6]
    sessions = [signed_in(base, stack.site.roles) for base in stack.bases]
    late, stale, reads = [], [], 0
    for n in range(PUBLISHES):
        page_id, url = pages[n % len(pages)]
        for path in (url, GUIDE):  # kept by Varnish before the change
            through(stack.varnish, path)
        title = f"Publish {n + 1} of {PUBLISHES} at {time.time():.0f}"
        if n % 2 == 0:  # through the admin of either server
            publish_through_review(sessions[(n // 2) % 2], page_id, title)
        else:  # from cron's publish_scheduled, a process of its own
            publish_scheduled_now(stack.site, sessions[0], page_id, title)
        for path in (url, GUIDE):
            seconds = wait_until(lambda p=path, t=title: t in through(stack.varnish, p).text, 2)
            if seconds is None:
                late.append((n + 1, path))
            for _ in range(3):
                reads += 1
                if title not in through(stack.varnish, path).text:
                    stale.append((n + 1, path))

    assert not late, f"publishes not served through Varnish within 2 s: {late}"
    assert not stale, f"{len(stale)} stale reads of {reads} through Varnish: {stale}"


def test_varnish_serves_every_cached_page_while_postgresql_is_stopped(stack):
    urls = ["/", GUIDE, TABLE, *(url for _, url in editable_treatments(stack.site)[:12])]
    for url in urls:
        through(stack.short_varnish, url)
        assert through(stack.short_varnish, url).headers["X-Cache"] == "hit", url

    stop_postgres(PG_PORT)
    try:
        failed, reads = [], 0
        started = time.monotonic()
        while time.monotonic() - started < OUTAGE_SECONDS:
            for url in urls:
                reads += 1
                response = through(stack.short_varnish, url)
                if response.status != 200:
                    failed.append((round(time.monotonic() - started, 1), url, response.status))
            time.sleep(0.5)
        # Not kept by Varnish: the app's own answer, the friendly 503 page.
        uncached = get(stack.bases[0] + "/search/?q=baclofen", timeout=15)
    finally:
        start_postgres(PG_PORT)

    assert not failed, f"{len(failed)} of {reads} reads failed while PostgreSQL was down: {failed}"
    assert uncached.status == 503 and "back in a moment" in uncached.text.lower()
    for base in stack.bases:
        back = wait_until(lambda b=base: get(b + GUIDE + "?after=outage").status == 200, 30)
        assert back is not None, f"{base} serves pages again once PostgreSQL is back"
