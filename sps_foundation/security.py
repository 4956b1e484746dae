"""Security headers the site sends on every response, beyond Django's own."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseNotAllowed

# Wagtail's admin (8.0) still runs a few inline scripts (its page editor's and its sidebar's
# bootstrapping), styles elements through style attributes, shows its live preview in a
# same-origin frame and draws upload previews from blob: URLs. Those allowances are given to
# /admin/ only, behind a login; the public pages keep the strict policy. The browser test in
# tests/test_production_security.py signs in and edits a page under this policy and finds no
# violation reported. (Gravatar and Wagtail's update check are switched off in base.py, so the
# admin needs no third-party host.)
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["'self'", "https://www.youtube.com", "https://player.vimeo.com"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}
# The editor's preview panel frames the page as the public would see it. Wagtail renders it
# through this middleware again, as a request for the page's public URL flagged
# `is_preview`; that response may be framed by the admin and keeps every other strict rule.
PREVIEW_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with the strict site policy everywhere but Wagtail's admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if getattr(request, "is_preview", False):
            update, replace = {}, PREVIEW_POLICY_REPLACE
        elif request.path_info.startswith("/admin/"):
            update, replace = ADMIN_POLICY_UPDATE, ADMIN_POLICY_REPLACE
        else:
            return parts
        return PolicyParts(
            config=parts.config,
            update={**update, **(parts.update or {})},
            replace={**replace, **(parts.replace or {})},
            nonce=parts.nonce,
        )


class PermissionsPolicyMiddleware:
    """Denies the browser features the guide never uses (camera, location, payment…)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class RefuseTraceMiddleware:
    """Refuses TRACE (which would echo a request's headers back) with 405, on every URL."""

    allowed = ["GET", "HEAD", "POST", "OPTIONS"]

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "TRACE":
            return HttpResponseNotAllowed(self.allowed)
        return self.get_response(request)
