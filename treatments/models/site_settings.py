from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="doc-full")
class GuideSettings(BaseSiteSetting):
    """Site-wide texts and rules of the treatment guide."""

    disclaimer = models.TextField(
        blank=True, help_text="Shown at the foot of every page of the site."
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long a medical review stays current."
    )

    panels = [FieldPanel("disclaimer"), FieldPanel("review_interval_months")]

    class Meta:
        verbose_name = "guide settings"
