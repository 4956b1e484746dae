"""Signal receivers of the editorial review: a new home page (the loader's, or a translation)
is put under the review, and a revision saved while a review is open restarts it."""

from django.db.models.signals import post_save
from wagtail.models import Revision

from editorial_review.models import EditorialReviewTask
from editorial_review.setup import assign_editorial_review, grant_foundation_pages
from medical_review.four_eyes import restart_open_reviews


def review_new_home_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_editorial_review([instance.pk])
        grant_foundation_pages([instance.pk])


def restart_review_of_changed_page(sender, instance, created, raw=False, **kwargs):
    if raw or kwargs.get("update_fields") is not None:
        return  # e.g. Wagtail storing approved_go_live_at: the content did not change
    restart_open_reviews(EditorialReviewTask, instance, created)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    from treatments.models import HomePage

    post_save.connect(
        review_new_home_page, sender=HomePage, dispatch_uid="editorial_review_new_home_page"
    )
    post_save.connect(
        restart_review_of_changed_page,
        sender=Revision,
        dispatch_uid="editorial_review_restart_on_change",
    )
