"""Checks the source links of live guide pages and keeps a record of the broken ones.

A link is fine when a HEAD request, or else a GET (some servers refuse HEAD), answers below
400 after following redirects. The record (`BrokenSourceLink`) sits beside the page, so a
check changes no reviewed text; the "Reviews due" report lists it.
"""

from dataclasses import dataclass, field

import requests
from django.db import transaction
from django.utils import timezone

from treatments.models import SOURCE_MODELS, BrokenSourceLink

TIMEOUT_SECONDS = 10
HEADERS = {"User-Agent": "SPS Treatment Guide source link check"}


def link_problem(url, timeout=TIMEOUT_SECONDS):
    """What is wrong with `url` ("HTTP 404", "could not connect"), or "" when it answers."""
    problem = ""
    for method in ("HEAD", "GET"):
        try:
            response = requests.request(
                method, url, timeout=timeout, allow_redirects=True, headers=HEADERS, stream=True
            )
        except requests.Timeout:
            problem = "no answer in time"
        except requests.ConnectionError:
            problem = "could not connect"
        except requests.RequestException as error:
            problem = type(error).__name__
        else:
            response.close()
            if response.status_code < 400:
                return ""
            problem = f"HTTP {response.status_code}"
    return problem


@dataclass
class LinkCheck:
    """What a run of the link check found: how many links, and the broken ones."""

    checked: int = 0
    broken: list = field(default_factory=list)

    def lines(self):
        yield f"Checked {self.checked} source links of live pages; {len(self.broken)} broken."
        for record in self.broken:
            yield f"  {record.page.title}: {record.url} ({record.problem})"


def live_source_links():
    """(page, URL) of every source with a URL on a live guide page, in tree order."""
    links = []
    for model in SOURCE_MODELS:
        sources = model.objects.filter(page__live=True).exclude(url="").select_related("page")
        links += [(source.page, source.url) for source in sources]
    return sorted(set(links), key=lambda link: (link[0].path, link[1]))


def check_source_links(timeout=TIMEOUT_SECONDS):
    """Checks every source link of the live pages, each address once, and replaces the
    records of broken links with what this run found."""
    links = live_source_links()
    problems = {url: link_problem(url, timeout) for url in dict.fromkeys(url for _, url in links)}
    now = timezone.now()
    broken = [
        BrokenSourceLink(page=page, url=url, problem=problems[url], checked_at=now)
        for page, url in links
        if problems[url]
    ]
    with transaction.atomic():
        BrokenSourceLink.objects.all().delete()
        BrokenSourceLink.objects.bulk_create(broken)
    return LinkCheck(checked=len(links), broken=broken)


def broken_source_links_of(pages):
    """The broken source links of `pages`, by page id, as the "Reviews due" report lists
    them: one query."""
    found = {}
    for record in BrokenSourceLink.objects.filter(page__in=[page.pk for page in pages]):
        found.setdefault(record.page_id, []).append(f"Broken source link: {record.url}")
    return found
