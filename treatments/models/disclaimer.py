"""The site's disclaimer: what every page says at its foot, in each edition's language."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from medical_review.models import ReviewedSnippetMixin


class ReaderDisclaimer(NamedTuple):
    text: str
    language: str


class Disclaimer(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """Shown at the foot of every page, one per language; it says what the guide's medical
    text is for, so a change goes live only through the medical review."""

    text = models.TextField(help_text="Shown at the foot of every page of the site.")

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "disclaimer"
        verbose_name_plural = "disclaimers"

    def __str__(self):
        return "Disclaimer"

    def clean(self):
        super().clean()
        # The footer shows one disclaimer per language: a second one is a translation to
        # edit, not a new snippet.
        locale_id = self.locale_id or Locale.get_default().pk
        others = Disclaimer.objects.filter(locale_id=locale_id)
        if self.pk:
            others = others.exclude(translation_key=self.translation_key)
        if others.exists():
            raise ValidationError("The site has a disclaimer in this language already: edit it.")

    @classmethod
    def for_reader(cls):
        """The text and language code of the live disclaimer in the active language, else of the
        English one; None if neither is live. One query."""
        languages = [get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE]
        rows = (
            cls.objects.filter(live=True, locale__language_code__in=languages)
            .order_by("pk")
            .values_list("text", "locale__language_code")
        )
        found = {}
        for text, language in rows:
            found.setdefault(language, text)
        return next(
            (ReaderDisclaimer(found[code], code) for code in languages if found.get(code)), None
        )
