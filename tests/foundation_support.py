"""Helpers of the foundation's identity tests: the identity as the command makes it, and what a
reader sees of it in the header and footer."""

import json

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.test.utils.form_data import rich_text

from foundation.models import FoundationIdentity
from tests.review_support import publish_unreviewed

# The identity editor's fields, as `edit_snippet` posts them (StreamFields posted empty).
FIELDS = ("name", "logo_alt_text", "charity_number", "postal_address", "contact_email")


def load_site():
    """The site's structure as `make run` builds it (no demonstration content in tests)."""
    call_command("load_foundation_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return FoundationIdentity.objects.get(locale__language_code="en")


def set_identity(identity, **fields):
    """The live identity says `fields`, as an earlier reviewed change left it."""
    for name, value in fields.items():
        setattr(identity, name, value)
    publish_unreviewed(identity)
    return FoundationIdentity.objects.get(pk=identity.pk)


def stream_form(prefix, items):
    """A StreamField as the editor posts it: `items` are (block type, {field: value})."""
    data = {f"{prefix}-count": str(len(items))}
    for index, (kind, value) in enumerate(items):
        data[f"{prefix}-{index}-type"] = kind
        data[f"{prefix}-{index}-deleted"] = ""
        data[f"{prefix}-{index}-order"] = str(index)
        for name, field_value in value.items():
            data[f"{prefix}-{index}-value-{name}"] = field_value
    return data


def empty_streams():
    return {
        **stream_form("social_links", []),
        **stream_form("main_menu", []),
        **stream_form("footer_links", []),
        "funding_statement": rich_text("", features=["bold", "italic", "link"]),
        "logo": "",
    }


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def header_text(response):
    return " ".join(soup_of(response).find("header").get_text(" ").split())


def footer_links(response):
    """(text, href, lang) of each link of the footer's navigation."""
    nav = soup_of(response).find("footer").find("nav")
    if nav is None:
        return []
    return [(" ".join(a.get_text().split()), a["href"], a.get("lang")) for a in nav.find_all("a")]


def footer_identity(response):
    section = soup_of(response).find("footer").find(class_="foundation")
    return None if section is None else " ".join(section.get_text(" ").split())


def organization_of(response):
    for script in soup_of(response).find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data.get("@type") == "Organization":
            return data
    return None
