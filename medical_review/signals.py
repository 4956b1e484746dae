"""Signal receivers of the medical review: setup of a new review root, a review restarted
when its page changes, review dates set when a reviewed revision goes live, the "submitted"
e-mail to the advisors of the page's language.
"""

from django.db.models.signals import post_save
from wagtail.models import Revision, TaskState
from wagtail.signals import page_published, task_submitted

from medical_review.emails import ReviewLanguageSubmissionEmailNotifier
from medical_review.four_eyes import restart_open_reviews
from medical_review.models import (
    MedicalReviewTask,
    ReviewedPageMixin,
    apply_live_review,
    reviewed_page_models,
)
from medical_review.setup import ensure_guide_review_setup

# Wagtail's own receiver of `task_submitted` (wagtail.admin.signal_handlers), replaced below.
SUBMITTED_EMAIL_DISPATCH_UID = "group_approval_task_submitted_email_notification"


def set_up_review_of_new_root(sender, instance, created, raw=False, **kwargs):
    """A newly created review root (the guide made by the loader, or a translation of it)
    gets the grants and the workflow: each locale's guide tree is under the medical review.
    """
    if created and not raw:
        ensure_guide_review_setup(instance.pk)


def restart_review_of_changed_page(sender, instance, created, raw=False, **kwargs):
    """A revision saved (or overwritten) while its page is in review restarts the review."""
    if raw or kwargs.get("update_fields") is not None:
        return  # e.g. Wagtail storing approved_go_live_at: the content did not change
    restart_open_reviews(MedicalReviewTask, instance, created)


def set_review_dates_of_published_page(sender, instance, revision=None, **kwargs):
    """The review dates describe the revision that is live (also from publish_scheduled)."""
    if isinstance(instance, ReviewedPageMixin) and revision is not None:
        apply_live_review(instance, revision)


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for model in reviewed_page_models():
        if model.medical_review_root:
            post_save.connect(
                set_up_review_of_new_root,
                sender=model,
                dispatch_uid=f"medical_review_setup_{model._meta.label_lower}",
            )
    post_save.connect(
        restart_review_of_changed_page,
        sender=Revision,
        dispatch_uid="medical_review_restart_on_change",
    )
    page_published.connect(
        set_review_dates_of_published_page, dispatch_uid="medical_review_dates_on_publish"
    )
    # Whichever app is ready first, the one receiver under this id is ours.
    task_submitted.disconnect(sender=TaskState, dispatch_uid=SUBMITTED_EMAIL_DISPATCH_UID)
    task_submitted.connect(
        ReviewLanguageSubmissionEmailNotifier(),
        sender=TaskState,
        dispatch_uid=SUBMITTED_EMAIL_DISPATCH_UID,
        weak=False,
    )
