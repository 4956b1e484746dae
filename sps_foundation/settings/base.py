"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

import environ

# Every setting read from the environment goes through django-environ.
env = environ.Env()

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "medical_review",
    "editorial_review",
    "foundation",
    "treatments",
    "glossary",
    "content_pages",
    "accounts",
    "search",
    "plain_language",
    "editions",
    "operations",
    "feedback",
    "subscriptions",
    "policy_pages",
    "wagtail.contrib.forms",
    "news",
    "events",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "http_cache",
]

MIDDLEWARE = [
    # First, so that nothing (canonical links, Varnish's key) sees a Host with a trailing dot.
    "sps_foundation.hosts.TrailingDotHostMiddleware",
    # Security headers next, so every other response has them: static files, errors.
    "django.middleware.security.SecurityMiddleware",
    "sps_foundation.security.RefuseTraceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sps_foundation.security.SiteCSPMiddleware",
    "sps_foundation.security.PermissionsPolicyMiddleware",
    # Static files are answered here, before sessions or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Who may keep a response (Cache-Control): public pages may be kept by Varnish or a CDN.
    "http_cache.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's rule): the language of the request
    # comes from its path, `/es/…` Spanish, anything else English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # What the review gate kept as a draft, told to the person who tried to publish it.
    "medical_review.middleware.ReviewGateMessages",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editions.middleware.ParentNotTranslatedMiddleware",
    # Last, so it sees the lockout flag the login view's authentication set.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sps_foundation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Site-wide templates (base.html, header, footer, error pages); each app has its own.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "foundation.context_processors.foundation",
            ],
        },
    },
]

WSGI_APPLICATION = "sps_foundation.wsgi.application"

# DATABASE_URL selects the database (PostgreSQL in production and CI);
# without it, SQLite in the project folder.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = 60

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
# Two editions: English at `/`, Spanish at `/es/` (i18n_patterns in sps_foundation/urls.py).
# Page content is translated by people with Wagtail's simple_translation and medically reviewed
# like any other change; interface words come from locale/es/LC_MESSAGES/django.po.
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a treatment with many inline brand names can exceed Django's default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "SPS Treatment Guide"
# The addresses the outside world uses. The admin's is the base of the links in e-mails;
# the site's becomes the default Site's hostname and port when the guide is loaded, so the
# sitemap and the pages' full URLs name it. In development both are the server `make run`
# starts on its PORT; production reads them from the environment (docs/operations.md).
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env.str('PORT', default='8000')}"
)
SPS_SITE_URL = env.str("SITE_URL", default=WAGTAILADMIN_BASE_URL)

# Medical review (issue 4): an approved review publishes the reviewed revision itself, since
# nobody (advisors included) holds a direct publish in the guide.
WAGTAIL_FINISH_WORKFLOW_ACTION = "medical_review.publishing.publish_reviewed_revision"

# The read-only API v2 (treatments/api.py): the whole guide fits in one listing.
WAGTAILAPI_LIMIT_MAX = 100

# The database's own full-text search (search/backend.py: Wagtail's, with the admin's
# usage-count filters working while searching).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backend"},
}

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# Wagtail accepts documents of any size unless told; a larger upload gets a form error.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# --- Production hardening shared by every environment (issue 6) ---------------------------

# django-axes locks an account + address out after repeated failed logins (admin included).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

# Security headers on every response. The public site runs no script at all; Wagtail's
# admin gets the few allowances it needs in sps_foundation.security.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The admin calls no third party: no Gravatar (editors' e-mail hashes), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # Click-to-play videos (content_pages.blocks.VideoBlock): the players' privacy-friendly
        # domains, framed only after the reader presses play.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Static files: WhiteNoise serves them; production switches to hashed, compressed files.
WHITENOISE_MAX_AGE = 60 * 60  # unhashed names (favicon and the like); hashed ones get a year

# Django's cache (Wagtail's site paths and the like): local memory here; production.py keeps
# it in the database, shared by every process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sps",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# The s-maxage of public pages: how long an HTTP cache in front (Varnish, a CDN) may keep
# them. Publishing purges them (http_cache.purge).
HTTP_CACHE_SECONDS = 600

# Whether `load_foundation_site` also makes each app's demonstration content (development).
FOUNDATION_DEMO_CONTENT = False
# Where messages sent with the contact form are e-mailed when the contact page names no
# address of its own (comma-separated).
CONTACT_MESSAGES_TO = env.list("CONTACT_MESSAGES_TO", default=[])
