"""A person going live or coming down changes the credits of every guide page: the page cache is
retired for any saved snippet (page_cache.purge), and here the frontend cache (Varnish, a CDN)
is purged, after the change commits, for each guide that credits the person in any language
(the guide and every page below it show the credits).
"""

from django.db.models.signals import pre_delete
from wagtail.signals import published, unpublished

from page_cache.purge import retire
from treatments.models import GuidePerson, Person, TreatmentGuidePage


def guides_crediting(person):
    """The guides (every language) that credit `person` or one of its translations."""
    credited = GuidePerson.objects.filter(person__translation_key=person.translation_key)
    return TreatmentGuidePage.objects.filter(pk__in=credited.values("page_id")).order_by("path")


def purge_guides_of_person(sender, instance, **kwargs):
    """Retires the page cache and purges each guide crediting the person, with its pages."""
    guides = list(guides_crediting(instance))
    if not guides:
        retire(f"person {instance.pk} changed")
    for guide in guides:
        retire(f"person {instance.pk} changed", page=guide)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for signal, name in ((published, "published"), (unpublished, "unpublished")):
        signal.connect(purge_guides_of_person, sender=Person, dispatch_uid=f"person_purge_{name}")
    # Before the delete: deleting a person deletes its credits with it.
    pre_delete.connect(purge_guides_of_person, sender=Person, dispatch_uid="person_purge_delete")
