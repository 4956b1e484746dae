"""A translation asked for below a page with no translation answers 400, not 500."""

from django.http import HttpResponseBadRequest
from wagtail.actions.copy_for_translation import ParentNotTranslatedError

PARENT_FIRST = "Translate the page above this one first: a translation sits below its parent's."


class ParentNotTranslatedMiddleware:
    """simple_translation's form disables such a language but accepts it posted; the copy then
    raises `ParentNotTranslatedError`, inside the request's transaction, so nothing is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ParentNotTranslatedError):
            return HttpResponseBadRequest(PARENT_FIRST)
        return None
