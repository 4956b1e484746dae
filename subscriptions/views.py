"""Subscribe (then confirm from the inbox) and unsubscribe.

Each page here is the reader's own (never kept by Varnish: `private`), so the forms carry
Django's CSRF token. Links in e-mails lead to a page with a button: a mail scanner that
follows links confirms or unsubscribes nobody.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from editions.visibility import visible_to_visitors
from medical_review.models import ReviewedPageMixin
from sps_foundation.form_guards import FormGuard, TokenError
from subscriptions.forms import HONEYPOT, SubscribeForm
from subscriptions.models import Subscription
from subscriptions.sending import absolute

private = cache_control(private=True, no_store=True)
# Subscriptions an address may ask for in an hour (a count of its own, not the feedback form's).
RATE_LIMIT = 5
guards = FormGuard("subscriptions", RATE_LIMIT)


def subscribable_page(page_id):
    """The live, visible reviewed page `page_id`, or 404."""
    if not page_id.isdigit() or len(page_id) > 10:
        raise Http404
    from wagtail.models import Page

    page = Page.objects.live().filter(pk=int(page_id)).select_related("locale").first()
    page = page.specific if page is not None else None
    if not isinstance(page, ReviewedPageMixin) or not visible_to_visitors(page):
        raise Http404
    return page


@private
@require_http_methods(["GET", "POST"])
def subscribe(request, page_id):
    page = subscribable_page(page_id)
    context = {"subscription_page": page, "meta_title": _("E-mail updates")}
    if request.method == "GET":
        form = SubscribeForm(initial={"rendered": guards.render_token(page.pk)})
        return render(request, "subscriptions/subscribe.html", {**context, "form": form})

    form = SubscribeForm(request.POST)
    refusal, status = refusal_of(request, form, page)
    if refusal:
        context.update(form=form, refusal=refusal)
        return render(request, "subscriptions/subscribe.html", context, status=status)
    guards.count_submission(get_client_ip_address(request))
    email = form.cleaned_data["email"].strip()
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(
                email=email, page=page, language=page.locale.language_code
            )
    except IntegrityError:
        subscription = None  # already asked for: say the same, tell nobody whether
    if subscription is not None:
        try:
            send_confirmation(subscription)
        except OSError:  # the mail server is down: keep nothing, say so
            subscription.delete()
            context.update(
                form=form,
                refusal=_(
                    "We could not send the confirmation e-mail just now, so nothing was kept. "
                    "Please try again later."
                ),
            )
            return render(request, "subscriptions/subscribe.html", context, status=503)
    return HttpResponseRedirect(reverse("subscriptions_check_email"), status=303)


def refusal_of(request, form, page):
    """(why the form is refused, the status) or (None, None)."""
    if request.POST.get(HONEYPOT):
        return _("A field meant to stay empty was filled in, as automated spam does."), 400
    if not form.is_valid():
        return _("Please correct the errors below."), 400
    try:
        at = guards.rendered_at(form.cleaned_data["rendered"], page.pk)
    except TokenError:
        return _("The form was open for too long. Please send it again."), 400
    if guards.sent_too_fast(at):
        return _(
            "That was quicker than a person reads. Please wait a few seconds and send it again."
        ), 400
    if guards.over_rate_limit(get_client_ip_address(request)):
        return _(
            "Too many requests came from your address in the last hour. Please try again later."
        ), 429
    return None, None


def send_confirmation(subscription):
    with translation.override(subscription.language):
        url = absolute(
            reverse("subscriptions_confirm", args=[subscription.token]), subscription.page
        )
        context = {"page_title": subscription.page.title, "confirm_url": url}
        send_mail(
            subject=_("Please confirm your e-mail updates"),
            message=render_to_string("subscriptions/emails/confirm.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[subscription.email],
        )


@private
def check_email(request):
    return render(request, "subscriptions/check_email.html", {"meta_title": _("Check your e-mail")})


@private
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = get_object_or_404(Subscription.objects.select_related("page"), token=token)
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(
        request,
        "subscriptions/confirm.html",
        {"subscription": subscription, "meta_title": _("Confirm your e-mail updates")},
    )


@private
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.objects.select_related("page").filter(token=token).first()
    if request.method == "POST" and subscription is not None:
        subscription.delete()
        subscription = None
        done = True
    else:
        done = subscription is None
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {"subscription": subscription, "done": done, "meta_title": _("Unsubscribe")},
    )
