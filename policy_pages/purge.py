"""Purges "How this guide is made" from the HTTP cache in front when what it shows from live
data changes: a reviewer profile (the advisors listed), a review recorded or a guide page
published or taken down (the review coverage)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from medical_review.models import MedicalReview, ReviewedPageMixin, ReviewerProfile


def purge_how_made_pages():
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from policy_pages.models import HowThisGuideIsMadePage

    batch = PurgeBatch()
    batch.add_pages(HowThisGuideIsMadePage.objects.live())
    batch.purge()


def purge_after_commit(*args, **kwargs):
    transaction.on_commit(purge_how_made_pages, robust=True)


def purge_after_guide_change(sender, instance, **kwargs):
    if isinstance(instance, ReviewedPageMixin):
        purge_after_commit()


def connect_signals():
    for signal in (post_save, post_delete):
        for model in (ReviewerProfile, MedicalReview):
            signal.connect(
                purge_after_commit,
                sender=model,
                weak=False,
                dispatch_uid=f"policy_pages_purge_{model._meta.model_name}_{signal is post_save}",
            )
    page_published.connect(purge_after_guide_change, dispatch_uid="policy_pages_purge_published")
    page_unpublished.connect(
        purge_after_guide_change, dispatch_uid="policy_pages_purge_unpublished"
    )
