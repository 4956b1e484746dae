from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from page_cache.shared import remember


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

    @classmethod
    def for_request(cls, request):
        """The site's settings for templates, shared between requests (page_cache.shared):
        saving them moves the page cache on. The admin edits them through `for_site`.
        """
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            if site is None:
                found = cls.for_site(site)
            else:
                found = remember(f"guide_settings:{site.pk}", lambda: cls.for_site(site))
            setattr(request, attribute, found)
        return getattr(request, attribute)
