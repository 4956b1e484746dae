"""The identity `load_foundation_site` publishes first: starting words the foundation replaces
through the editorial review. Nothing here is a fact about the foundation that it has not
given (no charity number or address is made up); empty fields are not shown.

`SPANISH` holds a reviewed Spanish text when there is one; until then Spanish readers see the
English identity, marked as English.
"""

ENGLISH = {
    "name": "SPS Foundation",
    "contact_email": "contact@example.org",
    "charity_number": "",
    "postal_address": "",
    "funding_statement": "",
}

# The same keys as ENGLISH, in reviewed Spanish; None while there is no reviewed text.
SPANISH = None
