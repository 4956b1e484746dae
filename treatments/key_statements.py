"""The guide's key statements for the home page: each heading of the live guide's introduction
with the first sentence that follows it, quoted as the medical advisors approved them."""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

HEADINGS = ("h2", "h3", "h4")
# A sentence ends at ".", "!" or "?" followed by a space and a capital letter or an opening
# quotation mark; "e.g. the" and "3.5 mg" do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")


@dataclass(frozen=True)
class KeyStatement:
    """One heading of the guide's introduction and the opening sentence of its first paragraph."""

    heading: str
    sentence: str


def _text(element):
    return " ".join(element.get_text().split())


def first_sentence(text):
    """The text up to the end of its first sentence (all of it if it has one sentence)."""
    return SENTENCE_END.split(text, maxsplit=1)[0]


def key_statements(guide):
    """The statements of `guide.intro`, in its order: a heading without a paragraph after it
    (before the next heading) gives none."""
    soup = BeautifulSoup(guide.intro or "", "html.parser")
    statements = []
    for heading in soup.find_all(HEADINGS):
        for sibling in heading.find_next_siblings():
            if sibling.name in HEADINGS:
                break
            if sibling.name == "p" and _text(sibling):
                heading_text = _text(heading)
                if heading_text:
                    statements.append(KeyStatement(heading_text, first_sentence(_text(sibling))))
                break
    return statements
