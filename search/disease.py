"""The disease's own name in a search. The guide calls Stiff Person Syndrome "SPS"
throughout and never writes its full name, so a search for the name reads as one for "SPS";
either leads to the guide first."""

import re

from search.names import words

ABBREVIATION = "SPS"
# "stiff person syndrome", "Stiff-Person Syndrome", in any letter case.
FULL_NAME = re.compile(r"\bstiff[\s-]*person[\s-]*syndrome\b", re.IGNORECASE)


def in_the_guides_words(query):
    """`query` with the disease's full name written as the guide writes it."""
    return FULL_NAME.sub(ABBREVIATION, query)


def names_the_disease(query):
    """Whether `query` (in the guide's words) is the disease's name and nothing more."""
    return words(query) == [ABBREVIATION.casefold()]
