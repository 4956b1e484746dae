"""Tells a person in the admin what the review gate held back in their request."""

from django.contrib import messages
from django.shortcuts import redirect

from medical_review.gate import ReviewRequired, collecting_messages


class ReviewGateMessages:
    """After MessageMiddleware: each change the gate kept as a draft becomes a warning; a
    publication it refused returns the person to the page they came from with the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting_messages() as held:
            response = self.get_response(request)
        for message in dict.fromkeys(held):
            messages.warning(request, message)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewRequired):
            return None
        messages.error(request, str(exception))
        if request.method == "POST":
            return redirect(request.get_full_path())
        return None
