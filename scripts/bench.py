"""`make bench`: requests per second and latency of the site under gunicorn, as ratios to a bare
Django view and to a peer (the plainest Wagtail page), with the seed guide and with 1,000
treatments; written to docs/PERFORMANCE.md.

    python scripts/bench.py [--short]     (--short, for CI: 2 s per row, 300 treatments,
                                           table printed, docs/PERFORMANCE.md left alone)

The load generator is wrk (Debian's), bounded in time, on loopback only. The database is
PostgreSQL when DATABASE_URL names one (a fresh `sps_bench` database on that server), else a
SQLite file. Each page is measured three ways: through Varnish (deploy/varnish/default.vcl, a
cache hit), rendered for an anonymous visitor straight from the app server (no Varnish), and
rendered for a signed-in editor (whose session cookie Varnish passes). The peer, a title and
rich text in the site's base template (benchpeer.StandardPage, installed by the bench settings
only), is rendered for an anonymous visitor beside each page, in the same rounds.

The targets (TARGETS) are reported, not enforced: a ratio that misses its target is printed as
missed and the run still exits 0; only error responses make it fail.
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

# Checkouts benchmarked side by side on one machine (numbered as pytest-xdist workers) each get
# ports of their own.
PORT_SHIFT = 1000 * int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
PORT, VARNISH_PORT = 27510 + PORT_SHIFT, 27520 + PORT_SHIFT
WRK = "/usr/bin/wrk"
CONNECTIONS = 4
GROWN = 1000
PEER = "peer (plain Wagtail page)"

# (guide, page, compared to, target): a page's render at most `target` times the peer's
# (its p50 latency over the peer's, the same rounds), or a Varnish hit at least `target` times
# faster than the bare view. "grown" is the guide with GROWN treatments (300 under --short).
TARGETS = [
    ("seed", "treatment page", "peer", 2.0),
    ("grown", "guide overview", "peer", 4.0),
    ("grown", "category (most treatments)", "peer", 4.0),
    ("grown", "treatment page", "peer", 4.0),
    ("grown", "at-a-glance table", "peer", 8.0),
    *(
        (guide, page, "bare view", 5.0)
        for guide in ("seed", "grown")
        for page in (
            "home page",
            "guide overview",
            "category (most treatments)",
            "treatment page",
            "at-a-glance table",
        )
    ),
]

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


# The category with the most live treatments under it: one of the seed's, then the benchmark
# fixture's once the guide has grown.
LARGEST_CATEGORY = """
from treatments.models import TherapyCategoryPage, TreatmentPage
treatments = TreatmentPage.objects.live()
largest = max(TherapyCategoryPage.objects.live(), key=lambda c: treatments.descendant_of(c).count())
print(largest.url)
"""


def site_pages(site):
    return [
        ("home page", "/"),
        ("guide overview", "/treatments/"),
        ("category (most treatments)", site.shell(LARGEST_CATEGORY).splitlines()[-1]),
        ("treatment page", "/treatments/symptomatic-relief/muscle-relaxants/baclofen/"),
        ("at-a-glance table", "/treatments/at-a-glance/"),
    ]


def measure(site, seconds, label, size, peer, results):
    pages = site_pages(site)
    base = site.start_server(PORT, workers=1)
    varnish = Varnish(VARNISH_PORT, [("127.0.0.1", PORT)])
    varnish.start()
    try:
        varnish.wait_healthy()
        editor = Editor(base, site.accounts["superuser"])
        editor.login()
        session = "; ".join(f"{c.name}={c.value}" for c in editor.jar)
        counts = json.loads(
            site.shell(
                QUERY_COUNT % (editor.account[0], [url for _, url in [*pages, (PEER, peer)]])
            ).splitlines()[-1]
        )
        # The machine is shared: its load moves within seconds. Each page's three ways, the
        # peer and the bare view are measured in turn, in rounds of 2 s (1 s for --short), so
        # that each ratio compares the same moments.
        rounds = max(seconds // 2, 2)
        for name, url in pages:
            modes = [
                ("bare view", "/bench/bare/", base, {}),
                ("peer", peer, base, {}),
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
            floor, peer_row = combined(runs["bare view"]), combined(runs["peer"])
            for mode, path, _, _ in modes:
                result = combined(runs[mode])
                queries = {"bare view": "-", "varnish": 0}.get(mode, counts.get(path))
                result.update(
                    page=name, url=path, mode=mode, guide=label, size=size, queries=queries
                )
                result["ratio"] = result["rps"] / floor["rps"]
                result["bare"], result["peer"] = floor, peer_row
                log(
                    f"{label:>16} {name:<26} {mode:<18} {result['rps']:8.0f}/s "
                    f"p50 {result['p50']:.1f} ms p99 {result['p99']:.1f} ms"
                )
                results.append(result)
    finally:
        varnish.stop()
        site.stop_servers()


SERVED_BY = {"peer": "app (anonymous)"}


def find(results, size, page, mode):
    return next(r for r in results if r["size"] == size and r["page"] == page and r["mode"] == mode)


def target_rows(results):
    """Each target with its ratios, p50 and p99, and whether each meets it (TARGETS)."""
    rows = []
    for size, page, compared_to, target in TARGETS:
        if compared_to == "peer":
            # How many times the peer's time a render of the page takes: at most `target`.
            r = find(results, size, page, "app (anonymous)")
            p50, p99 = r["p50"] / r["peer"]["p50"], r["p99"] / r["peer"]["p99"]
            per_second = r["peer"]["rps"] / r["rps"]
            measure, wanted = "render, anonymous (app)", f"≤ {target:g}× the peer's time"
        else:
            # How many times faster than the bare view a Varnish hit is: at least `target`.
            r = find(results, size, page, "varnish")
            p50, p99 = r["bare"]["p50"] / r["p50"], r["bare"]["p99"] / r["p99"]
            per_second = r["ratio"]
            measure, wanted = "Varnish hit", f"≥ {target:g}× faster than the bare view"
        at_most = compared_to == "peer"
        rows.append(
            {
                "guide": r["guide"],
                "page": page,
                "measure": measure,
                "target": wanted,
                "p50": p50,
                "p99": p99,
                "rps": per_second,
                "p50 meets": p50 <= target if at_most else p50 >= target,
                "p99 meets": p99 <= target if at_most else p99 >= target,
                "borderline": 0.9 < p50 / target < 1.1,
            }
        )
    return rows


def verdict(met, borderline=False):
    text = "met" if met else "**missed**"
    return text + (" (borderline)" if borderline else "")


def target_lines(results):
    rows = target_rows(results)
    lines = [
        "| guide | page | measure | target | p50 ratio | p99 ratio | by req/s | p50 | p99 |",
        "|---|---|---|---|---:|---:|---:|---|---|",
    ]
    for t in rows:
        lines.append(
            f"| {t['guide']} | {t['page']} | {t['measure']} | {t['target']} | {t['p50']:.2f}× "
            f"| {t['p99']:.2f}× | {t['rps']:.2f}× | {verdict(t['p50 meets'], t['borderline'])} "
            f"| {verdict(t['p99 meets'])} |"
        )
    met = sum(t["p50 meets"] for t in rows)
    errors = sum(r["errors"] for r in results)
    lines += [
        "",
        f"{met} of {len(rows)} targets met at p50 ({sum(t['p99 meets'] for t in rows)} at p99). "
        "A target is judged on the p50 ratio; the p99 ratio shows the tail, where Python's "
        "garbage collector and the shared machine show. *borderline*: within 10 % of the "
        "target, which this machine's noise moves. The targets are reported, not enforced: a "
        "miss does not fail the run (it exits 0); error responses do "
        f"({'none' if not errors else errors}).",
    ]
    return lines


def write_report(results, seconds, database, path, short):
    run = (
        "`make bench-short` (scripts/bench.py --short)"
        if short
        else "`make bench` (scripts/bench.py)"
    )
    lines = [
        "# Performance",
        "",
        f"Measured by {run}: gunicorn with production settings (one",
        f"process, 4 threads), {database}, Varnish 7.1 with",
        "deploy/varnish/default.vcl in front of it, wrk with",
        f"{CONNECTIONS} connections for {seconds} s per row, on loopback, on a",
        f"{os.cpu_count()}-core machine ({platform.machine()}, Python",
        f"{platform.python_version()}) that also runs wrk and Varnish. wrk asks for gzip as",
        "browsers do: Varnish keeps pages compressed and sends them so; the app server sends",
        "them plain. Two measures to compare to: the bare Django view (Django's request/response",
        "cycle and every middleware, no template, no query) and the *peer*, the plainest Wagtail",
        "page (a title and rich text in the site's base template, as bakerydemo's standard page;",
        "a page type the bench settings alone install), rendered for an anonymous visitor. The",
        "machine is shared with other work whose load moves within seconds, so each page's rows,",
        "the peer and the bare view are measured in turn,",
        f"in {max(seconds // 2, 2)} rounds of {seconds // max(seconds // 2, 2)} s each:"
        " req/s is all requests over all rounds,",
        "p50 the median round's, p99 the highest round's; each page's ratios compare it with the",
        "peer and the bare view of its own rounds.",
        *(
            [
                "",
                "A short run: rows of 2 s, and the grown guide has 300 treatments where `make",
                f"bench` has {GROWN:,}; the targets for {GROWN:,} treatments are read at 300.",
            ]
            if short
            else []
        ),
        "",
        "## Targets",
        "",
        "A page's ratio to the peer is its latency over the peer's (how many times a plain page's",
        "render it costs); a Varnish hit's ratio is the bare view's latency over the hit's (how",
        "many times faster). *by req/s*: the same comparison in requests per second.",
        "",
        *target_lines(results),
        "",
        "## All rows",
        "",
        "*varnish*: a Varnish cache hit, the app not involved. *app (anonymous)*: an anonymous",
        "visitor served by the app server (no Varnish), the page rendered for each request.",
        "*editor (uncached)*: a signed-in editor, whose session cookie Varnish passes: the page",
        "is rendered for each request, with the userbar. Queries: per render (the editor's; an",
        "anonymous render reads about as many).",
        "",
        "| guide | page | served by | req/s | p50 ms | p99 ms | × bare view | p50 × peer "
        "| p99 × peer | queries | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        page = {"bare view": "bare Django view (floor)", "peer": PEER}.get(r["mode"], r["page"])
        if r["mode"] in ("peer", "app (anonymous)"):
            to_peer = f"{r['p50'] / r['peer']['p50']:.2f} | {r['p99'] / r['peer']['p99']:.2f}"
        else:
            to_peer = "- | -"
        lines.append(
            f"| {r['guide']} | {page} | {SERVED_BY.get(r['mode'], r['mode'])} | {r['rps']:.0f} "
            f"| {r['p50']:.1f} | {r['p99']:.1f} | {r['ratio']:.2f} | {to_peer} "
            f"| {r['queries']} | {r['errors']} |"
        )
    lines += ["", f"Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]
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
        path = Path("/tmp") / f"sps-bench-{PORT}.sqlite3"  # noqa: S108 - a throwaway benchmark file
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
    peer = site.shell("exec(open('scripts/bench_fixture.py').read()); add_peer()").splitlines()[-1]

    results = []
    seed_count = site.shell(
        "from treatments.models import TreatmentPage; print(TreatmentPage.objects.live().count())"
    ).splitlines()[-1]
    measure(site, seconds, f"seed ({seed_count})", "seed", peer, results)
    log(f"growing the guide to {grown} treatments (benchmark fixture, not real content)")
    site.shell(f"exec(open('scripts/bench_fixture.py').read()); grow({grown})")
    measure(site, seconds, f"{grown} treatments", "grown", peer, results)

    report = Path("/tmp/sps-bench-short.md") if short else ROOT / "docs" / "PERFORMANCE.md"  # noqa: S108
    write_report(results, seconds, database, report, short)
    errors = sum(r["errors"] for r in results)
    if errors:
        log(f"{errors} error responses during the benchmark")
        sys.exit(1)
    log("done: the targets above are reported, not enforced (a missed target exits 0)")


if __name__ == "__main__":
    main()
