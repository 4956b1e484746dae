"""A message sent with the contact form: refused with a clear reason and the reader's text
kept when it looks like spam or a flood, or is not complete; else stored and e-mailed.

The guards are the feedback form's (`sps_foundation.form_guards`): a honeypot, a signed render
time and a limit per address and hour. None needs a cookie, so the contact page stays one
Varnish may keep for every reader.
"""

from axes.helpers import get_client_ip_address
from django.utils.translation import gettext as _

from sps_foundation.form_guards import HONEYPOT, FormGuard, TokenError, TokenExpired

CONTACT_RATE_LIMIT = 3
CONTACT = FormGuard("contact", CONTACT_RATE_LIMIT)


def refusal(page, request):
    """Why the message posted in `request` must not be sent (status, reason), or None."""
    if request.POST.get(HONEYPOT):
        return 400, _(
            "Your message was not sent: a field meant to stay empty was filled in, as "
            "automated spam does. Please leave it empty and send it again."
        )
    try:
        rendered_at = CONTACT.rendered_at(request.POST.get("rendered", ""), page.pk)
    except TokenExpired:
        return 400, _(
            "The page was open for a long time, so your message was not sent. Please send it again."
        )
    except TokenError:
        return 400, _("We could not tell where this form came from. Please send it again.")
    if CONTACT.sent_too_fast(rendered_at):
        return 400, _(
            "That was quicker than a person writes, so your message was not sent. Please wait "
            "a few seconds and send it again."
        )
    if CONTACT.over_rate_limit(get_client_ip_address(request)):
        return 429, _(
            "You have sent several messages in the last hour, so this one was not sent. "
            "Please try again later."
        )
    return None


def receive(page, request):
    """The answer to a message posted to the contact `page`."""
    form = page.get_form(request.POST, page=page, user=request.user)
    token = request.POST.get("rendered", "")
    refused = refusal(page, request)
    if refused:
        status, reason = refused
        return page.render_form(request, form, status=status, error=reason, token=token)
    if not form.is_valid():
        return page.render_form(
            request,
            form,
            status=400,
            error=_("Your message was not sent: please correct what is marked below."),
            token=token,
        )
    submission = page.process_form_submission(form)
    CONTACT.count_submission(get_client_ip_address(request))
    return page.render_landing_page(request, submission)
