"""`make bench`: requests per second and latency of the site under gunicorn, as ratios to a bare
Django view, with the seed guide and with 1,000 treatments; written to docs/PERFORMANCE.md.

    python scripts/bench.py [--short]     (--short, for CI: 2 s per row, 300 treatments,
                                           table printed, docs/PERFORMANCE.md left alone)

The load generator is wrk (Debian's), bounded in time, on loopback only. The database is
PostgreSQL when DATABASE_URL names one (a fresh `sps_bench` database on that server), else a
SQLite file. Each page is measured three ways: through Varnish (deploy/varnish/default.vcl, a
cache hit), rendered for an anonymous visitor straight from the app server (no Varnish), and
rendered for a signed-in editor (whose session cookie Varnish passes).
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

from stack import (  # noqa: E402
    ROOT,
    Editor,
    Site,
    Varnish,
    ensure_apt,
    fresh_database,
    get,
    log,
)

PORT, VARNISH_PORT = 27510, 27520
WRK = "/usr/bin/wrk"
CONNECTIONS = 4
GROWN = 1000
GOALS = {"varnish": 5.0}

# Queries of one render for a signed-in editor.
QUERY_COUNT = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username=%r))

def count(url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return len(queries) if status == 200 else None

print(json.dumps({url: count(url) for url in %r}))
"""


def wrk(url, seconds, headers=None):
    output = subprocess.run(  # noqa: S603 - Debian's wrk against our own loopback server
        [WRK, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
        # As browsers send it: Varnish answers compressed, the app server does not.
        + ["-H", "Accept-Encoding: gzip, deflate, br"]
        + [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def millis(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests, value, unit = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", output).groups()
    return {
        "requests": int(requests),
        "seconds": float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[unit],
        "p50": millis("50%"),
        "p99": millis("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def combined(runs):
    """One row from a mode's rounds: all their requests over all their time, the median p50
    and the highest p99."""
    p50s = sorted(run["p50"] for run in runs)
    return {
        "rps": sum(run["requests"] for run in runs) / sum(run["seconds"] for run in runs),
        "p50": p50s[len(p50s) // 2],
        "p99": max(run["p99"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
    }


PAGES = [
    ("home page", "/"),
    ("guide overview", "/treatments/"),
    ("treatment page", "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"),
    ("at-a-glance table", "/treatments/at-a-glance/"),
]


def measure(site, seconds, label, results):
    base = site.start_server(PORT, workers=1)
    varnish = Varnish(VARNISH_PORT, [("127.0.0.1", PORT)])
    varnish.start()
    try:
        varnish.wait_healthy()
        editor = Editor(base, site.accounts["superuser"])
        editor.login()
        session = "; ".join(f"{c.name}={c.value}" for c in editor.jar)
        counts = json.loads(
            site.shell(QUERY_COUNT % (editor.account[0], [url for _, url in PAGES])).splitlines()[
                -1
            ]
        )
        # The machine is shared: its load moves within seconds. Each page's three ways and the
        # bare view are measured in turn, in rounds of 2 s (1 s for --short), so that each
        # ratio compares the same moments.
        rounds = max(seconds // 2, 2)
        for name, url in PAGES:
            modes = [
                ("bare view", "/bench/bare/", base, {}),
                ("varnish", url, varnish.base, {}),
                ("app (anonymous)", url, base, {}),
                ("editor (uncached)", url, base, {"Cookie": session}),
            ]
            for mode, path, server, _ in modes:
                get(server + path)  # a cache fill for Varnish
                if mode == "varnish" and get(server + path).headers.get("X-Cache") != "hit":
                    raise RuntimeError(f"Varnish does not cache {url}")
            runs = {mode: [] for mode, *_ in modes}
            for _ in range(rounds):
                for mode, path, server, headers in modes:
                    runs[mode].append(wrk(server + path, seconds // rounds, headers))
            floor = combined(runs["bare view"])["rps"]
            for mode, path, _, _ in modes:
                result = combined(runs[mode])
                queries = {"bare view": "-", "varnish": 0}.get(mode, counts.get(url))
                result.update(page=name, url=path, mode=mode, guide=label, queries=queries)
                result["ratio"] = result["rps"] / floor
                log(
                    f"{label:>16} {name:<26} {mode:<18} {result['rps']:8.0f}/s "
                    f"p50 {result['p50']:.1f} ms p99 {result['p99']:.1f} ms"
                )
                results.append(result)
    finally:
        varnish.stop()
        site.stop_servers()


def goal_lines(results):
    lines = []
    for mode, goal in GOALS.items():
        ratios = [r["ratio"] for r in results if r["mode"] == mode]
        lowest = min(ratios)
        verdict = "met" if lowest >= goal else "NOT met"
        if goal <= lowest < goal * 1.1 or goal * 0.9 < lowest < goal:
            verdict += (
                " (borderline: within 10 % of the goal, which this shared machine's noise moves)"
            )
        lines.append(
            f"- {mode} hits at {goal:.1f}× the bare view or more: {verdict} (lowest {lowest:.2f}×)."
        )
    errors = sum(r["errors"] for r in results)
    lines.append(f"- no errors: {'met' if not errors else f'NOT met ({errors} error responses)'}.")
    return lines


def write_report(results, seconds, database, path):
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (scripts/bench.py): gunicorn with production settings (one",
        f"process, 4 threads), {database}, Varnish 7.1 with",
        "deploy/varnish/default.vcl in front of it, wrk with",
        f"{CONNECTIONS} connections for {seconds} s per row, on loopback, on a",
        f"{os.cpu_count()}-core machine ({platform.machine()}, Python",
        f"{platform.python_version()}) that also runs wrk and Varnish. wrk asks for gzip as",
        "browsers do: Varnish keeps pages compressed and sends them so; the app server sends",
        "them plain. Ratios are requests per second relative to the bare Django view",
        "(Django's request/response cycle and every middleware, no template, no query). The",
        "machine is shared with other work whose load",
        "moves within seconds, so each page's rows and a bare view row are measured in turn,",
        f"in {max(seconds // 2, 2)} rounds of {seconds // max(seconds // 2, 2)} s each:"
        " req/s is all requests over all rounds,",
        "p50 the median round's, p99 the highest round's.",
        "*varnish*: a Varnish cache hit, the app not involved. *app (anonymous)*: an",
        "anonymous visitor served by the app server (no Varnish), the page rendered for each",
        "request. *editor (uncached)*: a signed-in editor, whose session cookie Varnish",
        "passes: the page is rendered for each request, with the userbar. Queries: per render",
        "(the editor's; an anonymous render reads about as many).",
        "",
        "| guide | page | served by | req/s | p50 ms | p99 ms | × bare view | queries | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        page = "bare Django view (floor)" if r["mode"] == "bare view" else r["page"]
        lines.append(
            f"| {r['guide']} | {page} | {r['mode']} | {r['rps']:.0f} | {r['p50']:.1f} "
            f"| {r['p99']:.1f} | {r['ratio']:.2f} | {r['queries']} | {r['errors']} |"
        )
    lines += ["", "Goals:", "", *goal_lines(results), ""]
    lines += [f"Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]
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
    ensure_apt("varnishd", "varnish")

    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        database_url, database = fresh_database(server, "sps_bench"), "PostgreSQL"
    else:
        path = Path("/tmp") / "sps-bench.sqlite3"  # noqa: S108 - a throwaway benchmark file
        path.unlink(missing_ok=True)
        database_url, database = f"sqlite:///{path}", "SQLite"
    site = Site(database_url, settings="sps_foundation.settings.bench")
    run_bench(site, seconds, grown, database, args.short)


def run_bench(site, seconds, grown, database, short):
    site.prepare()
    # Varnish keys pages by host as Wagtail's purges name it: the Site's hostname.
    site.shell(
        "from wagtail.models import Site;"
        "Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port=80)"
    )
    site.env["VARNISH_PURGE_URLS"] = f"http://127.0.0.1:{VARNISH_PORT}"

    results = []
    seed_count = site.shell(
        "from treatments.models import TreatmentPage; print(TreatmentPage.objects.live().count())"
    ).splitlines()[-1]
    measure(site, seconds, f"seed ({seed_count})", results)
    log(f"growing the guide to {grown} treatments (benchmark fixture, not real content)")
    site.shell(f"exec(open('scripts/bench_fixture.py').read()); grow({grown})")
    measure(site, seconds, f"{grown} treatments", results)

    report = Path("/tmp/sps-bench-short.md") if short else ROOT / "docs" / "PERFORMANCE.md"  # noqa: S108
    write_report(results, seconds, database, report)
    errors = sum(r["errors"] for r in results)
    if errors:
        log(f"{errors} error responses during the benchmark")
        sys.exit(1)


if __name__ == "__main__":
    main()
