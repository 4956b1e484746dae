"""A route or a person going live or coming down changes the guide pages that show it: the page
cache is retired for any saved snippet (page_cache.purge), and here the frontend cache (Varnish,
a CDN) is purged, after the change commits, for each guide that shows it with every page below.
"""

from django.conf import settings
from django.db.models.signals import pre_delete
from wagtail.signals import published, unpublished

from page_cache.purge import retire
from treatments.models import AdministrationRoute, GuidePerson, Person, TreatmentGuidePage


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


GUIDES_SHOWING = {AdministrationRoute: guides_naming, Person: guides_crediting}


def purge_guides_showing(sender, instance, **kwargs):
    """Retires the page cache and purges each guide that shows the snippet."""
    reason = f"{sender._meta.verbose_name} {instance.pk} changed"
    for guide in list(GUIDES_SHOWING[sender](instance)) or [None]:  # no guide: the page cache
        retire(reason, page=guide)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for model in GUIDES_SHOWING:
        name = model._meta.model_name
        published.connect(purge_guides_showing, sender=model, dispatch_uid=f"{name}_purge_pub")
        unpublished.connect(purge_guides_showing, sender=model, dispatch_uid=f"{name}_purge_unpub")
        # Before the delete: deleting a person deletes its credits with it.
        pre_delete.connect(purge_guides_showing, sender=model, dispatch_uid=f"{name}_purge_del")
