"""`make faults`: the production stack on loopback, broken on purpose, with every claim asserted.

1. Two gunicorn app servers share one PostgreSQL and one Redis: a page published through one
   is served new by the other at once.
2. Redis stopped: both keep serving every page from the database; Redis back: caching again.
3. PostgreSQL stopped: cached pages still serve; other pages get the friendly 503 page within
   a few seconds; PostgreSQL back: the same servers (no restart) serve every page again.
4. A bounded load (16 connections, 60 s; --short: 15 s) with an editor saving drafts through
   the admin meanwhile: zero errors, and every draft the editor saved is a revision.

5. Varnish (deploy/varnish/default.vcl) in front of both: a change approved through the
   admin reaches the page, the guide and the table through Varnish within 2 s; an
   unpublished page is gone from it; a PURGE or BAN from an address outside its ACL is
   refused; 20 publishes (--short: 6), through the admin and from `publish_scheduled` in a
   process of its own, while readers load both servers and Varnish: no stale read 2 s after
   any of them, from either server or Varnish; every app server stopped, Varnish serves
   its cached pages for the grace it is given, then answers 503.
6. The Spanish edition, with Varnish and both servers: an editor translates a treatment
   through the admin, an advisor who reviews Spanish approves it; changes approved through
   either server are served at /es/… by both servers and Varnish within 2 s, and the
   Spanish page unpublished is gone from all three, with no stale read.

Ports: PostgreSQL 27543, Redis 27579, app servers 27501 and 27502, Varnish 27580 and 27581
(loopback only).
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
    Varnish,
    ensure_apt,
    fresh_database,
    get,
    log,
    request,
    start_postgres,
    start_redis,
    stop_postgres,
    stop_redis,
)

# Below the kernel's ephemeral range (32768-60999), so no client socket ever holds one.
PG_PORT, REDIS_PORT, PORTS = 27543, 27579, (27501, 27502)
VARNISH_PORT, GRACE_VARNISH_PORT = 27580, 27581
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
    code = (
        "from treatments.models import HomePage;"
        "print(HomePage.objects.get(locale__language_code='en').pk)"
    )
    return int(site.shell(code).splitlines()[-1])


def two_servers_see_a_publish_at_once(site, a, b, unpublish_id, unpublish_url):
    """Guide pages go live only through medical review (issue 4), so the publish shown here is
    of the home page, and the guide's side of it is an unpublish by a moderator."""
    home = home_id(site)
    for base in (a, b):
        for url in ("/", unpublish_url, "/treatments/"):
            get(base + url)
    check(get(b + "/").headers.get("X-Page-Cache") == "hit", "B serves the home page cached")
    editor = Editor(a, site.accounts["superuser"])
    editor.login()
    title = f"Published through A at {time.time():.0f}"
    editor.save(home, title, publish=True)
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
    # After a failure each process skips Redis for CACHE_BYPASS_SECONDS (5), then tries again.
    seconds = seconds_until_cached(a + urls[0], within=10)
    check(seconds is not None, f"Redis back: caching again ({seconds or 0:.1f} s after)")


def seconds_until_cached(url, within):
    """Seconds until `url` is answered from the page cache, or None if not within `within`."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if get(url).headers.get("X-Page-Cache") == "hit":
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def postgres_stopped_friendly_503_and_recovery(site, a, b, cached_url, other_url):
    for base in (a, b):
        seconds_until_cached(base + cached_url, within=10)
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
        editor = Editor(b, site.accounts["superuser"])
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


GUIDE, TABLE = "/treatments/", "/treatments/at-a-glance/"


def wait_until(condition, seconds, started=None):
    """Seconds until `condition()` held, polling; None if it did not within `seconds`."""
    started = started or time.monotonic()
    while True:
        if condition():
            return round(time.monotonic() - started, 2)
        if time.monotonic() - started > seconds:
            return None
        time.sleep(0.1)


def through(varnish, path, **kwargs):
    # The Host header names 127.0.0.1:<port>; Varnish keys on the host without the port,
    # as Wagtail's purges name it (the Site's hostname).
    return request(varnish.base + path, **kwargs)


def signed_in(roles, bases):
    """Each role of `roles` ({role: account}) signed in to each app server:
    {base: {role: Editor}}."""
    sessions = {}
    for base in bases:
        sessions[base] = {}
        for role, account in roles.items():
            sessions[base][role] = Editor(base, account)
            sessions[base][role].login()
    return sessions


def publish_through_review(roles, page_id, title, **changes):
    """The editor submits `title` for medical review; a medical advisor approves it."""
    roles["editor"].save(page_id, title, action="action-submit", **changes)
    roles["advisor"].approve(page_id)


def varnish_serves_an_approved_change_within_two_seconds(varnish, roles, page_id, url):
    for path in (url, GUIDE, TABLE):
        through(varnish, path)
        check(through(varnish, path).headers.get("X-Cache") == "hit", f"Varnish caches {path}")
    title = f"Approved through A at {time.time():.0f}"
    publish_through_review(roles, page_id, title)
    started = time.monotonic()
    for path in (url, GUIDE, TABLE):
        seconds = wait_until(lambda p=path: title in through(varnish, p).text, 2, started)
        check(
            seconds is not None,
            f"Varnish serves the approved change on {path} within 2 s ({seconds} s)",
        )


def varnish_drops_an_unpublished_page(varnish, roles, page_id, url):
    through(varnish, url)
    check(through(varnish, url).headers.get("X-Cache") == "hit", f"Varnish caches {url}")
    roles["moderator"].unpublish(page_id)
    started = time.monotonic()
    seconds = wait_until(lambda: through(varnish, url).status == 404, 2, started)
    check(seconds is not None, f"a moderator unpublishes {url}: 404 through Varnish ({seconds} s)")
    check(
        wait_until(lambda: url not in through(varnish, GUIDE).text, 2, started) is not None,
        "  ... and the guide through Varnish no longer links it",
    )


def varnish_refuses_purges_from_other_addresses(varnish):
    through(varnish, GUIDE)
    for method in ("PURGE", "BAN"):
        refused = through(varnish, GUIDE, method=method, source="127.0.0.2")
        check(refused.status in (403, 405), f"{method} from 127.0.0.2 refused ({refused.status})")
    check(through(varnish, GUIDE).headers.get("X-Cache") == "hit", "  ... the guide stays cached")


def publish_scheduled_now(site, roles, page_id, title):
    """Approved through the admin to go live tomorrow; the clock moved on (the revision's
    go-live time set to a second ago); then `publish_scheduled`, cron's job in a process
    of its own, publishes it."""
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
    if updated != 1:
        raise RuntimeError(f"expected one scheduled revision of page {page_id}, found {updated}")
    site.manage("publish_scheduled", stdout=subprocess.DEVNULL)


def publishes_under_load_leave_no_stale_reads(site, bases, varnish, sessions, pages, count):
    """`count` publishes, alternately through the admin (of either server) and from
    publish_scheduled, while readers load both servers and Varnish; 2 s after each, every
    read of the page and the guide from each server and through Varnish is new."""
    readers_stop = threading.Event()
    reads, errors = [0], []
    urls = [GUIDE, TABLE, "/", *(url for _, url in pages)]

    def reader(fetch):
        while not readers_stop.is_set():
            for url in urls:
                try:
                    status = fetch(url).status
                except OSError as error:
                    errors.append(str(error))
                    continue
                reads[0] += 1
                if status >= 500:
                    errors.append(f"{status} for {url}")

    fetchers = [lambda u, b=base: get(b + u) for base in bases]
    fetchers.append(lambda u: through(varnish, u))
    threads = [threading.Thread(target=reader, args=(f,), daemon=True) for f in fetchers]
    for thread in threads:
        thread.start()
    stale, checked, slowest = [], 0, 0.0
    try:
        for n in range(count):
            page_id, url = pages[n % len(pages)]
            title = f"Publish {n + 1} of {count} at {time.time():.0f}"
            started = time.monotonic()
            if n % 2 == 0:
                publish_through_review(sessions[bases[(n // 2) % 2]], page_id, title)
                how = "admin"
            else:
                publish_scheduled_now(site, sessions[bases[0]], page_id, title)
                how = "publish_scheduled"
            slowest = max(slowest, time.monotonic() - started)
            time.sleep(2)
            for name, fetch in zip(["A", "B", "Varnish"], fetchers, strict=True):
                for path in (url, GUIDE):
                    for _ in range(2):
                        checked += 1
                        if title not in fetch(path).text:
                            stale.append((how, name, path))
    finally:
        readers_stop.set()
        for thread in threads:
            thread.join(timeout=15)
    by_source = {
        f"{how} via {name}": sum(1 for h, n, _ in stale if (h, n) == (how, name))
        for how in ("admin", "publish_scheduled")
        for name in ("A", "B", "Varnish")
    }
    check(
        not stale,
        f"{count} publishes under load: {len(stale)} stale reads of {checked} made 2 s after"
        f" each publish; by path and reader: {by_source}",
    )
    check(not errors, f"  ... readers made {reads[0]} requests, {len(errors)} failed {errors[:3]}")
    log(f"  ... the slowest publish took {slowest:.1f} s from submit to live")


def spanish_page(site, english_id):
    """(id, URL under /es/) of the Spanish translation of page `english_id`."""
    code = (
        "from wagtail.models import Page;"
        f"e = Page.objects.get(pk={english_id});"
        "p = Page.objects.get(translation_key=e.translation_key, locale__language_code='es');"
        "print(p.pk, p.url)"
    )
    page_id, url = site.shell(code).splitlines()[-1].split(" ", 1)
    return int(page_id), url


def offered_approval(advisor, page_id):
    try:
        advisor.approve(page_id)
    except RuntimeError:
        return False
    return True


def the_spanish_edition_is_fresh_everywhere(site, bases, varnish, sessions, english_id):
    """An editor translates a treatment in the admin, an advisor who reviews Spanish approves
    it; a change approved through the other server reaches both servers (their shared page
    cache) and Varnish at /es/… within 2 s; a moderator's unpublish takes it away from all
    three; no stale read once each change was seen."""
    readers = {
        "A": lambda u: get(bases[0] + u),
        "B": lambda u: get(bases[1] + u),
        "Varnish": lambda u: through(varnish, u),
    }
    roles_a, roles_b = sessions[bases[0]], sessions[bases[1]]
    # The pages above it have live Spanish pages, as earlier reviewed translations leave them
    # (a page is translated only below a translated parent).
    site.shell(
        "from wagtail.models import Locale, Page;"
        "es = Locale.objects.get(language_code='es');"
        f"above = Page.objects.get(pk={english_id}).get_ancestors().filter(depth__gt=1);"
        "[a.specific.copy_for_translation(es).save_revision().publish(skip_permission_checks=True)"
        " for a in above if not a.has_translation(es)]"
    )
    roles_a["editor"].translate(english_id)
    spanish_id, url = spanish_page(site, english_id)
    check(url.startswith("/es/"), f"the editor's translation of page {english_id} is at {url}")
    stale = []

    def everywhere(condition, what, started):
        for name, fetch in readers.items():
            seconds = wait_until(lambda f=fetch: condition(f(url)), 2, started)
            check(seconds is not None, f"{name} {what} within 2 s ({seconds} s)")
        for name, fetch in readers.items():
            stale.extend(name for _ in range(3) if not condition(fetch(url)))

    for n, roles in enumerate((roles_a, roles_b), start=1):
        title = f"(ES) Traduccion revisada {n} at {time.time():.0f}"
        roles["editor"].save(spanish_id, title, action="action-submit")
        if n == 1:
            check(
                not offered_approval(roles["advisor"], spanish_id),
                "an advisor who reviews English only cannot approve the Spanish translation",
            )
        roles["spanish_advisor"].approve(spanish_id)
        through_server = "A" if roles is roles_a else "B"
        everywhere(
            lambda r, t=title: r.status == 200 and t in r.text,
            f"serves {url} as approved through {through_server}",
            time.monotonic(),
        )
        if n == 1:
            for fetch in readers.values():
                fetch(url)
            check(readers["B"](url).headers.get("X-Page-Cache") == "hit", "B caches it")
            check(readers["Varnish"](url).headers.get("X-Cache") == "hit", "Varnish caches it")
    roles_a["moderator"].unpublish(spanish_id)
    everywhere(lambda r: r.status == 404, f"answers 404 for {url} unpublished", time.monotonic())
    check(not stale, f"  ... {len(stale)} stale reads of /es/ once each change was seen {stale}")


def varnish_serves_cached_pages_for_its_grace(site, grace_varnish, grace, ttl, urls):
    """Objects kept `ttl` seconds; every app server stopped at once: Varnish answers from its
    expired objects until their grace is over, then 503."""
    through(grace_varnish, "/", method="BAN")
    for url in urls:
        through(grace_varnish, url)
    fetched = time.monotonic()
    site.stop_servers(quick=True)
    last_ok = None
    while time.monotonic() - fetched < ttl + grace + 4:
        if all(through(grace_varnish, url).status == 200 for url in urls):
            last_ok = time.monotonic() - fetched
        time.sleep(0.25)
    after = [through(grace_varnish, url).status for url in urls]
    check(
        last_ok is not None and ttl + grace - 1.5 <= last_ok <= ttl + grace + 1,
        f"app servers stopped: Varnish serves its cached pages until"
        f" {last_ok and round(last_ok, 1)} s after fetching them (TTL {ttl} s + grace {grace} s)",
    )
    check(all(s == 503 for s in after), f"  ... then answers 503 ({after})")


def varnish_drills(site, bases, varnish, grace_varnish, grace, ttl, pages, publishes):
    varnish.wait_healthy()
    grace_varnish.wait_healthy()
    sessions = signed_in(site.roles, bases)
    roles = sessions[bases[0]]
    (first_id, first_url), (gone_id, gone_url), *others = pages
    varnish_serves_an_approved_change_within_two_seconds(varnish, roles, first_id, first_url)
    the_spanish_edition_is_fresh_everywhere(site, bases, varnish, sessions, first_id)
    varnish_drops_an_unpublished_page(varnish, roles, gone_id, gone_url)
    varnish_refuses_purges_from_other_addresses(varnish)
    publishes_under_load_leave_no_stale_reads(
        site, bases, varnish, sessions, [(first_id, first_url), *others], publishes
    )
    varnish_serves_cached_pages_for_its_grace(
        site, grace_varnish, grace, ttl, ["/", GUIDE, first_url]
    )


def main():
    parser = argparse.ArgumentParser(description="Break the production stack and check it copes.")
    parser.add_argument("--short", action="store_true", help="a 15 s load instead of 60 s (CI)")
    parser.add_argument("--only", choices=["varnish"], help="run only the Varnish drill (5)")
    args = parser.parse_args()
    seconds = 15 if args.short else 60

    ensure_apt("varnishd", "varnish")
    grace, ttl = (8, 3) if args.short else (30, 3)
    publishes = 6 if args.short else 20
    server = start_postgres(PG_PORT)
    site = None
    caches = []
    try:
        database = fresh_database(server, "sps_faults")
        redis = start_redis(REDIS_PORT)
        redis_flush = ["redis-cli", "-p", str(REDIS_PORT), "flushall"]
        subprocess.run(redis_flush, check=True, capture_output=True)  # noqa: S603
        site = Site(database, redis)
        site.prepare()
        site.create_roles()
        # Readers and Wagtail's purges name the site by the Site's hostname.
        site.shell(
            "from wagtail.models import Site;"
            "Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port=80)"
        )
        site.env["VARNISH_PURGE_URLS"] = f"http://127.0.0.1:{VARNISH_PORT}"
        pages = treatments(site)
        backends = [("127.0.0.1", port) for port in PORTS]
        varnish = Varnish(VARNISH_PORT, backends)
        # A second Varnish keeps pages only `ttl` seconds, so that its grace is what serves
        # them once the app servers stop.
        grace_varnish = Varnish(GRACE_VARNISH_PORT, backends, grace=f"{grace}s", ttl=f"{ttl}s")
        caches = [varnish, grace_varnish]
        for cache in caches:
            cache.start()
        a = site.start_server(PORTS[0], workers=2)
        b = site.start_server(PORTS[1], workers=2)
        log(f"two app servers: {a} and {b}, sharing PostgreSQL :{PG_PORT} and Redis :{REDIS_PORT}")
        log(f"Varnish {varnish.base} in front of both (and {grace_varnish.base} for grace)")

        draft_page = next(pk for pk, _, empty_body in pages[:-1] if empty_body)
        if not args.only:
            two_servers_see_a_publish_at_once(site, a, b, pages[-1][0], pages[-1][1])
            redis_stopped_the_site_keeps_serving(a, b, ["/", "/treatments/", pages[3][1]])
            postgres_stopped_friendly_503_and_recovery(site, a, b, pages[1][1], pages[2][1])
            urls = ["/", "/treatments/", "/treatments/at-a-glance/", "/search/?q=baclofen"]
            urls += [url for _, url, _ in pages[:12]]
            load_with_an_editor_saving_drafts(site, a, b, draft_page, urls, seconds)

        # Pages the admin form can save without a browser (no StreamField body), other than
        # the ones the drills above unpublished or filled with drafts.
        editable = [(pk, url) for pk, url, empty in pages[:-1] if empty and pk != draft_page]
        varnish_drills(site, (a, b), varnish, grace_varnish, grace, ttl, editable[:6], publishes)
    finally:
        if site is not None:
            site.stop_servers()
        for cache in caches:
            cache.stop()
        stop_redis(REDIS_PORT)
        stop_postgres(PG_PORT)

    if failures:
        log(f"{len(failures)} fault checks failed")
        sys.exit(1)
    log("all fault checks passed")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
