"""How a treatment is given: a route is medical wording, reviewed and translated like a term."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from medical_review.models import ReviewedSnippetMixin


class AdministrationRoute(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """How a treatment is given, in the seed's words (oral, intravenous, injection…); it goes
    live only through the medical review."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("name", "locale")]
        verbose_name = "administration route"
        verbose_name_plural = "administration routes"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # The locale is not on the form, so Django's unique check leaves these pairs out.
        locale_id = self.locale_id or Locale.get_default().pk
        others = AdministrationRoute.objects.filter(locale_id=locale_id)
        if self.pk:
            others = others.exclude(translation_key=self.translation_key)
        errors = {}
        if self.slug and others.filter(slug=self.slug).exists():
            errors["slug"] = "Another route has this address already."
        if self.name and others.filter(name=self.name).exists():
            errors["name"] = "Another route has this name already."
        if errors:
            raise ValidationError(errors)
