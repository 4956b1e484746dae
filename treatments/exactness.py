"""The one rule for what the guide may say: a case-exact quotation of the seed, or an interface
string from the named lists below.

A quotation is the seed's words as written, letter case included, starting and ending at word
boundaries (no part of a word). Whitespace is compared as single spaces. The loader holds its
transcription to this rule; the public pages' test holds every text of a page's <main> to it.

In another language the interface strings are that language's catalogue (locale/), each
translation's text between its HTML tags, its placeholders read as the slots below.
"""

import functools
import re
from pathlib import Path

import polib
from django.conf import settings

# A name the seed writes in lower case inside a list ("Benzodiazepine group including diazepam
# (Valium), clonazepam (Klonopin)") that a title starts with a capital: the only change of
# letter case the guide makes, and only for these words.
CAPITALISED_NAMES = {"Diazepam": "diazepam", "Clonazepam": "clonazepam"}

# Words the loader writes that are not the seed's: the site's name, the home page's title, and
# the publisher of the seed it lists as each page's source.
LOADER_WORDS = ("SPS Treatment Guide", "SPS Research Foundation")

# The page furniture a reader sees around the seed's words, as full-match patterns: `{quote}`
# stands for a seed quotation (or a capitalised name), `{names}` for such names joined by ", ",
# `{n}` for a number, `{date}` for a day,
# `{url}` for an address. Everything else in a page's <main> must be a quotation.
INTERFACE = (
    *LOADER_WORDS,
    "Home",
    "Key facts",
    "Generic name",
    "Brand names",
    "Also known as",
    "Drug class",
    "Category",
    "Line of therapy",
    "How it is given",
    "What it targets",
    "Regimen",
    "About this treatment",
    "Important: read before use",
    "From",
    "In this category",
    "More in this category",
    "More in this category: {quote}",
    "All treatments by category",
    "Who wrote this guide",
    "Contributors to this guide include:",
    "{quote} and {quote}",
    "This page has not yet been medically reviewed.",
    "Not yet medically reviewed.",
    "Medical review",
    "Medical review:",
    "Not yet reviewed",
    "Video: {quote}",
    "This video is not available online yet.",
    "{quote}: the key points",
    "Quoted from the guide’s introduction, which has not yet been medically reviewed.",
    "Read the guide: {quote}",
    "Find a treatment",
    "Search the guide",
    "Search",
    "Treatments by category",
    "Compare every treatment at a glance",
    "At a glance",
    "Treatments at a glance",
    "Every treatment in the guide in one table. Choose a category, a line of therapy or a way "
    "of giving the treatment to narrow the list; select a column heading to sort by it.",
    "Filter treatments",
    "All categories",
    "Any line of therapy",
    "Any way",
    "Show treatments",
    "Showing {n} of {n} treatments.",
    "A list for your doctor:",
    "tick the treatments you want to talk about, then choose “Make a list for your doctor” "
    "below the table: you get one page with their key facts, cautions and review dates, ready "
    "to print. Filter and sort first: a new filter or sort clears the ticks.",
    "Treatments at a glance, sorted by {word} ({word})",
    "For your doctor",
    "Treatment",
    ", sort ascending",
    ", sort descending",
    "▲",
    "▼",
    "—",
    "Add {quote} to the list for your doctor",
    "Brand names:",
    "Category:",
    "Line of therapy:",
    "How it is given:",
    "Make a list for your doctor",
    "Treatments to discuss with your doctor",
    "From {quote} at",
    ". List made on",
    "{date}",
    ".",
    "To print this list, use your browser's Print command (Ctrl+P, or ⌘P on a Mac).",
    "Back to the table to choose other treatments",
    "The address of this list:",
    "Print this list",
    "QR code of this list’s address",
    "What the guide says of these treatments as a group, each said once:",
    "; applies to every treatment on this list.",
    "; applies to {names}.",
    "Read more:",
    "{url}",
    "How it is given or taken",
    "Side effects",
    "Who should not have it and cautions with other medicines",
    "Pregnancy and breastfeeding",
    "Stopping or missing a dose",
    "Common questions",
    "Sources",
    "Published {date}",
    "Checked {date}",
    # The way to e-mail updates under every guide page (subscriptions app).
    "Get e-mail updates when this page is reviewed again",
    # The readers' feedback form at the foot of every guide page (feedback app).
    "Tell us about this page",
    "Leave this field empty",
    "Was this page helpful?",
    "Yes",
    "No",
    "What could make it more helpful? (optional)",
    "Send feedback",
    "Report a mistake",
    "What is wrong on this page?",
    "Report the mistake",
    "A medical advisor checks every reported mistake.",
    "We ask for no name or e-mail address, so please do not write any personal details. We keep "
    "the page, your answer, your comment and the date, for 12 months. Your internet address is "
    "not stored: only a salted hash of it, for one hour, to stop floods of messages.",
)

_SLOTS = {
    "{quote}": r"(?P<quote{i}>.+?)",
    "{names}": r"(?P<names{i}>.+?)",
    "{n}": r"\d+",
    "{word}": r"[\w ]+",
    "{date}": r"\d{1,2} (?:de )?\w+ (?:de )?\d{4}",
    "{any}": r".+?",
    "{url}": r"https?://\S+",
}


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def _pattern(template):
    parts = re.split(r"(\{\w+\})", template)
    regex, count = "", 0
    for part in parts:
        if part in _SLOTS:
            regex += _SLOTS[part].replace("{i}", str(count))
            count += 1
        else:
            regex += re.escape(part)
    return re.compile(regex)


_INTERFACE_PATTERNS = [_pattern(template) for template in INTERFACE]

# What each placeholder of a catalogue's translations stands for: a date, a number, an
# address, a quotation (titles, the guide's name) or names joined by ", "; any other (a
# reviewer's name, the reader's query, a sort order) for any text.
_PLACEHOLDER_SLOTS = {
    **dict.fromkeys(("reviewed_on", "date", "moved_on", "made", "due_on"), "{date}"),
    **dict.fromkeys(("counter", "shown", "total", "number", "limit"), "{n}"),
    **dict.fromkeys(("address",), "{url}"),
    **dict.fromkeys(("title", "guide", "parent_title", "corrected"), "{quote}"),
    "treatments": "{names}",
}


def _catalogue_templates(language):
    """The interface strings of `language`: each translation's texts between HTML tags, with
    its placeholders as slots; a text with no words of its own is left out."""
    templates = []
    for root in settings.LOCALE_PATHS:
        path = Path(root) / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                for fragment in re.split(r"<[^>]*>", text):
                    template = re.sub(
                        r"%\((\w+)\)[sd]",
                        lambda m: _PLACEHOLDER_SLOTS.get(m[1], "{any}"),
                        normalise(fragment),
                    )
                    if re.search(r"\w", re.sub(r"\{\w+\}", "", template)):
                        # A label is followed by a colon where the template says so.
                        templates.extend([template, template + ":"])
    return templates


@functools.cache
def interface_patterns(language):
    """The interface strings of `language` as patterns: English's named above; another's from
    its catalogue, with the signs and slots of the English list that have no words."""
    if language == settings.LANGUAGE_CODE:
        return _INTERFACE_PATTERNS
    wordless = [t for t in INTERFACE if not re.search(r"[A-Za-z]", re.sub(r"\{\w+\}", "", t))]
    return [_pattern(template) for template in [*_catalogue_templates(language), *wordless]]


class SeedText:
    """The seed as one normalised string, asked whether it says a text, case for case."""

    def __init__(self, text):
        self.text = normalise(text)

    def says(self, quotation):
        """Whether `quotation` occurs in the seed as written, at word boundaries."""
        quotation = normalise(quotation)
        if not quotation:
            return False
        before = r"(?<!\w)" if quotation[0].isalnum() else ""
        after = r"(?!\w)" if quotation[-1].isalnum() else ""
        return re.search(before + re.escape(quotation) + after, self.text) is not None

    def names(self, text):
        """Whether `text` is a quotation, or a quotation starting with a capitalised name."""
        if self.says(text):
            return True
        for name, as_written in CAPITALISED_NAMES.items():
            if text == name or text.startswith(name + " "):
                return self.says(as_written + text[len(name) :])
        return False

    def heads_an_entry(self, term):
        """Whether `term` is a quotation, its first letter capitalised as the head of a
        glossary entry ("Lymphocytes" for the seed's "lymphocytes")."""
        return self.says(term) or self.says(term[:1].lower() + term[1:])

    def is_interface(self, text, also=(), language=None):
        """Whether `text` is one of the interface strings (of `language`, English by default),
        its quotation slots filled with seed quotations (or one of `also`, texts approved
        otherwise)."""
        text = normalise(text)
        for pattern in interface_patterns(language or settings.LANGUAGE_CODE):
            match = pattern.fullmatch(text)
            if not match:
                continue
            quoted = [
                value if key.startswith("quote") else name
                for key, value in match.groupdict().items()
                for name in (value.split(", ") if key.startswith("names") else [value])
            ]
            if all(self.names(value) or value in also for value in quoted):
                return True
        return False
