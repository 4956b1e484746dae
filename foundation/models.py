"""The foundation's identity: what the header, the footer and the site's `Organization` say
about who publishes the guide, one per language."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin

from foundation.blocks import NavigationLinksBlock, SocialLinkBlock
from medical_review.models import ReviewedSnippetMixin


class FoundationIdentity(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """The foundation's name, logo, contact details and menus. Readers see it on every page,
    so a change goes live only when a moderator who wrote none of it approves it (the
    "Editorial review" workflow, assigned to the model by `foundation.setup`)."""

    review_kind = "editorial"

    name = models.CharField(max_length=120)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        "logo's text alternative",
        max_length=120,
        blank=True,
        help_text="What the logo says, for readers who cannot see it (usually the name).",
    )
    charity_number = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    contact_email = models.EmailField("contact e-mail")
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    main_menu = StreamField(
        NavigationLinksBlock(), blank=True, help_text="Shown in the header of every page."
    )
    footer_links = StreamField(
        NavigationLinksBlock(),
        blank=True,
        help_text="Shown at the foot of every page: About, how the guide is made, contact, "
        "privacy.",
    )
    funding_statement = RichTextField(
        "funding and advertising statement",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Who funds the foundation, and whether the site carries advertising.",
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading="Logo"),
        FieldPanel("charity_number"),
        FieldPanel("postal_address"),
        FieldPanel("contact_email"),
        FieldPanel("social_links"),
        FieldPanel("main_menu"),
        FieldPanel("footer_links"),
        FieldPanel("funding_statement"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "foundation identity"
        verbose_name_plural = "foundation identity"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError({"logo_alt_text": "Say what the logo shows."})
        # One identity per language: a second one is a translation to edit.
        locale_id = self.locale_id or Locale.get_default().pk
        others = FoundationIdentity.objects.filter(locale_id=locale_id)
        if self.pk:
            others = others.exclude(translation_key=self.translation_key)
        if others.exists():
            raise ValidationError(
                "The foundation has an identity in this language already: edit it."
            )
