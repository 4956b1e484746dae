"""Runs Lighthouse on the home page, the guide, a treatment page, search, the at-a-glance table,
a list for the doctor and the glossary of a running site, and on one live page of each of the
foundation's page types (a content page, the news and events lists, an article, an event,
contact, how the guide is made, privacy), and prints the four category scores of each.

    python scripts/lighthouse_audit.py http://127.0.0.1:8000

The foundation's pages are found through the site's own API (/api/v2/pages/), so the audit
reads whatever is live; a type with no live page is named and skipped.

Needs `npm ci` (Lighthouse pinned in package.json) and Chromium at $CHROME_PATH.
"""

import argparse
import json
import os
import re
import subprocess  # noqa: S404 - runs the pinned local Lighthouse only
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
GLANCE = "/treatments/at-a-glance/"
# The list for the doctor is added with ids read from the table (see doctor_list_path).
DOCTOR_LIST = "/treatments/for-your-doctor/"
PAGES = {
    "home": "/",
    "guide": "/treatments/",
    "treatment": "/treatments/symptomatic-relief/muscle-relaxants/baclofen/",
    "search": "/search/",
    "results": "/search/?q=valium",
    "glance": GLANCE,
    "glossary": "/treatments/glossary/",
}
# One live page of each of the foundation's page types: {name: API type}.
FOUNDATION_PAGE_TYPES = {
    "content": "content_pages.ContentPage",
    "news": "news.NewsIndexPage",
    "article": "news.NewsArticlePage",
    "events": "events.EventIndexPage",
    "event": "events.EventPage",
    "contact": "policy_pages.ContactPage",
    "how made": "policy_pages.HowThisGuideIsMadePage",
    "privacy": "policy_pages.PrivacyPage",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def audit(url, attempts=2):
    """The four scores of one page, and the audits below full marks."""
    # A busy machine sometimes fails a Chromium launch: one more try, then Lighthouse's message.
    for attempt in range(1, attempts + 1):
        try:
            return run_lighthouse(url)
        except subprocess.CalledProcessError as error:
            if attempt == attempts:
                sys.stderr.write(error.stderr)
                raise


def run_lighthouse(url):
    completed = subprocess.run(  # noqa: S603 - fixed arguments, our own URL
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--chrome-flags=--headless --no-sandbox",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    report = json.loads(completed.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return scores, failing


def doctor_list_path(base_url, how_many=5):
    """A list for the doctor of the first treatments of the table (their ids are the site's)."""
    with urllib.request.urlopen(base_url + GLANCE, timeout=30) as response:  # noqa: S310 - our URL
        table = response.read().decode()
    ids = re.findall(r'name="t" value="(\d+)"', table)[:how_many]
    return DOCTOR_LIST + "?" + "&".join(f"t={pk}" for pk in ids)


def read_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our URL
        return json.loads(response.read().decode())


def foundation_page_paths(base_url, fetch_json=read_json):
    """({name: path} of the first live page of each of `FOUNDATION_PAGE_TYPES`, [names of the
    types with no live page]), read from the site's API. `fetch_json` reads one address."""
    found, missing = {}, []
    for name, page_type in FOUNDATION_PAGE_TYPES.items():
        query = urlencode({"type": page_type, "limit": 1, "fields": "_,html_url"})
        items = fetch_json(f"{base_url}/api/v2/pages/?{query}")["items"]
        if items:
            # The page's address on the audited site, whatever host its Site names.
            found[name] = urlsplit(items[0]["meta"]["html_url"]).path
        else:
            missing.append(name)
    return found, missing


def main(base_url):
    base_url = base_url.rstrip("/")
    foundation_pages, missing = foundation_page_paths(base_url)
    pages = {**PAGES, "doctor": doctor_list_path(base_url), **foundation_pages}
    print(f"Lighthouse against {base_url}")
    if missing:
        print(f"No live page to audit: {', '.join(missing)}")
    print(f"{'page':<10} " + " ".join(f"{name:>15}" for name in CATEGORIES))
    for name, path in pages.items():
        scores, failing = audit(base_url + path)
        print(f"{name:<10} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES))
        if failing:
            print(f"{'':<10} below full marks: {', '.join(sorted(failing))}")


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(
        description="Lighthouse's four scores for the guide's pages and one live page of each "
        "of the foundation's page types, on a running site."
    )
    parser.add_argument(
        "base_url",
        nargs="?",
        default="http://127.0.0.1:8000",
        help="the running site (default: %(default)s)",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_arguments().base_url)
