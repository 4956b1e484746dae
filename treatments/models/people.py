from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A contributor to the guide or a medical advisor, shown by name and credentials."""

    name = models.CharField(max_length=200)
    credentials = models.CharField(
        max_length=100, blank=True, help_text="Post-nominal letters, e.g. “MD”."
    )
    role = models.CharField(max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The admin account of this person, if they review content.",
    )

    # A person's name is the same in every language; credentials and role are translated.
    # The admin account stays with the English record (it is one-to-one).
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("credentials"),
        TranslatableField("role"),
    ]

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role"), FieldPanel("user")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def copy_for_translation(self, locale, exclude_fields=None):
        return super().copy_for_translation(
            locale, exclude_fields=[*(exclude_fields or ()), "user"]
        )

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
