from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from medical_review.models import ReviewedSnippetMixin


class Person(ReviewedSnippetMixin, TranslatableMixin, index.Indexed, models.Model):
    """A contributor to the guide or a medical advisor, shown by name and credentials; a change
    goes live only through the medical review."""

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

    review_exempt_fields = ("user",)

    # The admin account is user management, not reviewed text: only superusers see the field
    # ("superuser" is no permission, and superusers pass every check), and the edit view
    # saves it on the record at once (treatments.people_admin).
    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("user", permission="superuser"),
    ]
    # The admin's People listing searches by name within its language and status filters,
    # ordered by name.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("name"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def with_content_json(self, content):
        # Publishing or restoring a revision never changes which account the person is.
        obj = super().with_content_json(content)
        obj.user_id = self.user_id
        return obj

    def copy_for_translation(self, locale, exclude_fields=None):
        # The admin account stays with the English record (it is one-to-one).
        return super().copy_for_translation(
            locale, exclude_fields=[*(exclude_fields or ()), "user"]
        )

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
