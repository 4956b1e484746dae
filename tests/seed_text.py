"""An independent reading of the seed text, so tests do not copy the loader's lists."""

import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "treatments" / "content" / "treatments-for-sps.txt"
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "treatments-for-sps.txt"

# "Name (Brand, Brand)" at the start of a line or after ", ".
NAME_WITH_PARENS = re.compile(r"(?:^|, )([\w -]+?) \(([^)]+)\)")


def paragraphs():
    text = SEED.read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def sentences(text):
    """A paragraph's sentences: a full stop, question or exclamation mark, then a space."""
    return re.split(r"(?<=[.?!]) ", text)


def _section(start, end):
    found = paragraphs()
    first = next(i for i, p in enumerate(found) if p.startswith(start))
    last = next(i for i, p in enumerate(found) if i > first and p.startswith(end))
    return found[first + 1 : last]


def treatment_lines():
    """Lines that introduce a treatment: bullets, the anti-seizure list, first-line paragraphs."""
    lines = [p for p in paragraphs() if p.startswith("•")]
    lines += [p for p in _section("Anti-seizure", "*Other types") if NAME_WITH_PARENS.fullmatch(p)]
    lines += [
        p
        for p in _section("“First Line”", "“Second Line”")
        if NAME_WITH_PARENS.match(p) and not p.startswith("SPSRF")
    ]
    lines += [p for p in paragraphs() if p.startswith("Autologous stem cell")]
    return lines


def treatment_names_and_brands():
    """(names, brands) named by the seed's treatment lines."""
    names, brands = set(), set()
    for line in treatment_lines():
        is_bullet = line.startswith("•")
        line = line.lstrip("• ")
        if line.startswith("Autologous stem cell"):
            names.add(" ".join(line.split()[:4]))
            continue
        # A bullet names its drugs before the dash; a paragraph names one at its start.
        head = line.split(" – ")[0] if " – " in line else line
        head = head.split(" including ")[-1]  # "Benzodiazepine group including diazepam (…)"
        pairs = NAME_WITH_PARENS.findall(head)
        if not is_bullet:  # a paragraph's later parentheses are not names
            pairs = pairs[:1]
        if not pairs:  # "Rituximab – …", "Botox injections – …"
            names.add(head)
        for name, inside in pairs:
            names.add(name)
            for brand in inside.split(","):
                brands.add(brand.strip())
    return names, brands


def disclaimer():
    line = next(p for p in paragraphs() if p.startswith("Disclaimer:"))
    return line.removeprefix("Disclaimer:").strip()


def contributors():
    line = next(p for p in paragraphs() if p.startswith("Contributors to this document"))
    people = line.split(":", 1)[1].split(";")
    return [person.split(",")[0].strip() for person in people]
