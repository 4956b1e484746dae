"""A term going live or coming down changes the glossary and every guide page that links it:
the page cache is retired for any saved snippet (page_cache.purge), and here the frontend cache
(Varnish, a CDN) is purged for the whole guide after the change commits.
"""

from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from glossary.models import GlossaryPage, GlossaryTerm
from page_cache.purge import retire


def purge_guide_of_term(sender, instance, **kwargs):
    """Purges the guide, the pages that list it and every page below it: any may use the term."""
    glossary = GlossaryPage.objects.filter(locale_id=instance.locale_id).first()
    guide = glossary.get_parent() if glossary is not None else None
    retire(f"glossary term {instance.pk} changed", page=guide)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for signal, name in ((published, "published"), (unpublished, "unpublished")):
        signal.connect(
            purge_guide_of_term, sender=GlossaryTerm, dispatch_uid=f"glossary_purge_{name}"
        )
    post_delete.connect(purge_guide_of_term, sender=GlossaryTerm, dispatch_uid="glossary_purge_del")
