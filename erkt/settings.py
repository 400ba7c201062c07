"""Settings of e-RKT, read from environment variables (see the README's table)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from erkt.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DATA_DIR", str(PACKAGE_DIR.parent / "data")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"

# The audit chain's HMAC key is derived from this file when set, else from SECRET_KEY.
AUDIT_KEY_FILE = env_str("ERKT_AUDIT_KEY_FILE")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "ninja",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "erkt.org",
    "erkt.sop",
    "erkt.audit",
    "erkt.workflow",
    "erkt.notifications",
    "erkt.rkt",
    "erkt.renstra_process",
    "erkt.documents",
    "erkt.backup",
    "erkt.pemkab",
    "erkt.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, without reading a language prefix from the path (no i18n_patterns here).
    "erkt.org.middleware.PlainLocaleMiddleware",
    # Before anything reads the body: an oversized request is refused (413) in the client's
    # language, then input holding a NUL character (422).
    "erkt.limits.RequestLimitMiddleware",
    "erkt.input_guard.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's, but that an API request gets no message storage (it shows none).
    "erkt.org.middleware.PageMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "erkt.org.middleware.RollingSessionMiddleware",
    # A Pemkab reader's POST is refused (403) before any view runs.
    "erkt.org.middleware.PemkabReadOnlyMiddleware",
    # django-csp's, the settings' policy built once per process.
    "erkt.org.middleware.PolicyMiddleware",
    # Last: turns a sign-in refused by the login limit into the 429 page or JSON.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "erkt.urls"
WSGI_APPLICATION = "erkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} remembers what it reversed (erkt/url_cache.py).
            "builtins": ["erkt.url_cache"],
            "context_processors": [
                "django.template.context_processors.request",
                # The CSRF token with one random read (in place of the built-in one's 33).
                "erkt.org.csrf_token.csrf",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "erkt.org.context_processors.navigation",
                "erkt.workflow.context_processors.open_task_count",
                "erkt.rkt.context_processors.rkt_navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'erkt.sqlite3'}")
    )
}
# A worker's thread keeps its connection for 10 minutes, checked before each request reuses
# it: on PostgreSQL a new one per request costs more than the request; on SQLite opening one
# (the file, the PRAGMAs, the schema read on its first query) cost ~0.7-1.4 ms of every
# request, and a kept connection keeps its prepared statements, which a transition's queries
# then run again without parsing them under the write lock.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] != 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write
    # lock at BEGIN so two concurrent transitions queue instead of failing; they queue on
    # a file lock (erkt.sqlite_queue), not in SQLite's busy handler, which sleeps up to
    # 100 ms between tries while the lock may have been free for most of them.
    DATABASES["default"]["ENGINE"] = "erkt.sqlite_queue"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, but that a kept connection is checked before a request without a
    # round trip when the server has sent nothing on it (erkt.postgresql).
    DATABASES["default"]["ENGINE"] = "erkt.postgresql"
    # Parameters bound by the server, and a statement run a sixth time on a connection
    # prepared there (psycopg's prepare_threshold, which Django turns off by default for
    # poolers in transaction mode). Bound on the client, every statement reached the
    # server as new text, parsed and planned each time: of a task's completion over the
    # API, 7 ms of the server's CPU, 4-6 ms of it planning the joined reads; prepared, 3 ms
    # in all. Behind a pooler in transaction mode that does not keep prepared statements
    # per client (PgBouncer before 1.21, or without max_prepared_statements), set
    # DATABASE_PREPARED=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=5 if env_bool("DATABASE_PREPARED", True) else None,
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "erkt.org.passwords.NotDemoPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out sign-in before the password is checked (erkt/org/login_limit.py).
    "erkt.org.login_limit.LoginLimitBackend",
    # Django's ModelBackend, reading the user with their employee and organisation in one
    # query on every request (erkt/org/signed_in.py).
    "erkt.org.signed_in.EmployeeBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "id")
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Files a browser asks for at the site's root whatever the page says (/favicon.ico),
# served by WhiteNoise as they are, without a hashed name.
WHITENOISE_ROOT = PACKAGE_DIR / "static_root"


def object_storage(bucket: str, endpoint_url: str = "", region: str = "", prefix: str = "") -> dict:
    """STORAGES["default"] for an S3-compatible bucket shared by every application server
    (erkt/storage.py). The credentials are boto3's own: AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY in the environment, or the machine's role."""
    return {
        "BACKEND": "erkt.storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix.strip("/"),
            # Path style (https://host/bucket/key) suits the S3-compatible servers (MinIO,
            # Ceph, a cloud's own); on AWS itself botocore chooses.
            "addressing_style": env_str(
                "ERKT_S3_ADDRESSING_STYLE", "path" if endpoint_url else "auto"
            ),
            # Private objects, never replaced (erkt.storage.ObjectStorage); downloads go
            # through the permission-checked views.
            "default_acl": None,
            "file_overwrite": False,
            # A file read from the bucket stays in memory up to 5 MB, then a temporary file.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }


# Uploaded and issued files: the local MEDIA_ROOT, or with ERKT_S3_BUCKET an S3-compatible
# bucket, so that several application servers share them.
STORAGES = {
    "default": object_storage(
        env_str("ERKT_S3_BUCKET"),
        env_str("ERKT_S3_ENDPOINT_URL"),
        env_str("ERKT_S3_REGION"),
        env_str("ERKT_S3_PREFIX"),
    )
    if env_str("ERKT_S3_BUCKET")
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: downloads go through permission-checked views
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Data and media are readable by the service user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Request size limits (erkt.limits): a body without files (JSON, form fields) and any one
# uploaded file (task attachments and wet-signed scans are the largest, 20 MB). A larger
# request answers 413 as soon as it passes the limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "erkt.limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "e-RKT <erkt@localhost>")

# Background jobs (django-tasks with its database backend): `erkt worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Seconds before each new try of a failed e-mail or WhatsApp message; then it is marked failed.
NOTIFY_RETRY_DELAYS = [
    int(s) for s in env_list("NOTIFY_RETRY_DELAYS", ["60", "300", "1800", "7200"])
]

# WhatsApp Business Cloud API (erkt/notifications/whatsapp.py): off unless the token and
# the phone number id are set. One approved template with one body parameter {{1}};
# WHATSAPP_TEMPLATES may name another per kind ("opened=erkt_tugas_baru,reminder=...").
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_TEMPLATE = env_str("WHATSAPP_TEMPLATE", "erkt_pemberitahuan")
WHATSAPP_LANGUAGE = env_str("WHATSAPP_LANGUAGE", "id")
WHATSAPP_TEMPLATES = dict(
    item.split("=", 1) for item in env_list("WHATSAPP_TEMPLATES", []) if "=" in item
)

# Behind HTTPS in production; `make run` serves plain http on 127.0.0.1 and turns this off.
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Signed out after a working day without a request; each request (at most every few
# minutes, erkt.org.middleware) pushes the expiry further.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# Django's database sessions, the read on every request written out (erkt/org/sessions.py).
SESSION_ENGINE = "erkt.org.sessions"
X_FRAME_OPTIONS = "DENY"

# The login limit (django-axes; erkt/org/login_limit.py): failures counted in the database,
# shared by every worker and server, for /masuk/, /admin/login/ and POST /api/v1/auth/token.
AXES_HANDLER = "erkt.org.login_limit.LoginLimitHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
ERKT_LOGIN_USERNAME_FAILURE_LIMIT = env_int("LOGIN_USERNAME_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
# Failures during a lockout do not extend it: the real user gets back in after the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "erkt.org.login_limit.lockout_response"
# Successful sign-ins are not logged by axes (the table would only grow).
AXES_DISABLE_ACCESS_LOG = True
# No start-up banner on standard output (the erkt commands print their own results).
AXES_VERBOSE = False
# The client address is the peer's, unless LOGIN_PROXY_COUNT reverse proxies in front
# append to X-Forwarded-For (erkt.org.login_limit.client_address).
LOGIN_PROXY_COUNT = env_int("LOGIN_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "erkt.org.login_limit.client_address"

# Content-Security-Policy (django-csp): scripts only from our own static files, no inline
# script and no eval. Styles allow 'unsafe-inline' for the style attributes and the
# small <style> blocks of some templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # 'self', not 'none': a PDF opened in the browser's own viewer is an object.
        "object-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    # axes: failures and lockouts are warnings; its INFO narrates every sign-in.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # django-tasks narrates each job at INFO (`erkt worker -v 1` shows them).
        "django_tasks": {"level": "WARNING"},
    },
}

# The public address of this installation: printed in the QR code of signed documents,
# which points to /verifikasi/<code>.
ERKT_PUBLIC_URL = env_str("ERKT_PUBLIC_URL", "http://127.0.0.1:8000")

# Bringing in an OPD (`erkt opd import`): the new OPD gets the active Penyusunan RKT SOP of
# this organisation (its short name) as its own version; empty: the seed SOP file. The
# activation link of each imported account is valid for PASSWORD_RESET_TIMEOUT (seconds).
ERKT_SOP_TEMPLATE_ORGANIZATION = env_str("ERKT_SOP_TEMPLATE_ORGANIZATION", "")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 60 * 60)

# RFC 3161 timestamp authority (e.g. BSrE's or the Pemda's TSA). With it, signatures made
# with an uploaded certificate are PAdES B-T: their time is the authority's, not this
# server's clock. Empty: B-B.
ERKT_TSA_URL = env_str("ERKT_TSA_URL", "")
ERKT_TSA_TIMEOUT = env_int("ERKT_TSA_TIMEOUT", 30)
# The archive certificate that signs each bundle's manifest.json (manifest.json.p7s), for
# every organisation without one uploaded in the admin: a PKCS#12 file, opened with the
# passphrase in the environment variable ERKT_ARCHIVE_PASSPHRASE (read when signing).
ERKT_ARCHIVE_PKCS12_FILE = env_str("ERKT_ARCHIVE_PKCS12_FILE", "")
