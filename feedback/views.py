"""The feedback form's POST, and the thank-you page it leads to."""

from functools import partial

from axes.helpers import get_client_ip_address
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from feedback import guards
from feedback.forms import FeedbackForm, page_for_feedback
from feedback.models import Feedback
from feedback.notify import email_advisors_about_mistake
from feedback.rendering import form_context
from sps_foundation.form_guards import HONEYPOT


# No CSRF check, on purpose. A CSRF token would have to be in the page and a CSRF cookie sent
# with it, and the guide pages are shared by every reader through Varnish (which never keeps
# a response that sets a cookie). CSRF stops a forged request from acting with a logged-in
# person's authority; this view acts for nobody: it reads no session and stores an anonymous
# comment that anyone may send directly. Spam and floods are kept out by the honeypot, the
# signed render time and the limit per address instead (feedback.guards).
@csrf_exempt
@require_POST
def submit(request):
    form = FeedbackForm(request.POST)
    form.is_valid()
    page = form.cleaned_data.get("page")
    refuse = partial(refused, request, form, page)
    if request.POST.get(HONEYPOT):
        return refuse(
            400,
            _(
                "Your feedback was not sent: a field meant to stay empty was filled in, as "
                "automated spam does. Please leave it empty and send it again."
            ),
        )
    if form.errors:
        return refuse(400, form.first_error())
    try:
        rendered_at = guards.rendered_at(form.cleaned_data["rendered"], page.pk)
    except guards.TokenExpired:
        return refuse(
            400,
            _(
                "The page was open for a long time, so your feedback was not sent. Please "
                "send it again."
            ),
        )
    except guards.TokenError:
        return refuse(
            400,
            _("We could not tell where this form came from. Please send it again."),
        )
    if guards.sent_too_fast(rendered_at):
        return refuse(
            400,
            _(
                "That was quicker than a person reads, so your feedback was not sent. Please "
                "wait a few seconds and send it again."
            ),
        )
    address = get_client_ip_address(request)
    if guards.over_rate_limit(address):
        return refuse(
            429,
            _(
                "You have sent a lot of feedback in the last hour, so this one was not sent. "
                "Please try again later."
            ),
        )

    feedback = Feedback.objects.create(
        page=page, kind=form.cleaned_data["answer"], comment=form.cleaned_data["comment"]
    )
    guards.count_submission(address)
    if feedback.kind == Feedback.MISTAKE:
        transaction.on_commit(partial(email_advisors_about_mistake, feedback))
    query = urlencode({"page": page.pk, "answer": feedback.kind})
    return HttpResponseRedirect(f"{reverse('feedback_thanks')}?{query}", status=303)


def refused(request, form, page, status, message):
    """The form again, with the reason it was refused and what the reader wrote."""
    values = {
        "answer": request.POST.get("answer", ""),
        "comment": request.POST.get("comment", ""),
        "rendered": request.POST.get("rendered", ""),
    }
    context = {"meta_title": _("Your feedback was not sent"), "message": message}
    if page is not None:
        context.update(form_context(page, values=values, error=message))
    else:
        context["comment"] = values["comment"]
    return render(request, "feedback/refused.html", context, status=status)


@require_GET
def thanks(request):
    page_id = request.GET.get("page", "")
    page = page_for_feedback(int(page_id)) if page_id.isdigit() and len(page_id) < 10 else None
    return render(
        request,
        "feedback/thanks.html",
        {
            "meta_title": _("Thank you for your feedback"),
            "feedback_page": page,
            "mistake": request.GET.get("answer") == Feedback.MISTAKE,
        },
    )
