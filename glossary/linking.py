"""Links the first use of each glossary term in a page's HTML to its glossary entry.

Only text is changed: never inside a link, a heading, a form control or an element that is
itself a definition or an abbreviation; case-insensitive, whole words only, each term once.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# Elements whose text is never linked: links cannot nest, headings name their section, and
# the rest are controls, code or markup that already explains itself.
SKIPPED = {
    "a",
    "abbr",
    "button",
    "dfn",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "option",
    "script",
    "select",
    "style",
    "summary",
    "textarea",
    "title",
}


@dataclass(frozen=True)
class TermLink:
    """One term as the links name it: its forms, the entry's address, its expansion."""

    forms: tuple
    href: str
    expansion: str = ""

    def render(self, text):
        """The link around `text` (already escaped), an `<abbr>` inside for an abbreviation."""
        inner = f'<abbr title="{escape(self.expansion)}">{text}</abbr>' if self.expansion else text
        return f'<a class="glossary-term" href="{escape(self.href)}">{inner}</a>'


def _spaced(form):
    """A pattern of `form` whose spaces match any run of white space (a wrapped line)."""
    return r"\s+".join(re.escape(word) for word in form.split())


class _Linker(HTMLParser):
    def __init__(self, terms):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.skipping = 0
        self.open_skipped = []
        self.by_form = {}
        for term in terms:
            for form in term.forms:
                self.by_form.setdefault(" ".join(form.split()).casefold(), term)
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w-])(" + "|".join(_spaced(form) for form in forms) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if forms
            else None
        )
        self.linked = set()

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIPPED:
            self.skipping += 1
            self.open_skipped.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.open_skipped:
            # Close the innermost open element of that name (HTML closes what it must).
            index = len(self.open_skipped) - 1 - self.open_skipped[::-1].index(tag)
            closed = len(self.open_skipped) - index
            del self.open_skipped[index:]
            self.skipping -= closed

    def handle_data(self, data):
        if self.skipping or self.pattern is None:
            self.out.append(data)
            return
        self.out.append(self.pattern.sub(self._link, data))

    def _link(self, match):
        term = self.by_form[" ".join(match.group(0).split()).casefold()]
        if term in self.linked:
            return match.group(0)
        self.linked.add(term)
        return term.render(match.group(0))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def link_terms(html, terms):
    """`html` with the first use of each of `terms` (TermLink) linked to its entry."""
    if not terms or not html:
        return html
    linker = _Linker(terms)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)
