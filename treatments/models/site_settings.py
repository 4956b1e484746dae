from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from editorial_review.permissions import SuperusersOnlySitePermissionPolicy


@register_setting(icon="doc-full")
class GuideSettings(BaseSiteSetting):
    """Site-wide rules of the treatment guide.

    Readers see the review interval through the review dates: with no review possible for a
    setting, only superusers change it. The disclaimer is a reviewed snippet (`Disclaimer`).
    """

    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long a medical review stays current."
    )

    panels = [FieldPanel("review_interval_months")]

    class Meta:
        verbose_name = "guide settings"

    @classmethod
    def get_permission_policy(cls):
        return SuperusersOnlySitePermissionPolicy(cls)
