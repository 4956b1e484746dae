"""Error pages that need no database: the site must explain itself while the database is down."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """500 handler: a database outage becomes a 503 "back in a moment" page with Retry-After."""
    _, exception, _ = sys.exc_info()
    if isinstance(exception, DatabaseError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())
