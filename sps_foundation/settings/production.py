"""Production settings. Every secret comes from the environment and has no default.

The variables are listed, with their defaults, in docs/operations.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, env

REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"]
_missing = [name for name in REQUIRED if not env.str(name, default="").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings refuse to start: set the environment variable(s) "
        + ", ".join(_missing)
        + " (SECRET_KEY: a long random string; ALLOWED_HOSTS: comma-separated host names; "
        "DATABASE_URL: e.g. postgres://user:password@host:5432/name)."
    )

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SPS_SITE_URL = env.str("SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SPS_SITE_URL)

# The database. A short connect timeout turns "database unreachable" into a quick 503 page
# instead of a hung request; health checks let a worker recover when the server comes back.
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=3
    )

# HTTPS. Behind a proxy or CDN that terminates TLS, it sets X-Forwarded-Proto; the redirect
# and HSTS may be switched off where the proxy already does them.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("TRUST_X_FORWARDED_PROTO", True) else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

# Static files: hashed, compressed names that WhiteNoise serves with a year's cache lifetime.
# `collectstatic` must run before serving (make serve-prod does).
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Django's cache, shared by every process and app server: a table in the database (made by
# `migrate`). Pages are cached by Varnish or a CDN in front (HTTP_CACHE_SECONDS, purged on
# publish), not by the app.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sps_cache",
        "KEY_PREFIX": "sps",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=600)

# A CDN in front of the site is purged on publish when its credentials are set.
WAGTAILFRONTENDCACHE = {}
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    # Credentials come from boto3's usual sources: AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, a profile, or the server's instance role.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Varnish (or any HTTP cache accepting PURGE) in front of the app servers: one entry per
# Varnish, e.g. VARNISH_PURGE_URLS=http://10.0.0.21:6081,http://10.0.0.22:6081.
WAGTAILFRONTENDCACHE.update(
    {
        f"varnish{n}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for n, url in enumerate(env.list("VARNISH_PURGE_URLS", default=[]), start=1)
    }
)

# Behind a proxy the visitor's address is in X-Forwarded-For; axes must lock out the
# visitor, not the proxy. Set AXES_PROXY_COUNT to the number of proxies in front.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Without a proxy in front, Django serves the uploads under MEDIA_ROOT itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
