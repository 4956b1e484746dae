from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from editorial_review.permissions import SuperusersOnlySitePermissionPolicy


@register_setting(icon="doc-full")
class GuideSettings(BaseSiteSetting):
    """Site-wide texts and rules of the treatment guide.

    Readers see the disclaimers and, through the review dates, the interval: with no review
    possible for a setting, only superusers change them.
    """

    disclaimer = models.TextField(
        blank=True, help_text="Shown at the foot of every page of the site."
    )
    # A setting belongs to a Site, not to a locale, so each edition has a field of its own.
    spanish_disclaimer = models.TextField(
        "disclaimer in Spanish",
        blank=True,
        help_text="Shown at the foot of the Spanish pages instead; where it is empty, they "
        "show the English disclaimer.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long a medical review stays current."
    )

    panels = [
        FieldPanel("disclaimer"),
        FieldPanel("spanish_disclaimer"),
        FieldPanel("review_interval_months"),
    ]

    class Meta:
        verbose_name = "guide settings"

    @classmethod
    def get_permission_policy(cls):
        return SuperusersOnlySitePermissionPolicy(cls)

    @property
    def reader_disclaimer(self):
        """The disclaimer in the active language, else the English one."""
        return self._reader_disclaimer[0]

    @property
    def reader_disclaimer_language(self):
        return self._reader_disclaimer[1]

    @property
    def _reader_disclaimer(self):
        if get_language() == "es" and self.spanish_disclaimer:
            return self.spanish_disclaimer, "es"
        return self.disclaimer, settings.LANGUAGE_CODE
