"""What the list for the doctor shows beyond each ticked treatment's key facts: the cautions of
its "Important: read before use" section, read for all the treatments at once, and the
addresses that bring the list and its ticks back."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext
from wagtail.models import Page

from treatments.qr_code import qr_code_svg
from treatments.sections import CautionEntry, applies_to, quoted_caution


@dataclass
class ListAddresses:
    """Where the list can be found again: its own absolute address (printed, and drawn as a QR
    code), and the table's address with the same treatments ticked."""

    address: str
    table_url: str
    qr_code: str


def addresses_of_list(guide, chosen, request):
    """The addresses of the list of `chosen` treatments. They name only the listed treatments,
    in the list's order: not an unknown id the reader's address held, nor any other parameter
    (campaign tracking) it carried. Read from the routing the page already did: no query."""
    ticks = urlencode([("t", entry.page.pk) for entry in chosen])
    address = f"{guide.get_full_url(request)}{guide.reverse_subpage('for_your_doctor')}?{ticks}"
    table_url = f"{guide.get_url(request)}{guide.reverse_subpage('at_a_glance')}?{ticks}"
    return ListAddresses(
        address=address,
        table_url=table_url,
        qr_code=qr_code_svg(address, gettext("QR code of this list’s address")),
    )


def _quoted_from(page, sources, request):
    """The cautions a guide or category page says or quotes, each linked to where the guide
    says it (the page itself, or the live page chosen in `said_on`), as (entry, its scope)."""
    entries = []
    for raw in page.cautions.raw_data:
        if raw["type"] != "caution":
            continue
        value = raw["value"]
        said_on = value.get("said_on")
        quoted = quoted_caution(value, sources.get(said_on) if said_on else page, request)
        if quoted is not None:
            entries.append((quoted, value))
    return entries


def cautions_of_chosen(chosen, request=None):
    """(treatment, its cautions) for each `ChosenTreatment`, as its own page shows them: its
    own caution, then those of the guide and the categories above it that apply to it. One query,
    for the pages the cautions are quoted from, however many treatments are chosen.
    """
    ancestors = {page.pk: page for entry in chosen for page in entry.ancestors}
    said_on = {
        raw["value"].get("said_on")
        for page in ancestors.values()
        for raw in page.cautions.raw_data
        if raw["type"] == "caution"
    } - {None}
    # The ancestors are read with the pages they quote, so that the one query is made whether
    # or not any caution is quoted from elsewhere.
    sources = Page.objects.live().in_bulk(said_on | set(ancestors)) if ancestors else {}
    quoted = {pk: _quoted_from(page, sources, request) for pk, page in ancestors.items()}
    result = []
    for entry in chosen:
        own = [CautionEntry(text=entry.page.cautions)] if entry.page.cautions else []
        shared = [
            caution
            for page in entry.ancestors
            for caution, value in quoted[page.pk]
            if applies_to(value, entry.page)
        ]
        result.append((entry, own + shared))
    return result


@dataclass
class SharedCautions:
    """Cautions said on one page of the guide that apply to the same listed treatments."""

    source_title: str
    source_url: str
    titles: list
    applies_to_all: bool
    cautions: list = field(default_factory=list)


def shared_cautions(items):
    """The cautions the listed treatments share with their guide or categories, each once,
    grouped by the page that says them and the treatments they apply to, in the order first
    met; a treatment's own caution stays with the treatment. Said once, five treatments' list
    stays short enough to print on two sheets."""
    applies_to = {}
    for entry, cautions in items:
        for caution in cautions:
            if caution.url:
                applies_to.setdefault(caution.url, (caution, []))[1].append(entry.page.title)
    groups = {}
    for caution, titles in applies_to.values():
        # The link goes to where the guide says the first of the group.
        group = groups.setdefault(
            (caution.url.split("#")[0], tuple(titles)),
            SharedCautions(caution.source_title, caution.url, titles, len(titles) == len(items)),
        )
        group.cautions.append(caution)
    return list(groups.values())
