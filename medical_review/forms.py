"""The dialogs of the medical review task: approving and requesting changes."""

from django import forms

ATTESTATION = "I have checked this content against current clinical evidence"
SUMMARY_MAX_LENGTH = 200


class MedicalApprovalForm(forms.Form):
    """Shown in the admin's approve dialog."""

    attestation = forms.BooleanField(
        label=ATTESTATION,
        required=True,
        error_messages={
            "required": "Tick the box to confirm you have checked this content against "
            "current clinical evidence."
        },
    )
    summary = forms.CharField(
        label="Summary of this review (shown on the page)",
        max_length=SUMMARY_MAX_LENGTH,
        required=True,
        help_text="One line, e.g. “Updated dosing schedule wording”.",
        error_messages={"required": "Say in one line what this review covered."},
    )
    comment = forms.CharField(
        label="Comment (optional)", required=False, widget=forms.Textarea({"rows": 2})
    )

    def clean_summary(self):
        summary = " ".join(self.cleaned_data["summary"].split())
        if not summary:
            raise forms.ValidationError("Say in one line what this review covered.")
        return summary


class RequestChangesForm(forms.Form):
    """Shown in the admin's "Request changes" dialog: the editor needs to know what to change."""

    comment = forms.CharField(
        label="What needs to change",
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "Say what needs to change before sending the page back."},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Say what needs to change before sending the page back.")
        return comment
