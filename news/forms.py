"""The article editor: an image goes with a description of what it shows."""

from django.utils.translation import gettext_lazy as _

from treatments.page_forms import GuidePageForm

IMAGE_NEEDS_DESCRIPTION = _("Describe what the image shows, for readers who cannot see it.")


class NewsArticleForm(GuidePageForm):
    """Wagtail's page form (a damaged post repaired, see treatments.page_forms) that refuses an
    image without its description."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", IMAGE_NEEDS_DESCRIPTION)
        return cleaned
