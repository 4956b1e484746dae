from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
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

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role"), FieldPanel("user")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
