"""Signal receivers of the medical review: setup of a new guide page, workflow emails."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from treatments.models import TreatmentGuidePage
from treatments.review_emails import MedicalReviewSubmittedNotifier
from treatments.review_setup import ensure_guide_review_setup


@receiver(post_save, sender=TreatmentGuidePage, dispatch_uid="sps_guide_review_setup")
def set_up_review_of_new_guide(sender, instance, created, raw=False, **kwargs):
    """A newly created guide (on a fresh database: by the loader) gets grants and workflow."""
    if created and not raw:
        ensure_guide_review_setup(instance.pk)


# Kept at module level: signals hold their receivers weakly.
medical_review_submitted_notifier = MedicalReviewSubmittedNotifier()
task_submitted.connect(
    medical_review_submitted_notifier,
    sender=TaskState,
    dispatch_uid="sps_medical_review_submitted_email",
)
