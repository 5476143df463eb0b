"""Settings shared by every environment; the environment is read once, here (django-environ)."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-insecure-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "agencies",
    "indicators",
    "budgets",
    "surveys",
    "rpjmd",
    "evaluation",
    "reports",
    "interchange",
    "review",
    "workspace",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files (the CSP allows no CDN)
    "api",
    "django_tasks_db",  # the queue's table (DBTaskResult) and its `db_worker` command
]
if importlib.util.find_spec("django.tasks") is None:  # Django 5.2: the backport of Django 6's django.tasks
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_tasks_db"), "django_tasks")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who made a change (after authentication)
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "sakip.urls"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "sakip.wsgi.application"

# SQLite needs no set-up; DATABASE_URL switches to PostgreSQL (postgres://user@host:port/name).
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # A request reuses its thread's connection for a minute rather than opening one: a new PostgreSQL connection
    # is a new server process, several milliseconds of CPU for every page (docs/performance.md, "Load"). The health
    # check makes a connection the server dropped meanwhile a new one instead of the request's error. What
    # DATABASE_URL says (`?conn_max_age=0` behind PgBouncer in transaction mode) comes first.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE), so two saves of the same
    # row queue up instead of failing with "database is locked" when the second upgrades its read lock; the
    # waiting one then re-reads the rows and sees the other's change (agencies/writes.py). `timeout` is how long a
    # request waits for the lock (seconds; an approval computes the year's figures while holding it). The
    # journal stays SQLite's default: WAL measured no better here (readers already read while a save holds the
    # lock), and it would add -wal/-shm files to every backup.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env.int("SQLITE_TIMEOUT", default=20)}
    )
# Last resort: a database lock that still escapes answers 503 with a message, never a 500 (sakip/middleware.py).
# Just inside axes, which stays last.
MIDDLEWARE.insert(len(MIDDLEWARE) - 1, "sakip.middleware.DatabaseBusyMiddleware")
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# --- Background work (Django's Tasks API; the django-tasks backport on Django 5.2). PDFs are rendered by a task
# worker, never in a web request (reports/rendering.py). The default queue is the database itself: no extra
# service, the same on SQLite and PostgreSQL; `manage.py task_worker` runs one worker (scripts/run.sh starts one
# beside the server). TASKS_BACKEND=rq puts the queue in Redis (REDIS_URL) for many workers on many machines;
# workers then run `manage.py rqworker default --job-class django_tasks_rq.Job --worker-class
# reports.rq_worker.WarmWorker` (README, "Background work"; docs/performance.md says why).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A render asked for and not finished within this time is taken for lost (its worker was killed) and queued again
# by the next request for it.
RENDER_STALE_SECONDS = env.int("RENDER_STALE_SECONDS", default=30 * 60)
# An import run still running this long after it started lost its worker: its page says so (interchange/tasks.py).
IMPORT_STALE_SECONDS = env.int("IMPORT_STALE_SECONDS", default=30 * 60)
# Rendered versions kept per document (an agency's LKjIP of a year, its Renstra); older ones are deleted when a
# newer one is ready and rendered again if asked for.
RENDER_KEEP_VERSIONS = env.int("RENDER_KEEP_VERSIONS", default=3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- The REST API (api/, docs/api.md): personal keys or the browser session; the screens' access layer decides.
# Requests per API key (per user for the browser session) and period: "1200/minute", "50000/day". Counted in
# Django's cache: with the default in-process cache each gunicorn worker counts on its own; a shared CACHE_URL
# makes it one budget per key.
API_RATE = env.str("API_RATE", default="1200/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": API_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # Figures travel as strings ("1715.00"), never as floats: the API is as exact as the screens.
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SAKIP API",
    "DESCRIPTION": "Rencana, indikator, target, realisasi, anggaran, laporan (sakip-report/1) dan reviu. "
    "Plans, indicators, targets, realisations, budgets, the report object and review state (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents the errors it may answer (400/401/403/404/409/429, JSON in both languages).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.add_error_responses",
    ],
    # Swagger UI sends the key as `Authorization: Bearer …` once entered under "Authorize"; no online validator
    # (its badge is an image from another site, which the CSP refuses).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False, "validatorUrl": None},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Figures are formatted explicitly (sakip.numbers via the num, pct and rupiah filters); a global thousands
# separator would also "format" ids and years in HTML attributes and URLs ("result-2.113", "2.021").
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))  # collectstatic writes here
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "sakip.staticfinders.AppDirectoriesWithoutReDoc",
]
# Source maps are read by a developer's browser tools, not by users: served as they are, not compressed twice
# (gzip and Brotli of Swagger UI's maps were most of collectstatic's time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "agencies:home"
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's widget templates, the input, textarea and select ones rendered in Python to the same bytes: an editing
# grid renders 150+ widgets per page (sakip/widget_rendering.py, docs/performance.md "Load").
FORM_RENDERER = "sakip.widget_rendering.WidgetRenderer"

# Evidence (bukti dukung) uploads: kept under MEDIA_ROOT, served only through a view that checks access.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # a budget or realisation grid of a large plan posts many fields

# --- Audit history (django-simple-history): who changed what, when; see agencies/audit.py.
# E-mail notifications of the review (review/notifications.py): printed to the console unless EMAIL_URL names an
# SMTP server (smtp+tls://user:password@host:587); SITE_URL makes the links in them absolute.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SAKIP <sakip@localhost>")
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
HISTORY_PAGE_SIZE = 50
HISTORY_EXPORT_MAX_ROWS = env.int("HISTORY_EXPORT_MAX_ROWS", default=50_000)

# --- Sessions: a working day that ends with the browser. The cookie carries no expiry date, so the browser
# forgets it when it closes, and the server refuses the session SESSION_COOKIE_HOURS (9) after the login whatever
# the browser does. Not renewed on every request (SESSION_SAVE_EVERY_REQUEST off): the limit counts from the
# login, so a stolen cookie is worth at most one working day, and a page view does not write the session table
# (on SQLite every write waits for the database's single writer).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = round(timedelta(hours=env.float("SESSION_COOKIE_HOURS", default=9)).total_seconds())
SESSION_SAVE_EVERY_REQUEST = False

# --- Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from one
# address, that pair is locked for AXES_COOLOFF_TIME; after AXES_ADDRESS_FAILURE_LIMIT wrong passwords from one
# address over all user names (password spraying), the whole address is (0: no per-address limit). A correct
# login resets the count of that name from that address only (sakip.auth.ThrottleHandler).
AUTHENTICATION_BACKENDS = [
    "sakip.auth.RequestAxesBackend",  # AxesStandaloneBackend, but authentication without a request is not throttled
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_HANDLER = "sakip.auth.ThrottleHandler"  # counts both; the parameters below are what axes' own tools see
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sakip.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "sakip.auth.client_ip"
# Number of reverse proxies in front of gunicorn that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Content Security Policy (django-csp 4): our own scripts, styles, images and fonts only; no inline script
# or style. Views that inline matplotlib SVG charts (styled by attributes) relax style-src with @csp_update.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
