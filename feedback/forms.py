"""The feedback form's fields and what makes an answer acceptable."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from feedback.models import COMMENT_MAX_LENGTH, Feedback
from medical_review.models import reviewed_page_models


def page_for_feedback(page_id):
    """The live, public guide page `page_id` names, or None."""
    page = (
        Page.objects.live()
        .type(*reviewed_page_models())
        .filter(pk=page_id)
        .select_related("locale")
        .first()
    )
    if page is None or page.get_view_restrictions().exists():
        return None
    return page.specific


class FeedbackForm(forms.Form):
    page = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            _("We could not tell which page you were reading."),
        ),
    )
    answer = forms.ChoiceField(
        choices=Feedback.KIND_CHOICES,
        error_messages={
            "required": _("Please choose Yes or No."),
            "invalid_choice": _("Please choose Yes or No."),
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Your comment is too long: please shorten it to %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    rendered = forms.CharField(required=False)
    leave_empty = forms.CharField(required=False, strip=False)

    def clean_page(self):
        page = page_for_feedback(self.cleaned_data["page"])
        if page is None:
            raise forms.ValidationError(
                _("We could not find the page you were reading; it may have moved.")
            )
        return page

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Feedback.MISTAKE and not cleaned.get("comment"):
            self.add_error("comment", _("Please tell us what is wrong on the page."))
        return cleaned

    def first_error(self):
        for field in ("page", "answer", "comment"):
            if field in self.errors:
                return self.errors[field][0]
        return next(iter(self.errors.values()))[0]
