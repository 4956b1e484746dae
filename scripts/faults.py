"""`make faults`: the production stack on loopback, broken on purpose, with every claim asserted.

1. Two gunicorn app servers share one PostgreSQL and one Redis: a page published through one
   is served new by the other at once.
2. Redis stopped: both keep serving every page from the database; Redis back: caching again.
3. PostgreSQL stopped: cached pages still serve; other pages get the friendly 503 page within
   a few seconds; PostgreSQL back: the same servers (no restart) serve every page again.
4. A bounded load (16 connections, 60 s; --short: 15 s) with an editor saving drafts through
   the admin meanwhile: zero errors, and every draft the editor saved is a revision.

Ports: PostgreSQL 55443, Redis 56379, app servers 18001 and 18002 (loopback only).
"""

import argparse
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import (  # noqa: E402
    ROOT,
    Editor,
    Site,
    ensure_apt,
    fresh_database,
    get,
    log,
    start_postgres,
    start_redis,
    stop_postgres,
    stop_redis,
)

PG_PORT, REDIS_PORT, PORTS = 55443, 56379, (18001, 18002)
FRIENDLY_503 = "back in a moment"
WRK = "/usr/bin/wrk"
failures = []


def check(condition, message):
    log(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def treatments(site):
    """(id, url, body is empty) of every live treatment. A draft is saved through the admin
    form without a browser, so it goes to a page without a StreamField body (whose editor
    is drawn by JavaScript): body-count=0 is then exactly what the browser would send."""
    code = (
        "import json; from treatments.models import TreatmentPage;"
        "print(json.dumps([(p.pk, p.url, not p.body) for p in"
        " TreatmentPage.objects.live().order_by('path')]))"
    )
    return json.loads(site.shell(code).splitlines()[-1])


def home_id(site):
    code = "from treatments.models import HomePage; print(HomePage.objects.get().pk)"
    return int(site.shell(code).splitlines()[-1])


def two_servers_see_a_publish_at_once(a, b, home_id, unpublish_id, unpublish_url):
    """Guide pages go live only through medical review (issue 4), so the publish shown here is
    of the home page, and the guide's side of it is an unpublish by a moderator."""
    for base in (a, b):
        for url in ("/", unpublish_url, "/treatments/"):
            get(base + url)
    check(get(b + "/").headers.get("X-Page-Cache") == "hit", "B serves the home page cached")
    editor = Editor(a)
    editor.login()
    title = f"Published through A at {time.time():.0f}"
    editor.save(home_id, title, publish=True)
    check(title in get(b + "/").text, "B serves the home page published through A at once")

    name = get(b + unpublish_url).text
    status, _ = editor.post(
        f"/admin/pages/{unpublish_id}/unpublish/", {"csrfmiddlewaretoken": editor._csrf()}
    )
    check(status == 302, f"A moderator unpublishes {unpublish_url} through A")
    check(get(b + unpublish_url).status == 404, "B answers 404 for it at once")
    check(
        unpublish_url not in get(b + "/treatments/").text and bool(name),
        "B's guide overview no longer links it",
    )


def redis_stopped_the_site_keeps_serving(a, b, urls):
    stop_redis(REDIS_PORT)
    for base in (a, b):
        for url in urls:
            response = get(base + url, timeout=10)
            check(
                response.status == 200 and response.seconds < 3,
                f"Redis down: {base}{url} -> {response.status} in {response.seconds:.2f}s",
            )
    start_redis(REDIS_PORT)
    get(a + urls[0])
    check(get(a + urls[0]).headers.get("X-Page-Cache") == "hit", "Redis back: caching again")


def postgres_stopped_friendly_503_and_recovery(site, a, b, cached_url, other_url):
    for base in (a, b):
        get(base + cached_url)
    pids = [p.pid for p in site.servers]
    stop_postgres(PG_PORT)
    for base in (a, b):
        cached = get(base + cached_url, timeout=10)
        check(cached.status == 200, f"PostgreSQL down: cached {cached_url} still 200 on {base}")
        other = get(base + other_url, timeout=15)
        check(
            other.status == 503 and FRIENDLY_503 in other.text.lower(),
            f"PostgreSQL down: {other_url} -> {other.status} friendly page on {base}",
        )
        check(other.seconds < 5, f"  ... answered in {other.seconds:.2f}s (under 5 s)")
        check(other.headers.get("Retry-After") is not None, "  ... with Retry-After")
    start_postgres(PG_PORT)
    started = time.monotonic()
    recovered = {}
    while time.monotonic() - started < 30 and len(recovered) < 2:
        for base in (a, b):
            if base not in recovered and get(base + other_url, timeout=5).status == 200:
                recovered[base] = time.monotonic() - started
        time.sleep(0.2)
    for base in (a, b):
        seconds = recovered.get(base)
        check(
            seconds is not None,
            f"PostgreSQL back: {base} serves {other_url} again "
            f"({seconds if seconds is None else round(seconds, 2)} s after the restart)",
        )
    check(
        [p.pid for p in site.servers] == pids and all(p.poll() is None for p in site.servers),
        "  ... by the same server processes, not restarted",
    )


def wrk_script(urls, path):
    lines = ", ".join(json.dumps(u) for u in urls)
    path.write_text(
        f"local paths = {{{lines}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    return path


def load_with_an_editor_saving_drafts(site, a, b, page_id, urls, seconds):
    ensure_apt("wrk", "wrk")
    script = wrk_script(urls, site.workdir / "paths.lua")
    before = int(
        site.shell(
            "from wagtail.models import Page;"
            f"print(Page.objects.get(pk={page_id}).revisions.count())"
        ).splitlines()[-1]
    )
    loads = [
        subprocess.Popen(  # noqa: S603 - wrk from Debian, on loopback only
            [WRK, "-t1", "-c8", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base],
            stdout=subprocess.PIPE,
            text=True,
        )
        for base in (a, b)
    ]
    saved = []
    errors = []

    def editor_at_work():
        editor = Editor(b)
        editor.login()
        deadline = time.monotonic() + seconds - 1
        while time.monotonic() < deadline:
            title = f"Draft {len(saved) + 1} saved under load"
            try:
                editor.save(page_id, title)
                saved.append(title)
            except Exception as error:  # noqa: BLE001 - reported as a failure below
                errors.append(str(error))
            time.sleep(0.5)

    worker = threading.Thread(target=editor_at_work)
    worker.start()
    outputs = [load.communicate()[0] for load in loads]
    worker.join()
    total = 0
    for base, output in zip((a, b), outputs, strict=True):
        requests = int(re.search(r"(\d+) requests in", output).group(1))
        total += requests
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        rate = re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)
        check(non_2xx is None, f"load on {base}: {requests} requests, {rate}/s, no error status")
        check(socket_errors is None, f"load on {base}: no socket errors or timeouts")
    check(not errors, f"the editor saved {len(saved)} drafts during the load, none failed {errors}")
    state = site.shell(
        "from wagtail.models import Page;"
        f"p = Page.objects.get(pk={page_id});"
        "print(p.revisions.count(), p.get_latest_revision().content['title'])"
    ).splitlines()[-1]
    count, latest = state.split(" ", 1)
    check(
        int(count) - before == len(saved),
        f"every draft is a revision ({count} = {before} + {len(saved)})",
    )
    check(latest == saved[-1], f"the latest revision is the editor's last draft: {latest!r}")
    return total


def main():
    parser = argparse.ArgumentParser(description="Break the production stack and check it copes.")
    parser.add_argument("--short", action="store_true", help="a 15 s load instead of 60 s (CI)")
    args = parser.parse_args()
    seconds = 15 if args.short else 60

    server = start_postgres(PG_PORT)
    site = None
    try:
        database = fresh_database(server, "sps_faults")
        redis = start_redis(REDIS_PORT)
        redis_flush = ["redis-cli", "-p", str(REDIS_PORT), "flushall"]
        subprocess.run(redis_flush, check=True, capture_output=True)  # noqa: S603
        site = Site(database, redis)
        site.prepare()
        pages = treatments(site)
        a = site.start_server(PORTS[0], workers=2)
        b = site.start_server(PORTS[1], workers=2)
        log(f"two app servers: {a} and {b}, sharing PostgreSQL :{PG_PORT} and Redis :{REDIS_PORT}")

        two_servers_see_a_publish_at_once(a, b, home_id(site), pages[-1][0], pages[-1][1])
        redis_stopped_the_site_keeps_serving(a, b, ["/", "/treatments/", pages[3][1]])
        postgres_stopped_friendly_503_and_recovery(site, a, b, pages[1][1], pages[2][1])

        urls = ["/", "/treatments/", "/treatments/at-a-glance/", "/search/?q=baclofen"]
        urls += [url for _, url, _ in pages[:12]]
        draft_page = next(pk for pk, _, empty_body in pages[:-1] if empty_body)
        load_with_an_editor_saving_drafts(site, a, b, draft_page, urls, seconds)
    finally:
        if site is not None:
            site.stop_servers()
        stop_redis(REDIS_PORT)
        stop_postgres(PG_PORT)

    if failures:
        log(f"{len(failures)} fault checks failed")
        sys.exit(1)
    log("all fault checks passed")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
