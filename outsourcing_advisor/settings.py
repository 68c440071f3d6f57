"""Settings for Outsourcing Advisor, read from the environment.

One module serves development, tests and production: every value that differs between
them comes from an environment variable (see the table in README.md). Nothing secret is
written here; DEBUG is off unless DJANGO_DEBUG says otherwise.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DATABASE_FILE = BASE_DIR / "db.sqlite3"

env = environ.Env()

# --- Core -------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. `make run` and `make test` set one for local use; "
        "in production set a long random value, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "catalog",
    "assessments",
    "outsourcing_advisor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every page compressed here, in one place: Django's own middleware, whose gzip output
    # carries random padding against BREACH-style guessing of the CSRF token (Django 4.2+).
    # Before anything that reads or writes the response body.
    "django.middleware.gzip.GZipMiddleware",
    # Before WhiteNoise, so static files get these headers too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "outsourcing_advisor.security_headers.CrossOriginResourcePolicyMiddleware",
    # Before anything that could read a request body; after the header middleware above, so
    # its 413 page carries them too (see the module).
    "outsourcing_advisor.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database connection in a view becomes a friendly 503 page (see the module).
    "outsourcing_advisor.database_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "outsourcing_advisor.staff_sessions.StaffSessionExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "outsourcing_advisor.urls"
WSGI_APPLICATION = "outsourcing_advisor.wsgi.application"
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip("/") + "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# A SQLite file in the project when DATABASE_URL is unset; postgres:// URLs use psycopg2.

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{LOCAL_DATABASE_FILE}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the server is down instead of hanging a worker.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5))
    # TCP keepalives: the kernel finds out a server that vanished without a word while the
    # connection was idle (after about a minute), so the health check sees it closed.
    for name, value in (
        ("keepalives", 1),
        ("keepalives_idle", 30),
        ("keepalives_interval", 10),
        ("keepalives_count", 3),
    ):
        options.setdefault(name, value)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
# Django's cache framework, shared by every app server: import previews, rate-limit counts,
# the catalog's version (catalog.services) and the fragments keyed on it (catalog pages,
# results reports). In the database by default (the table is created by a migration), so
# one or several servers need nothing more; Django's own Redis backend when REDIS_URL is
# set. Past MAX_ENTRIES the database cache deletes a third of its entries, counts
# included, so it is set far above Django's 300.

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env.str("DJANGO_CACHE_TABLE", default="django_cache"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }

# --- Rate limits ------------------------------------------------------------------------
# POSTs per client that start or copy an assessment ("create") and that upload a task file
# ("upload"), counted in the shared cache by outsourcing_advisor.ratelimit. A variable holds
# COUNT/SECONDS (30/3600: 30 an hour) or "off"; a limit is None when off.


def rate_limit(variable, default):
    text = env.str(variable, default=default).strip().lower()
    if text == "off":
        return None
    count, _, seconds = text.partition("/")
    if not all(part.isascii() and part.isdigit() and int(part) > 0 for part in (count, seconds)):
        raise ImproperlyConfigured(
            f"{variable} must be COUNT/SECONDS with whole numbers above 0, such as 30/3600, "
            f"or off (got {text!r})."
        )
    return int(count), int(seconds)


RATE_LIMITS = {
    "create": rate_limit("DJANGO_RATE_LIMIT_CREATE", "30/3600"),
    "upload": rate_limit("DJANGO_RATE_LIMIT_UPLOAD", "60/3600"),
}

# --- Authentication ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Staff, superusers and new accounts: 14+ characters, without the username or the
    # site's name (outsourcing_advisor.passwords).
    {"NAME": "outsourcing_advisor.passwords.StaffPasswordValidator"},
]
LOGIN_URL = "admin:login"
# After a login whose `next=` was refused (another site, say): the admin, never a 404.
LOGIN_REDIRECT_URL = "admin:index"
# django-axes first: it refuses a locked-out (username, address) before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
# WhiteNoise serves hashed, compressed files collected into STATIC_ROOT.

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Catalog import, export and history -------------------------------------------------

IMPORT_EXPORT_USE_TRANSACTIONS = True
# The uploaded file waits in the shared cache between preview and confirmation, so the
# confirming request may reach any app server.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Formula escaping is done by catalog.formats (a leading apostrophe, undone on import);
# the library's own escaping would strip "=" and alter the text, so it stays off.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# Control characters that XLSX cannot hold are replaced instead of failing the export.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Requests ---------------------------------------------------------------------------
# The tasks step posts 12 fields a task, for up to 1,000 tasks (assessments.models.MAX_TASKS).

DATA_UPLOAD_MAX_NUMBER_FIELDS = 13_000
# The largest body any request may carry, refused with 413 before it is read
# (outsourcing_advisor.request_limits). Above the largest legitimate one: a task file
# (2 MiB) with its form (assessments.views.questionnaire.UPLOAD_BODY_ALLOWANCE), and
# Django's own 2.5 MiB cap on form fields (DATA_UPLOAD_MAX_MEMORY_SIZE), which the tasks
# step's 1,000 tasks stay under (1.5 MiB at most in plain text). The nginx recipe in
# docs/production/ sets the same limit (client_max_body_size 3m).
REQUEST_BODY_MAX_BYTES = 3 * 1024 * 1024

# --- Security ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cross-Origin-Resource-Policy: same-origin comes from outsourcing_advisor.security_headers.
# No page uses any of these browser features: deny them to the page and to anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_SSL = env.bool("DJANGO_SECURE_SSL", default=False)
if SECURE_SSL:
    # Behind a TLS-terminating proxy: it must set X-Forwarded-Proto and drop any value the
    # client sent (see README, "Running in production").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Load balancers probe the health endpoints over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins a cookie to this exact host, HTTPS and path "/".
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Content-Security-Policy ------------------------------------------------------------
# Every script and stylesheet is a file from our own origin (vendored Bootstrap, no CDN,
# no inline code; json_script data blocks are not executed). Bootstrap's CSS draws select
# arrows and checkboxes as data: SVG images. Scripts fetch from our own origin only (the
# tasks step asks the catalog for a service suggestion). The admin gets no exception: its
# third-party pages are drawn without inline handlers or style attributes.

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Admin accounts ---------------------------------------------------------------------
# Consultants hold admin rights. django-axes counts failed admin logins per (username,
# client address): after AXES_FAILURE_LIMIT failures in a row that pair is refused, even
# with the right password, for the cool-off, counted from the last failure (attempts during
# the lockout neither count nor extend it). Another address, or another username from the
# same address, is not affected, so an attacker cannot lock a consultant out everywhere.

AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "outsourcing_advisor.lockout.lockout_response"
# REMOTE_ADDR, or the address DJANGO_TRUSTED_PROXY_COUNT proxies back in X-Forwarded-For;
# an IPv6 client by its /64, as the rate limits count it.
AXES_CLIENT_IP_CALLABLE = "outsourcing_advisor.client_ip.lockout_address"
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Attempt rows are deleted once their cool-off is over. No table of successful logins
# (User.last_login has the latest) and no failure history kept forever: the log has both.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Staff sessions end this many seconds after login (business owners' sessions, which only
# hold their drafts' links, keep SESSION_COOKIE_AGE): outsourcing_advisor.staff_sessions.
STAFF_SESSION_SECONDS = env.int("DJANGO_STAFF_SESSION_SECONDS", default=8 * 60 * 60)

# --- Logging ----------------------------------------------------------------------------
# Every handler redacts UUIDs: assessment URLs carry private tokens, and Django's request
# and development-server loggers write paths. Django's own default handlers on "django" and
# "django.server" are replaced by ours so no line bypasses the filter (gunicorn's access log
# is redacted by outsourcing_advisor.gunicorn_conf).

LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_private_ids": {"()": "outsourcing_advisor.log_filters.RedactPrivateIds"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_private_ids"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_private_ids"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # No handlers of its own: records reach the root's console handler.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
