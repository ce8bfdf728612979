"""Plenum's settings: one file, read from the environment, embedded defaults when nothing is set.

Nothing set gives the embedded default: SQLite file, live pushes within the one process, DEBUG off
(DEBUG=1 asks for it) and a generated development secret. PLENUM_VENUE=1 serves the venue's
network from a laptop (the join links carry its LAN address, or PLENUM_PUBLIC_URL). DATABASE_URL
switches to PostgreSQL, REDIS_URL to Redis (live pushes between processes, and the cache), and
PLENUM_ENV=production turns on every deploy check and refuses to start half-configured.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from seminar import venue

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("PLENUM_ENV", "development") == "production"
# Off unless asked for: the debug page shows settings and every URL to whoever mistypes one.
DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("PLENUM_ENV=production needs a SECRET_KEY of 50 or more characters.")
if not SECRET_KEY:
    # A development secret that lives as long as the var/ folder: sessions survive restarts.
    _secret_file = BASE_DIR / "var" / "dev-secret"
    if not _secret_file.exists():
        _secret_file.parent.mkdir(exist_ok=True)
        _secret_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _secret_file.read_text().strip()

# Venue mode (bin/run --venue): phones on the room's network join at this laptop's LAN address.
# PLENUM_PUBLIC_URL ("http://192.168.1.20:8000") says the address phones reach us by, wherever
# the join link and QR code are drawn; in venue mode it is detected when not given.
VENUE = envbool("PLENUM_VENUE")
PUBLIC_URL = ""
if os.environ.get("PLENUM_PUBLIC_URL", "").strip():
    try:
        PUBLIC_URL = venue.check_public_url(os.environ["PLENUM_PUBLIC_URL"])
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from None
elif VENUE:
    PUBLIC_URL = f"http://{venue.lan_address()}:{envint('PORT', 8000)}"

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("PLENUM_ENV=production needs ALLOWED_HOSTS.")
if PUBLIC_URL and not PRODUCTION and venue.public_url_host(PUBLIC_URL) not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(venue.public_url_host(PUBLIC_URL))
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "channels",
    "seminar",
    "agenda",
    "groups",
    "ideas",
]

MIDDLEWARE = [
    "seminar.middleware.trusted_proxy_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "seminar.urls"
ASGI_APPLICATION = "seminar.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Requests inside Django at once in one process (seminar/limits.py RequestSlots); the others wait
# their turn on the event loop. And the threads the sockets' database work runs on
# (seminar/consumers.py).
REQUEST_SLOTS = max(1, envint("PLENUM_REQUEST_SLOTS", 8))
SOCKET_THREADS = max(1, envint("PLENUM_SOCKET_THREADS", 4))
# Once this many sockets have come (and a second has passed without one), the process's heap
# is frozen out of the collector's full collections (seminar/heap.py); 0: never.
GC_FREEZE_AFTER = max(0, envint("PLENUM_GC_FREEZE_AFTER", 100))


def database_pool():
    """psycopg's pool per server process: DB_POOL_SIZE connections at most (0: no pool).

    A request waits up to DB_POOL_TIMEOUT seconds for a free connection instead of opening one
    more; size it so that processes x DB_POOL_SIZE stays below the server's max_connections.
    By default there is one for each request slot, each socket thread and two more (the outbox
    sweep, a resync): nobody waits for a connection, only for a slot.
    """
    size = envint("DB_POOL_SIZE", REQUEST_SLOTS + SOCKET_THREADS + 2)
    if size <= 0:
        return None
    return {
        "min_size": min(2, size),
        "max_size": size,
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", 10)),
        # A connection broken by a database restart is replaced, not handed out.
        "max_lifetime": 600,
    }


def database_from_url(url):
    """postgres://user:pass@host:port/name?sslmode=... as Django's DATABASES entry."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parts.scheme!r}.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    pool = database_pool()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "plenum",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # Pooled (Django requires CONN_MAX_AGE=0 with a pool): daphne runs every request in a
        # thread of its own, and persistent connections per thread exhausted max_connections.
        "CONN_MAX_AGE": 0 if pool else envint("DB_CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {**options, **({"pool": pool} if pool else {})},
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or None},
    }


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, its connections kept for the next request (seminar/sqlite3).
            "ENGINE": "seminar.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "plenum.sqlite3"),
            # Writers wait for each other instead of failing with "database is locked".
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or None},
        }
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
# Live pushes go through the fan-out hub (seminar/hub.py), not a channel layer: in-process on
# the embedded default, and over one Redis pub/sub channel per deployment with REDIS_URL.
LIVE_CHANNEL = os.environ.get("PLENUM_LIVE_CHANNEL", "plenum.live")

# The outbox (seminar/outbox.py) keeps its rows in the database only where another process may
# have to resync a dead one's screens: with Redis. Without it, in this process's memory.
OUTBOX_ROWS = envbool("PLENUM_OUTBOX_ROWS", bool(REDIS_URL))
# Every this many seconds each server process resyncs the screens of changes whose publisher
# died between commit and publish (seminar/outbox.py); 0 turns the sweep off.
OUTBOX_SWEEP_SECONDS = float(os.environ.get("PLENUM_OUTBOX_SWEEP", 2))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if envbool("PLENUM_FAST_PASSWORD_HASHER"):
    # Tests only: hashing a password with PBKDF2 costs ~0.3 s, which every test user pays.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "da"
LANGUAGES = [
    ("da", _("Danish")),
    ("nb", _("Norwegian")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Fingerprinted static files (name.<hash>.js, compressed), cached by browsers for a year: a phone
# downloads them once and never asks again. In production, and wherever `bin/run` serves (it
# collects them into var/static first): a room of 300 phones joining at once would otherwise
# make 18 requests each, 12 of them only to hear "not modified".
STATIC_MANIFEST = PRODUCTION or envbool("PLENUM_STATIC_MANIFEST", False)
# collectstatic's folder; elsewhere WhiteNoise finds the files itself.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (
    BASE_DIR / "staticfiles"
    if PRODUCTION
    else BASE_DIR / "var" / "static"
    if STATIC_MANIFEST
    else None
)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without the manifest (tests, development) WhiteNoise serves straight from the apps' static
# folders (no collectstatic), looked up per request: a file edited (or pulled) under a running
# server would otherwise be served with its old length, and the browser would wait forever.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "media/"

SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a phone that comes back within a month resumes
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],  # 'self' covers ws(s):// to the same host in current browsers
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Behind a proxy (deploy/nginx): its addresses, comma-separated ("127.0.0.1,10.0.0.0/24"). A
# request from one of them is believed about X-Forwarded-For (the phone's address, for the rate
# limits and the logs) and X-Forwarded-Proto (https); from anywhere else, neither.
# Production expects nginx on the same machine (deploy/) unless told otherwise.
TRUSTED_PROXIES = venue.parse_networks(
    envlist("PLENUM_TRUSTED_PROXIES", "127.0.0.1,::1" if PRODUCTION else "")
)
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A translated page, not Django's English one, when a form's CSRF token is missing or stale.
CSRF_FAILURE_VIEW = "seminar.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # The monitoring may ask a daphne process directly, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"plenum": {"level": os.environ.get("PLENUM_LOG_LEVEL", "INFO")}},
}

# Joining: how many wrong codes one address may send per window (seconds); joins never count.
JOIN_RATE_LIMIT = envint("JOIN_RATE_LIMIT", 10)
JOIN_RATE_WINDOW = envint("JOIN_RATE_WINDOW", 60)
# Logging in: failed logins per user name and per address within the window (seconds).
LOGIN_RATE_LIMIT = envint("LOGIN_RATE_LIMIT", 5)
LOGIN_RATE_LIMIT_PER_ADDRESS = envint("LOGIN_RATE_LIMIT_PER_ADDRESS", 20)
LOGIN_RATE_WINDOW = envint("LOGIN_RATE_WINDOW", 15 * 60)
# Table screens: pairing codes one address may ask for per window (seconds); a venue has tens.
SCREEN_RATE_LIMIT = envint("SCREEN_RATE_LIMIT", 60)
SCREEN_RATE_WINDOW = envint("SCREEN_RATE_WINDOW", 10 * 60)

# Scales (ideas/scales/live.py): answers arriving within this many ms share one chart push.
SCALE_CHART_INTERVAL_MS = envint("PLENUM_CHART_INTERVAL_MS", 500)

# The cache holds the join rate limits; with Redis every daphne process shares them.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "seminar.cache.SharedRedisCache",  # one connection pool a process
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "plenum",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Hostile input (seminar/limits.py, seminar/handshake.py, ideas/boards/photos.py) ---------
# A poster photo is the largest thing anyone sends; every other form is a few kilobytes.
PHOTO_MAX_BYTES = envint("PHOTO_MAX_BYTES", 12 * 1024 * 1024)
PHOTO_MAX_PIXELS = envint("PHOTO_MAX_PIXELS", 50_000_000)  # a 48 MP phone photo, not a bomb
PHOTO_MAX_SIDE = 2000  # the longer side a poster's photo is kept at (ideas/boards/photos.py)
MAX_REQUEST_BYTES = PHOTO_MAX_BYTES + 256 * 1024  # the photo and its form around it
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields without files (the timetable import)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory
FILE_UPLOAD_HANDLERS = [
    "seminar.limits.UploadLimit",  # stops reading a file past PHOTO_MAX_BYTES
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Sockets one client (a browser session, a table screen) keeps open to one seminar, per process:
# a newer one closes the oldest.
LIVE_SOCKETS_PER_CLIENT = envint("PLENUM_SOCKETS_PER_CLIENT", 8)
