"""`make bench`: requests per second and latency of the site under gunicorn, as ratios to a bare
Django view, with the seed guide and with 1,000 treatments; written to docs/PERFORMANCE.md.

    python scripts/bench.py [--short]     (--short, for CI: 2 s per row, 300 treatments,
                                           table printed, docs/PERFORMANCE.md left alone)

The load generator is wrk (Debian's), bounded in time, on loopback only. The database is
PostgreSQL when DATABASE_URL names one (a fresh `sps_bench` database on that server), else a
SQLite file. "cold" requests carry an unknown query parameter, which the page cache never
serves, so every one is rendered; "warm" ones are served from the page cache; "first" ones
go to a second server that shares no lookups between requests.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, Site, ensure_apt, fresh_database, get, log  # noqa: E402

PORT = 18010
WRK = "/usr/bin/wrk"
CONNECTIONS = 4
GROWN = 1000

# Queries of one render: "first" with every cache empty, "cold" once the lookups shared
# between requests (page_cache.shared) are cached; both with the page cache bypassed.
QUERY_COUNT = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

def count(url):
    with CaptureQueriesContext(connection) as queries:
        status = Client(HTTP_HOST="127.0.0.1").get(url).status_code
    return len(queries) if status == 200 else None

counts = {}
for url in %r:
    target = url + ("&" if "?" in url else "?") + "bench=cold"
    cache.clear()
    counts[url] = {"first": count(target), "cold": count(target)}
print(json.dumps(counts))
"""


def wrk(url, seconds):
    output = subprocess.run(  # noqa: S603 - Debian's wrk against our own loopback server
        [WRK, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def millis(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": millis("50%"),
        "p99": millis("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def targets(base, treatment_url, has_glance):
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', get(base + "/").text).group(1)
    rows = [
        ("static file (ceiling)", css, ["-"]),
        ("bare Django view (floor)", "/bench/bare/", ["-"]),
        ("home page", "/", ["first", "cold", "warm"]),
        ("guide overview", "/treatments/", ["first", "cold", "warm"]),
        ("treatment page", treatment_url, ["first", "cold", "warm"]),
    ]
    if has_glance:
        rows.append(("at-a-glance table", "/treatments/at-a-glance/", ["first", "cold", "warm"]))
    rows.append(("search query", "/search/?q=baclofen", ["first", "cold"]))
    return rows


def measure(site, seconds, label, results):
    base = site.start_server(PORT)
    # The same site with nothing shared between requests: every render is a first render,
    # as right after a publish retired the page cache and the shared lookups.
    site.env["PAGE_CACHE_SHARED_LOOKUPS"] = "false"
    unshared = site.start_server(PORT + 1)
    del site.env["PAGE_CACHE_SHARED_LOOKUPS"]
    try:
        treatment_url = "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"
        has_glance = get(base + "/treatments/at-a-glance/").status == 200
        rows = targets(base, treatment_url, has_glance)
        page_urls = [url for _, url, modes in rows if "cold" in modes]
        counts = json.loads(site.shell(QUERY_COUNT % (page_urls,)).splitlines()[-1])
        for name, url, modes in rows:
            for mode in modes:
                target = url + ("&" if "?" in url else "?") + "bench=cold"
                if mode in ("warm", "-"):
                    target = url
                server = unshared if mode == "first" else base
                get(server + target)  # first render, and a cache fill for "warm"
                result = wrk(server + target, seconds)
                queries = counts.get(url, {}).get("first" if mode == "first" else "cold", "-")
                result.update(page=name, url=url, mode=mode, guide=label, queries=queries)
                log(
                    f"{label:>16} {name:<26} {mode:<8} {result['rps']:8.0f}/s "
                    f"p50 {result['p50']:.1f} ms p99 {result['p99']:.1f} ms"
                )
                results.append(result)
    finally:
        site.stop_servers()


def write_report(results, seconds, database, path):
    floor = {r["guide"]: r["rps"] for r in results if r["url"] == "/bench/bare/"}
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (scripts/bench.py): gunicorn with production settings (one",
        f"process, 4 threads, local-memory page cache), {database}, wrk with {CONNECTIONS}",
        f"connections for {seconds} s per row, on loopback, on a {os.cpu_count()}-core machine",
        f"({platform.machine()}, Python {platform.python_version()}) that also runs wrk.",
        "Ratios are requests per second relative to the bare Django view of the same run:",
        "the framework's floor. *warm*: served by the page cache. *cold*: rendered on every",
        "request (the page cache bypassed; search is never cached), with what renders read",
        "from the database (site, routed page, ancestors, category tree, settings, a search's",
        "results) shared between requests until the next publish (page_cache.shared); a",
        "search still records its hit for the editors' popular searches (one UPDATE).",
        "*first*: rendered with nothing cached or shared,",
        "as the first visitor after a publish gets it (`PAGE_CACHE_SHARED_LOOKUPS=false`).",
        "Queries: per render in that mode.",
        "",
        "| guide | page | cache | req/s | p50 ms | p99 ms | × bare view | queries | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = r["rps"] / floor[r["guide"]]
        lines.append(
            f"| {r['guide']} | {r['page']} | {r['mode']} | {r['rps']:.0f} | {r['p50']:.1f} "
            f"| {r['p99']:.1f} | {ratio:.2f} | {r['queries']} | {r['errors']} |"
        )
    lines += [
        "",
        "Goals (issue 6): a cached treatment page at 0.80 or more of the bare view; uncached",
        "within 3× of it (ratio ≥ 0.33); queries per page constant as the guide grows.",
        "",
        f"Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
    ]
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines))
    log(f"wrote {path}")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="2 s per row and 300 treatments (CI)")
    args = parser.parse_args()
    seconds = 2 if args.short else 8
    grown = 300 if args.short else GROWN
    ensure_apt("wrk", "wrk")

    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        database_url, database = fresh_database(server, "sps_bench"), "PostgreSQL"
    else:
        path = Path("/tmp") / "sps-bench.sqlite3"  # noqa: S108 - a throwaway benchmark file
        path.unlink(missing_ok=True)
        database_url, database = f"sqlite:///{path}", "SQLite"
    site = Site(database_url, settings="sps_foundation.settings.bench")
    site.env["PAGE_CACHE_SECONDS"] = "600"
    site.prepare()

    results = []
    seed_count = site.shell(
        "from treatments.models import TreatmentPage; print(TreatmentPage.objects.live().count())"
    ).splitlines()[-1]
    measure(site, seconds, f"seed ({seed_count})", results)
    log(f"growing the guide to {grown} treatments (benchmark fixture, not real content)")
    site.shell(f"exec(open('scripts/bench_fixture.py').read()); grow({grown})")
    measure(site, seconds, f"{grown} treatments", results)

    report = Path("/tmp/sps-bench-short.md") if args.short else ROOT / "docs" / "PERFORMANCE.md"  # noqa: S108
    write_report(results, seconds, database, report)
    errors = sum(r["errors"] for r in results)
    if errors:
        log(f"{errors} error responses during the benchmark")
        sys.exit(1)


if __name__ == "__main__":
    main()
