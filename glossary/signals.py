"""The glossary's receivers.

A term going live or coming down changes the glossary and every guide page that links it: the
frontend cache (Varnish, a CDN) is purged for the whole guide after the change commits.
Loading the guide from the seed loads the glossary with it.
"""

from glossary.loading import load_glossary
from glossary.models import GlossaryPage, GlossaryTerm
from http_cache.purge import purge_on_snippet_change
from treatments.loading import guide_loaded


def guide_of(term):
    """The guide of the term's language: it, the pages that list it and every page below it
    may use the term."""
    glossary = GlossaryPage.objects.filter(locale_id=term.locale_id).first()
    return [glossary.get_parent()] if glossary is not None else []


def load_with_the_guide(sender, **kwargs):
    return load_glossary()


def connect():
    """Connects the receivers; called once the app registry is ready."""
    purge_on_snippet_change(GlossaryTerm, guide_of)
    guide_loaded.connect(load_with_the_guide, dispatch_uid="glossary.load_with_the_guide")
