"""The dialogs of the medical review task: approving and requesting changes."""

from django import forms

ATTESTATION = "I have checked this content against current clinical evidence"


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
    comment = forms.CharField(
        label="Comment (optional)", required=False, widget=forms.Textarea({"rows": 2})
    )


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
