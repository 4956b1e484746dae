"""The foundation's pages about the guide itself: Contact, How this guide is made, Privacy.

Each lives once under each home page and has no children. None is medical text, so each goes
live through the editorial review (a moderator who wrote none of it approves).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormSubmission
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from editions.visibility import visible_to_visitors
from editorial_review.pages import EditoriallyReviewedPageMixin
from policy_pages import retention
from sps_foundation.form_guards import HONEYPOT
from treatments.blocks import RICH_TEXT_FEATURES

MESSAGE_MAX_LENGTH = 5000
UNDER_HOME = ["treatments.HomePage"]


class FoundationPageMixin(EditoriallyReviewedPageMixin):
    """Once under each home page (one per language), with no pages below it."""

    parent_page_types = UNDER_HOME
    subpage_types = []
    max_count_per_parent = 1
    search_kind = _("Page")  # what site search calls it

    class Meta:
        abstract = True


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder, with a length limit on a message."""

    def create_multiline_field(self, field, options):
        options["max_length"] = MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(FoundationPageMixin, AbstractEmailForm):
    """A message to the foundation's staff: stored (the admin's Forms, moderators only),
    e-mailed to them, guarded against spam and floods (`policy_pages.contact`)."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    form_builder = ContactFormBuilder
    template = "policy_pages/contact_page.html"
    landing_page_template = "policy_pages/contact_page_landing.html"

    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("to_address"), FieldPanel("subject")])],
            heading="E-mail to staff",
            help_text="Without an address, messages go to the addresses in the site's "
            "settings (CONTACT_MESSAGES_TO).",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # The staff's addresses (`to_address`, `from_address`) stay private.
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "contact page"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from policy_pages.contact import receive

            return receive(self, request)
        return self.render_form(request, self.get_form(page=self, user=request.user))

    def render_form(self, request, form, status=200, error="", token=None):
        from django.template.response import TemplateResponse

        from policy_pages.contact import CONTACT

        context = self.get_context(request)
        context.update(
            form=form,
            error=error,
            token=CONTACT.still_valid(token, self.pk) or CONTACT.render_token(self.pk),
            honeypot=HONEYPOT,
            retention_months=retention.RETENTION_MONTHS,
            privacy_page=PrivacyPage.objects.live()
            .filter(visible_to_visitors(), locale_id=self.locale_id)
            .first(),
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def staff_addresses(self):
        """Where messages go: the page's own addresses, else the site's setting."""
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        return list(getattr(settings, "CONTACT_MESSAGES_TO", []))

    def process_form_submission(self, form):
        from policy_pages.notify import email_staff

        submission = FormSubmission.objects.create(form_data=form.cleaned_data, page=self)
        email_staff(self, form, submission)
        return submission


class HowThisGuideIsMadePage(FoundationPageMixin, Page):
    """The editorial policy: the steps of the review, the advisors and what they declare,
    the foundation's funding (its identity's statement, a setting under the editorial review),
    and how much of the guide is reviewed, from live data."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    template = "policy_pages/how_this_guide_is_made_page.html"
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "“How this guide is made” page"

    def get_context(self, request, *args, **kwargs):
        from policy_pages import coverage

        context = super().get_context(request, *args, **kwargs)
        context["advisors"] = coverage.advisors()
        context["coverage"] = coverage.review_coverage()
        context["coverage_labels"] = list(coverage.LABELS.items())
        return context


class PrivacyPage(FoundationPageMixin, Page):
    """What the site stores, for how long, and that it sets no tracking cookie."""

    body = RichTextField(features=RICH_TEXT_FEATURES)

    template = "policy_pages/privacy_page.html"
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("body")]

    class Meta:
        verbose_name = "privacy page"


def policy_page_models():
    return [ContactPage, HowThisGuideIsMadePage, PrivacyPage]


__all__ = [
    "MESSAGE_MAX_LENGTH",
    "ContactFormField",
    "ContactPage",
    "HowThisGuideIsMadePage",
    "PrivacyPage",
    "policy_page_models",
]
