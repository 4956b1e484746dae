"""What keeps spam and floods out of reader feedback without a CSRF token or a cookie.

The guide pages are shared by every reader through Varnish, so the form carries no per-reader
secret. Instead: a field people never see (the honeypot), a signed time of the page's render
(a form sent within seconds of it is a script's), and a limit per address and hour.
"""

import time

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

SIGNING_NAMESPACE = "feedback.rendered"
# A person reads before answering; a script posts at once.
MIN_SECONDS = 3
# Pages are kept by Varnish (and served in its grace for hours) and left open in tabs.
MAX_AGE_SECONDS = 7 * 24 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


def render_token(page_id):
    """The hidden field's value: the page and the time of rendering, signed."""
    return signing.dumps({"page": page_id, "at": int(time.time())}, salt=SIGNING_NAMESPACE)


class TokenError(ValueError):
    pass


class TokenExpired(TokenError):
    pass


def rendered_at(token, page_id):
    """When the form for `page_id` was rendered (seconds since the epoch); `TokenError` when
    the value was not made here for that page, `TokenExpired` when it is too old."""
    try:
        data = signing.loads(token, salt=SIGNING_NAMESPACE, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenError from error
    if not isinstance(data, dict) or data.get("page") != page_id:
        raise TokenError
    return data["at"]


def sent_too_fast(token_time):
    return time.time() - token_time < MIN_SECONDS


def _rate_key(address):
    # Only a salted hash of the address is kept, and only for the window.
    digest = salted_hmac("feedback.rate", address or "unknown").hexdigest()
    return f"feedback:rate:{digest}"


def over_rate_limit(address):
    return cache.get(_rate_key(address), 0) >= RATE_LIMIT


def count_submission(address):
    key = _rate_key(address)
    if not cache.add(key, 1, RATE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, RATE_WINDOW_SECONDS)
