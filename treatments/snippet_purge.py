"""A route or a person going live or coming down changes the guide pages that show it: the
frontend cache (Varnish, a CDN) is purged, after the change commits, for each guide that shows
it with every page below. The disclaimer is at the foot of every page: every live page is purged.
"""

from django.conf import settings
from wagtail.models import Page

from http_cache.purge import purge_on_snippet_change
from treatments.models import (
    AdministrationRoute,
    Disclaimer,
    GuidePerson,
    Person,
    TreatmentGuidePage,
)


def guides_naming(route):
    """All guides for an English route (the other editions fall back to its name), the guide of
    its own language for a translation."""
    guides = TreatmentGuidePage.objects.order_by("path")
    if route.locale.language_code != settings.LANGUAGE_CODE:
        guides = guides.filter(locale_id=route.locale_id)
    return guides


def guides_crediting(person):
    """The guides (every language) that credit `person` or one of its translations."""
    credited = GuidePerson.objects.filter(person__translation_key=person.translation_key)
    return TreatmentGuidePage.objects.filter(pk__in=credited.values("page_id")).order_by("path")


def every_home_page(disclaimer):
    """The sites' home pages in every language: purged with every page below them."""
    return Page.objects.live().filter(depth=2).order_by("path")


def connect():
    """Connects the receivers; called once the app registry is ready."""
    purge_on_snippet_change(AdministrationRoute, guides_naming)
    purge_on_snippet_change(Person, guides_crediting)
    purge_on_snippet_change(Disclaimer, every_home_page)
