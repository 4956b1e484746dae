"""The contact form's POST."""

from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from editions.visibility import visible_to_visitors
from policy_pages.models import ContactPage


# No CSRF check, on purpose, as for the feedback form (feedback.views): a CSRF token would
# need a cookie, and the contact page is shared by every reader through Varnish. This view
# acts for nobody: it reads no session and stores a message anyone may send. Spam and floods
# are kept out by the guards instead (policy_pages.contact).
@csrf_exempt
@require_POST
def send(request, page_id):
    page = ContactPage.objects.live().filter(visible_to_visitors(), pk=int(page_id)).first()
    if page is None:
        raise Http404
    return page.serve(request)
