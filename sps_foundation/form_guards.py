"""What keeps spam and floods out of the readers' forms (feedback, contact) without a CSRF
token or a cookie.

The pages with the forms are shared by every reader through Varnish, so a form carries no
per-reader secret. Instead: a field people never see (the honeypot), a signed time of the
page's render (a form sent within seconds of it is a script's), and a limit per address and
hour. Each form has its own `FormGuard`, so its tokens and counts are its own.
"""

import time

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HONEYPOT = "leave_empty"
# A person reads before answering; a script posts at once.
MIN_SECONDS = 3
# Pages are kept by Varnish (and served in its grace for hours) and left open in tabs.
MAX_AGE_SECONDS = 7 * 24 * 60 * 60
RATE_WINDOW_SECONDS = 60 * 60


class TokenError(ValueError):
    pass


class TokenExpired(TokenError):
    pass


class FormGuard:
    """The render token and the rate limit of one form, named `name`."""

    def __init__(self, name, rate_limit):
        self.name = name
        self.rate_limit = rate_limit

    @property
    def _salt(self):
        return f"{self.name}.rendered"

    def render_token(self, page_id):
        """The hidden field's value: the page and the time of rendering, signed."""
        return signing.dumps({"page": page_id, "at": int(time.time())}, salt=self._salt)

    def rendered_at(self, token, page_id):
        """When the form for `page_id` was rendered (seconds since the epoch); `TokenError`
        when the value was not made here for that page, `TokenExpired` when it is too old."""
        try:
            data = signing.loads(token, salt=self._salt, max_age=MAX_AGE_SECONDS)
        except signing.SignatureExpired as error:
            raise TokenExpired from error
        except signing.BadSignature as error:
            raise TokenError from error
        if not isinstance(data, dict) or data.get("page") != page_id:
            raise TokenError
        return data["at"]

    def still_valid(self, token, page_id):
        """`token` if it is a valid render token of `page_id`, else None."""
        try:
            self.rendered_at(token or "", page_id)
        except TokenError:
            return None
        return token

    @staticmethod
    def sent_too_fast(token_time):
        return time.time() - token_time < MIN_SECONDS

    def _rate_key(self, address):
        # Only a salted hash of the address is kept, and only for the window.
        digest = salted_hmac(f"{self.name}.rate", address or "unknown").hexdigest()
        return f"{self.name}:rate:{digest}"

    def over_rate_limit(self, address):
        return cache.get(self._rate_key(address), 0) >= self.rate_limit

    def count_submission(self, address):
        key = self._rate_key(address)
        if not cache.add(key, 1, RATE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, RATE_WINDOW_SECONDS)
