"""A route going live or coming down changes every treatment page and table that names it:
the page cache is retired for any saved snippet (page_cache.purge), and here the frontend
cache (Varnish, a CDN) is purged after the change commits, for every guide that shows the
route: all of them for an English route (the other editions fall back to its name), the
guide of its own language for a translation.
"""

from django.conf import settings
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from page_cache.purge import retire
from treatments.models import AdministrationRoute, TreatmentGuidePage


def purge_guides_of_route(sender, instance, **kwargs):
    """Purges each guide that shows the route, the pages that list it and every page below."""
    guides = TreatmentGuidePage.objects.order_by("path")
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        guides = guides.filter(locale_id=instance.locale_id)
    for guide in list(guides) or [None]:  # no guide yet: the page cache all the same
        retire(f"administration route {instance.pk} changed", page=guide)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for signal, name in ((published, "published"), (unpublished, "unpublished")):
        signal.connect(
            purge_guides_of_route, sender=AdministrationRoute, dispatch_uid=f"route_purge_{name}"
        )
    post_delete.connect(
        purge_guides_of_route, sender=AdministrationRoute, dispatch_uid="route_purge_deleted"
    )
