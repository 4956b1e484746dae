"""Who signs a medical review and in which languages they review: `ReviewerProfile`, kept by
superusers, and the language rules every review view and report shares."""

from django import forms
from django.conf import settings
from django.db import models
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from editions.languages import default_content_language

NO_PROFILE = (
    "You have no reviewer profile, so you cannot sign a medical review; ask an administrator "
    "to add one."
)
NO_CREDENTIALS = "Your reviewer profile has no credentials; ask an administrator to add them."


def signed_as(name, credentials, specialty):
    """How a review is signed: "Jane Doe, MD (Neurologist)"."""
    signed = f"{name}, {credentials}" if credentials else name
    return f"{signed} ({specialty})" if specialty else signed


def reviewer_profile_of(user):
    """The `ReviewerProfile` of `user`, or None."""
    try:
        return user.reviewer_profile
    except (AttributeError, ReviewerProfile.DoesNotExist):
        return None


def profile_refusal(user):
    """Why `user` may not sign a review (no profile, no credentials), or None."""
    profile = reviewer_profile_of(user)
    if profile is None:
        return NO_PROFILE
    if not profile.credentials.strip():
        return NO_CREDENTIALS
    return None


def default_review_languages():
    """What a new reviewer profile reviews: the default content language."""
    return [default_content_language()]


def content_language_choices():
    """The content languages (`WAGTAIL_CONTENT_LANGUAGES`) as (code, name) choices."""
    return list(get_content_languages().items())


def language_name(code):
    return str(get_content_languages().get(code, code))


def review_languages_of(user):
    """The language codes `user` reviews in: their profile's, else the default language."""
    profile = reviewer_profile_of(user)
    return list(profile.review_languages) if profile else default_review_languages()


def pages_in_languages(languages):
    """The pages whose locale is in `languages` (codes)."""
    return Page.objects.filter(locale__language_code__in=languages)


class LanguageCodesField(models.JSONField):
    """A list of content language codes, chosen with a checkbox per content language."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=content_language_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            error_messages={"required": "Choose at least one language."},
        )


class ReviewerProfile(models.Model):
    """How a medical advisor signs reviews; kept by superusers, not by the advisor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    name = models.CharField(max_length=200, help_text="The name reviews are signed with.")
    credentials = models.CharField(
        max_length=100,
        blank=True,
        help_text="Post-nominal letters, e.g. “MD”. Without them the advisor cannot approve.",
    )
    specialty = models.CharField(max_length=100, blank=True, help_text="e.g. “Neurologist”.")
    conflicts_of_interest = models.TextField(
        blank=True,
        help_text="What the advisor declares (funding, fees, shares), shown on “How this guide "
        "is made”. Leave empty if they declare none.",
    )
    person = models.ForeignKey(
        "treatments.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The advisor's entry among the guide's people, if any.",
    )
    review_languages = LanguageCodesField(
        "languages reviewed",
        default=default_review_languages,
        help_text="The advisor sees and approves reviews of pages in these languages only.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.signature

    @property
    def review_languages_display(self):
        """The languages reviewed, by name: "English, Spanish"."""
        return ", ".join(language_name(code) for code in self.review_languages)

    @property
    def signature(self):
        return signed_as(self.name, self.credentials, self.specialty)
