"""The guide's own treatment names, read once per request: near-miss spelling, group words and
the names suggested as a reader types.

The guide's short strings (titles, generic names, other names, brand names, drug classes)
are compared in Python with `difflib`, so a misspelling is judged the same way on SQLite and
PostgreSQL.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from treatments.models import TreatmentPage

# "valum"/"valium" scores 0.91, "baclophen"/"baclofen" 0.82; two different names of the guide
# score 0.67 at most ("diazepam"/"clonazepam"), so a correction never lands between them.
SPELLING_CUTOFF = 0.75
# Words shorter than this are too short to correct with any confidence.
MIN_CORRECTED_LENGTH = 4
MAX_SUGGESTIONS = 8

WORD = re.compile(r"\w(?:[\w'’-]*\w)?")


def words(text):
    """The casefolded words of `text`."""
    return WORD.findall(text.casefold())


def word_forms(word):
    """`word` with its plural or singular: "steroid" ↔ "steroids", "boxes" → "box"."""
    forms = [word]
    if word.endswith("es") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    else:
        forms.append(word + "s")
    return forms


@dataclass
class GuideTreatment:
    """One live, public treatment page's names, as values."""

    page_id: int
    title: str
    generic_name: str = ""
    other_names: list = field(default_factory=list)
    group: str = ""

    @property
    def name(self):
        """What a reader calls it: the generic name, else the title."""
        return self.generic_name or self.title

    @property
    def all_names(self):
        return [self.title, self.generic_name, *self.other_names]

    @property
    def also(self):
        """Its other names, for a suggestion: "Klonopin"."""
        shown = {self.title.casefold()}
        also = []
        for name in [self.generic_name, *self.other_names]:
            if (
                name
                and name.casefold() not in shown
                and name.casefold() not in self.title.casefold()
            ):
                shown.add(name.casefold())
                also.append(name)
        return ", ".join(also)


def guide_treatments(searchable):
    """The names of every treatment page among `searchable` pages, in guide order, in one
    query.
    """
    rows = (
        TreatmentPage.objects.filter(pk__in=searchable.values("pk"))
        .order_by("path", "brand_names__sort_order")
        .values_list(
            "pk", "title", "generic_name", "also_known_as", "drug_class", "brand_names__name"
        )
    )
    treatments = {}
    for pk, title, generic, also_known_as, group, brand in rows:
        if pk not in treatments:
            others = [name.strip() for name in also_known_as.split(",") if name.strip()]
            treatments[pk] = GuideTreatment(pk, title, generic, others, group)
        if brand:
            treatments[pk].other_names.append(brand)
    return list(treatments.values())


def in_group(query, treatments):
    """Ids of the treatments whose group (drug class) is a word of the query, in any form:
    "benzodiazepine" finds diazepam and clonazepam.
    """
    asked = {form for word in words(query) for form in word_forms(word)}
    return [
        treatment.page_id
        for treatment in treatments
        if treatment.group
        and asked & {form for word in words(treatment.group) for form in word_forms(word)}
    ]


def closest_treatment(query, treatments, as_prefix=False):
    """The treatment whose name is nearest to a misspelt query (“klonipin”), or None.

    With `as_prefix`, the query is the start of a name (“diazap”) and is compared with the
    start of each name.
    """
    asked = [
        word for word in [query.casefold(), *words(query)] if len(word) >= MIN_CORRECTED_LENGTH
    ]
    best, best_score = None, SPELLING_CUTOFF
    for treatment in treatments:
        candidates = set()
        for name in treatment.all_names:
            candidates.add(name.casefold())
            candidates.update(word for word in words(name) if len(word) >= MIN_CORRECTED_LENGTH)
        for candidate in candidates:
            for word in asked:
                compared = candidate[: len(word)] if as_prefix else candidate
                matcher = SequenceMatcher(None, word, compared)
                # The quick upper bounds skip most candidates before the full comparison.
                if (
                    matcher.real_quick_ratio() > best_score
                    and matcher.quick_ratio() > best_score
                    and matcher.ratio() > best_score
                ):
                    best, best_score = treatment, matcher.ratio()
    return best


def suggested_treatments(prefix, treatments):
    """Up to eight treatments for what a reader has typed so far, best first.

    A name that starts with it comes first, then a name with a word that starts with it,
    then (for a misspelt start) the nearest name.
    """
    typed = prefix.casefold().strip()
    if not typed:
        return []
    starts, word_starts = [], []
    for treatment in treatments:
        names = [name.casefold() for name in treatment.all_names if name]
        if any(name.startswith(typed) for name in names):
            starts.append(treatment)
        elif any(word.startswith(typed) for name in names for word in words(name)):
            word_starts.append(treatment)
    found = starts + word_starts
    if not found and len(typed) >= MIN_CORRECTED_LENGTH:
        nearest = closest_treatment(typed, treatments, as_prefix=True)
        found = [nearest] if nearest else []
    return found[:MAX_SUGGESTIONS]
