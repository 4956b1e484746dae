from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "I agree that the foundation keeps my e-mail address to send me these updates, "
            "until I unsubscribe."
        ),
        error_messages={"required": _("Please tick the box to agree, or we cannot send updates.")},
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)
