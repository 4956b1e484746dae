"""Local development: debug on, console email, a fixed non-secret key."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Demo accounts are created by `make run` only when this is true.
SPS_CREATE_DEMO_ACCOUNTS = True

# `make run` fills the site with each app's demonstration content (load_foundation_site).
FOUNDATION_DEMO_CONTENT = True
