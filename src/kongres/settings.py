"""Django settings for Kongres, configured from ``KONGRES_*`` environment variables.

One module for every environment: development, the demo, tests and production differ only in
the environment they run with (see docs/deployment.md).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KONGRES_DATA_DIR", "kongres-data")).resolve()

DEBUG = env_bool("KONGRES_DEBUG", False)
# Behind TLS (the normal production case) cookies are secure and HTTP redirects to HTTPS.
# The demo on http://127.0.0.1:8000 turns this off.
HTTPS = env_bool("KONGRES_HTTPS", not DEBUG)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data folder."""
    key = os.environ.get("KONGRES_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("KONGRES_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KONGRES_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kongres.common",
    "kongres.events",
    "kongres.program",
    "kongres.registration",
    "kongres.visits",
    "kongres.comms",
    "kongres.matchmaking",
    "kongres.onsite",
    "kongres.demo",
    "kongres.api",
    "kongres.backoffice",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "kongres.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kongres.common.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kongres.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kongres.common.middleware.ScopesForStaffMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the 429 page
]

ROOT_URLCONF = "kongres.urls"
WSGI_APPLICATION = "kongres.wsgi.application"

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

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("KONGRES_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'kongres.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The health check of kept connections without a round trip (see the module).
    DATABASES["default"]["ENGINE"] = "kongres.common.db.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue in the kernel rather than in SQLite's sleeping busy handler.
    DATABASES["default"]["ENGINE"] = "kongres.common.db.sqlite"
    # Connections are kept (each server thread has its own): opening one and running the
    # PRAGMAs below costs more than serving a cached page.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction, so concurrent writers queue instead of failing midway.
        # Checkpoints (copying the WAL into the database, with an fsync) run in the worker
        # (``kongres worker``, every 2 s, outside any writer's turn); a committing request
        # checkpoints only when the WAL grows past 10,000 pages (about 40 MB), e.g. when no
        # worker runs. Left at SQLite's 1,000 pages, every few hundred registrations one
        # writer would checkpoint inside its commit while all others wait for the lock.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA wal_autocheckpoint=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
_test_name = os.environ.get("KONGRES_TEST_DATABASE_NAME")
if DATABASES["default"]["ENGINE"] == "kongres.common.db.sqlite":
    # A file, not memory: concurrency tests need many connections to one real database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"{_test_name or 'test'}.sqlite3")}
elif _test_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kongres",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Without a reverse proxy in front (the demo, a small install) the app serves uploads itself.
SERVE_MEDIA = env_bool("KONGRES_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("KONGRES_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("KONGRES_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("KONGRES_HSTS_PRELOAD", HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
X_FRAME_OPTIONS = "DENY"
# Every script and style is a static file of this origin: nothing inline, no eval (htmx's
# indicator style and eval are off in base.html). See docs/security.md.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the check-in service worker
    "manifest-src": ["'self'"],  # the check-in web app manifest
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}  # no upgrade-insecure-requests: every URL is relative to this origin, which HSTS pins
# Powerful features off everywhere; the check-in page turns the camera on for itself
# (common.security_headers.permissions_policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "fullscreen",
        "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
# Behind a reverse proxy: trust its X-Forwarded-Proto, and take the client's address from the
# last X-Forwarded-For entry (the one the proxy added; see registration.ratelimit.client_ip).
BEHIND_PROXY = env_bool("KONGRES_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Signing in: throttling (django-axes) and two-step sign-in for staff (django-otp) ------
# See docs/security.md. Failed logins are counted per account and per client address (the
# address as the public forms' rate limits see it, KONGRES_BEHIND_PROXY included); past the
# limit every login form answers 429, even to the right password, until the cool-off ends.
AUTHENTICATION_BACKENDS = [
    "kongres.accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("KONGRES_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KONGRES_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout do not prolong it: the real user knows when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kongres.accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "kongres.accounts.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the activity log
AXES_VERBOSE = False  # no banner on every start of a command
# "required": superusers and edition owners pass a second factor (authenticator app or a
# recovery code) after the password; "off": no second step (the demo and the tests).
STAFF_2FA = os.environ.get("KONGRES_STAFF_2FA", "off" if DEBUG else "required")
if STAFF_2FA not in {"required", "off"}:
    raise ImproperlyConfigured("KONGRES_STAFF_2FA must be 'required' or 'off'")
OTP_TOTP_ISSUER = os.environ.get("KONGRES_OTP_ISSUER", "Kongres")

# --- Logging: one JSON object a line on stderr ----------------------------------------------
LOG_LEVEL = os.environ.get("KONGRES_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kongres.common.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Background tasks: the database is the queue (django-tasks-db); `kongres worker` runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("KONGRES_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- E-mail ---------------------------------------------------------------------------------
# KONGRES_EMAIL_URL: smtp://user:password@host:587?tls=1 | smtps://… | file:///path | console:
EMAIL_URL = os.environ.get("KONGRES_EMAIL_URL", f"file://{DATA_DIR / 'mail'}")
DEFAULT_FROM_EMAIL = os.environ.get("KONGRES_FROM_EMAIL", "Kongres <kongres@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def _email_settings(url: str) -> dict:
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
        "EMAIL_TIMEOUT": 20,
    }


globals().update(_email_settings(EMAIL_URL))

# --- Kongres --------------------------------------------------------------------------------
# Public pages are cached per edition content version; the version changes on every edit.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("KONGRES_PUBLIC_PAGE_CACHE_SECONDS", "600"))
# The registration form (its choices and the seats left on each visit) is built at most once
# in this many seconds per process; the registration service always counts seats under lock.
REGISTRATION_FORM_CACHE_SECONDS = int(
    os.environ.get("KONGRES_REGISTRATION_FORM_CACHE_SECONDS", "5")
)
# An unverified registration holds its place (and seats) this long, then releases them.
REGISTRATION_HOLD_HOURS = int(os.environ.get("KONGRES_REGISTRATION_HOLD_HOURS", "48"))
# A seat offered from a waiting list waits this long for confirmation, then passes on.
SEAT_OFFER_HOURS = int(os.environ.get("KONGRES_SEAT_OFFER_HOURS", "24"))
# Personal links work this long after they were sent; "send me my link again" makes a new one.
PERSONAL_LINK_DAYS = int(os.environ.get("KONGRES_PERSONAL_LINK_DAYS", "120"))
# Absolute address of the site, used in e-mails and calendar feeds made outside a request.
SITE_URL = os.environ.get("KONGRES_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Rate limits of public forms: "<count>/<seconds>", per client address and per e-mail address.
RATE_LIMITS = {
    "register_ip": os.environ.get("KONGRES_RATELIMIT_REGISTER_IP", "30/3600"),
    "register_email": os.environ.get("KONGRES_RATELIMIT_REGISTER_EMAIL", "5/3600"),
    "link_ip": os.environ.get("KONGRES_RATELIMIT_LINK_IP", "20/3600"),
    "link_email": os.environ.get("KONGRES_RATELIMIT_LINK_EMAIL", "3/3600"),
    "certificate_ip": os.environ.get("KONGRES_RATELIMIT_CERTIFICATE_IP", "60/3600"),
}
# TrueType fonts with Polish letters for PDFs (DejaVu from npm, shipped in static/vendor).
FONT_DIR = Path(os.environ.get("KONGRES_FONT_DIR", BASE_DIR / "static" / "vendor" / "fonts"))
# Sending e-mail is retried with growing pauses (seconds) when the SMTP server fails.
EMAIL_RETRY_DELAYS = [30, 120, 600, 1800, 3600]
# Mail to addresses at these domains is never handed to the SMTP server: the message is marked
# "suppressed" with the reason (comma-separated; a domain covers its subdomains). The demo sets
# the example domains of its made-up people; empty elsewhere.
EMAIL_SUPPRESS_DOMAINS = [
    domain.strip().lower().lstrip("@.")
    for domain in os.environ.get("KONGRES_EMAIL_SUPPRESS_DOMAINS", "").split(",")
    if domain.strip()
]

# --- REST API (kongres.api, docs/api.md) ------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["kongres.api.auth.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["kongres.api.permissions.ScopeAndRole"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "kongres.api.pagination.IdCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "kongres.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "kongres.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kongres API",
    "DESCRIPTION": "Editions, program, registrations, check-ins and matchmaking of one edition.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"VoivodeshipEnum": "kongres.events.enums.Voivodeship"},
    # Swagger UI from the drf-spectacular-sidecar package, served by the app (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
