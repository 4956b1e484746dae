"""Unpublishing a category of the guide unpublishes everything under it, however it is
unpublished (the admin, a bulk action, the shell), so the guide, the table, search, the
sitemap, the API and the pages' own URLs all agree that it is gone."""

from django.dispatch import receiver
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageLogEntry
from wagtail.signals import page_unpublished

from treatments.models import TherapyCategoryPage


@receiver(page_unpublished, sender=TherapyCategoryPage, dispatch_uid="unpublish_category_below")
def unpublish_what_is_below(sender, instance, **kwargs):
    """The pages below are unpublished in the name of whoever unpublished the category."""
    entry = (
        PageLogEntry.objects.filter(page=instance, action="wagtail.unpublish")
        .order_by("-timestamp", "-pk")
        .first()
    )
    user = entry.user if entry else None
    for page in instance.get_descendants().live().specific().order_by("path"):
        page.refresh_from_db(fields=["live"])
        if page.live:
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
