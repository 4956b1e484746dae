"""Signal receivers of the medical review: setup of a new review root, workflow emails."""

from django.db.models.signals import post_save
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from medical_review.emails import MedicalReviewSubmittedNotifier
from medical_review.models import reviewed_page_models
from medical_review.setup import ensure_guide_review_setup


def set_up_review_of_new_root(sender, instance, created, raw=False, **kwargs):
    """A newly created review root (the guide, made by the loader) gets grants and workflow."""
    if created and not raw:
        ensure_guide_review_setup(instance.pk)


# Kept at module level: signals hold their receivers weakly.
medical_review_submitted_notifier = MedicalReviewSubmittedNotifier()


def connect():
    """Connects the receivers; called once the app registry is ready."""
    for model in reviewed_page_models():
        if model.medical_review_root:
            post_save.connect(
                set_up_review_of_new_root,
                sender=model,
                dispatch_uid=f"medical_review_setup_{model._meta.label_lower}",
            )
    task_submitted.connect(
        medical_review_submitted_notifier,
        sender=TaskState,
        dispatch_uid="medical_review_submitted_email",
    )
