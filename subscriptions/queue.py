"""When a newly reviewed revision goes live, queue one message for each subscriber of the
page or of a page above it (its category, the guide)."""

from django.db import IntegrityError, transaction
from wagtail.signals import page_published

from medical_review.models import MedicalReview, ReviewedPageMixin
from subscriptions.models import Subscription, UpdateMessage


def queue_updates(page, revision):
    """Queue the messages for `revision` of `page` if a medical review approved it."""
    review = MedicalReview.objects.filter(revision=revision).order_by("-reviewed_at").first()
    if review is None:
        return 0
    scope = [page.pk, *page.get_ancestors().values_list("pk", flat=True)]
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(page_id__in=scope, language=page.locale.language_code)
        .order_by("email", "-page__depth")
    )
    queued, seen = 0, set()
    for subscription in subscriptions:
        # One message per reader, whether they follow the page, its category or the guide.
        if subscription.email.lower() in seen:
            continue
        seen.add(subscription.email.lower())
        try:
            with transaction.atomic():
                UpdateMessage.objects.create(subscription=subscription, page=page, review=review)
        except IntegrityError:
            continue
        queued += 1
    return queued


def on_page_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, ReviewedPageMixin) and revision is not None:
        queue_updates(instance, revision)


def connect():
    page_published.connect(on_page_published, dispatch_uid="subscriptions_queue_updates")
