"""Django settings for fazhi.

Everything that differs between machines comes from the environment:
FAZHI_HOME (data directory, default ./var), DATABASE_URL (default: SQLite in FAZHI_HOME),
FAZHI_SECRET_KEY (else a key generated once into FAZHI_HOME), FAZHI_DEBUG (off unless "1"),
FAZHI_ALLOWED_HOSTS (comma-separated), FAZHI_EMAIL_* for reminders.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
FAZHI_HOME = Path(os.environ.get("FAZHI_HOME", "var")).resolve()
FAZHI_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """A secret per installation: from the environment, else generated once and kept in FAZHI_HOME."""
    key = os.environ.get("FAZHI_SECRET_KEY")
    if key:
        return key
    path = FAZHI_HOME / "secret_key"
    if not path.exists():
        # Created readable by the owner only from the start (no window in which the umask's mode applies).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("FAZHI_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

# Modules of the platform, in dependency order. Each is a Django app under fazhi/.
FAZHI_MODULES = [
    "fazhi.core",
    "fazhi.metrics",
    "fazhi.calendar",
    "fazhi.laws",
    "fazhi.rules",
    "fazhi.powers",
    "fazhi.officers",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.enforcement",
    "fazhi.inspections",
    "fazhi.normdocs",
    "fazhi.reports",
    "fazhi.reports.legacy",
    "fazhi.portal",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",  # serves Swagger UI for /api/v1/docs from its own static files (no CDN)
    "django_tasks",  # background work (ADR 0015): the Django tasks backport ...
    "django_tasks_db",  # ... with its database queue, so no other server is needed
    *FAZHI_MODULES,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.NulCharacterMiddleware",
    "fazhi.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.middleware.SessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.core.middleware.LoginRequiredMiddleware",
    "fazhi.metrics.middleware.EvaluationMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.portal.middleware.KeptPortalMiddleware",  # last: it keeps what the view answered, before any header
]

# Failed logins (django-axes, ADR 0006): after 5 failures for one user name from one address, that pair is locked
# out for 15 minutes with a Chinese page (HTTP 429); a success clears the count. Attempts are kept in the database,
# so every server process sees them. Administrators clear a lockout with `fazhi axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("FAZHI_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False

ROOT_URLCONF = "fazhi.urls"
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
                "fazhi.core.context_processors.navigation",
                "fazhi.core.context_processors.back_link",
            ],
        },
    },
]
WSGI_APPLICATION = "fazhi.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{FAZHI_HOME / 'fazhi.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the demo server read while a command writes. Transactions take the write lock when they begin
    # (IMMEDIATE): a transaction that read first and then wrote could not wait for another writer and failed at once
    # with "database is locked"; now it waits up to the busy timeout for the other writer to finish.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": int(os.environ.get("FAZHI_SQLITE_TIMEOUT", "60")), "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Figures kept between requests while the tables they were read from are unchanged (metrics.stored): on by default
# on PostgreSQL; FAZHI_FIGURE_CACHE=0 turns it off, =1 on (also on SQLite).
FAZHI_FIGURE_CACHE = os.environ.get(
    "FAZHI_FIGURE_CACHE", "0" if DATABASES["default"]["ENGINE"].endswith("sqlite3") else "1") == "1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = FAZHI_HOME / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # our CSS and the vendored npm files (static/vendor)
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = FAZHI_HOME / "uploads"
MEDIA_URL = "/media/"
FAZHI_OUTPUT_DIR = FAZHI_HOME / "documents"

# Long work (a large import, the audit of a large file) runs in the background worker (`fazhi worker`, started by
# `fazhi serve`) with a progress page; files above FAZHI_BACKGROUND_KB (256 by default) go there (ADR 0015).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAZHI_BACKGROUND_BYTES = int(float(os.environ.get("FAZHI_BACKGROUND_KB", "256")) * 1024)
FAZHI_JOBS_DIR = FAZHI_HOME / "jobs"
# An annual report over more organisations than this (a city's or province's) is built in the background too.
FAZHI_BACKGROUND_ORGS = int(os.environ.get("FAZHI_BACKGROUND_ORGS", "300"))

FAZHI_MAX_UPLOAD_BYTES = int(float(os.environ.get("FAZHI_MAX_UPLOAD_MB", "30")) * 1024 * 1024)
# pages that take larger files, by URL name: a province's entity directory (10⁷ rows of CSV, about 1 GB) and a
# year of another system's enforcement decisions; both are imported in the background with progress
FAZHI_UPLOAD_LIMITS = {name: int(float(os.environ.get(env, default)) * 1024 * 1024) for name, env, default in (
    ("inspections:entity_import", "FAZHI_MAX_DIRECTORY_UPLOAD_MB", "2048"),
    ("enforcement:import", "FAZHI_MAX_INTAKE_UPLOAD_MB", "2048"),
)}
FILE_UPLOAD_HANDLERS = [
    "fazhi.core.uploads.LimitedUploadHandler",  # counts bytes while streaming; drops a file over the limit
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; the cookie stays same-site
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sessions end after FAZHI_SESSION_HOURS (default 8) without activity: a signed-in user's session (and cookie) is
# renewed every five minutes of use (core.middleware.SessionRenewalMiddleware), not written on every request.
SESSION_COOKIE_AGE = int(float(os.environ.get("FAZHI_SESSION_HOURS", "8")) * 3600)
if os.environ.get("FAZHI_HTTPS") == "1":
    # Behind an HTTPS reverse proxy that sets X-Forwarded-Proto (see docs/deployment.md).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("FAZHI_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("FAZHI_TRUSTED_ORIGINS", "").split(",") if o] or [
        f"https://{h}" for h in ALLOWED_HOSTS if h not in ("127.0.0.1", "localhost", "testserver")]

EMAIL_HOST = os.environ.get("FAZHI_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("FAZHI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("FAZHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FAZHI_EMAIL_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "fazhi@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.dummy.EmailBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}
