"""The Host header as the site names itself: a fully qualified name's trailing dot removed."""

from django.http.request import host_validation_re

# Headers Django reads the host from (X-Forwarded-Host only with USE_X_FORWARDED_HOST).
HOST_HEADERS = ("HTTP_HOST", "HTTP_X_FORWARDED_HOST")


def without_trailing_dot(host):
    """`localhost.:8000` → `localhost:8000`; any other host, valid or not, as it is.

    Django accepts `localhost.` as `localhost` (one trailing dot, as DNS does) but keeps the
    dot in `get_host()`, so every absolute URL built from the request would carry it.
    """
    match = host_validation_re.fullmatch(host.lower())
    if not match:
        return host
    domain, port = match.groups(default="")
    if not domain.endswith(".") or domain.endswith(".."):
        return host
    return domain[:-1] + (f":{port}" if port else "")


class TrailingDotHostMiddleware:
    """Rewrites the request's Host before anything reads it: the page cache's key, Wagtail's
    Site, canonical and Open Graph URLs all see the host without its trailing dot."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for header in HOST_HEADERS:
            host = request.META.get(header)
            if host:
                request.META[header] = without_trailing_dot(host)
        return self.get_response(request)
