"""Settings shared by every environment. dev, test and production change only what differs."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_database, env_int, env_optional, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "schadeplatform"

INSTALLED_APPS = [
    "schadeplatform.accounts",
    "content",
    "cases",
    "assessment",
    # LTI 1.3 Advantage tool (issue #18): django-lti's models, our mapping to cohorts.
    "lti_tool",
    "schadeplatform.lti",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, before a session cookie, a search or a login is looked up: NUL in the path, query
    # string, headers, cookies or Basic auth answers 400 (PostgreSQL cannot store or compare it).
    "schadeplatform.input_guard.RefuseUnstorableInput",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the body (CSRF reads a form post): an oversized request gets 413.
    "schadeplatform.request_limits.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends a session idle for SESSION_IDLE_TIMEOUT seconds; needs the user, so after auth.
    "schadeplatform.request_limits.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "schadeplatform.urls"
# Under /api/ a CSRF refusal answers in the API's error shape (JSON), elsewhere Django's page.
CSRF_FAILURE_VIEW = "schadeplatform.error_views.csrf_failure"
WSGI_APPLICATION = "schadeplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "schadeplatform.accounts.context_processors.role",
            ],
            "libraries": {"dutch": "schadeplatform.templatetags.dutch"},
        },
    },
]


def with_engine_options(config: dict) -> dict:
    """A DATABASES entry with the options of its engine; production applies it to its URL too."""
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Concurrent writers (autosave beside a submit) queue for the write lock at BEGIN instead
        # of failing with "database is locked" when a read transaction tries to start writing.
        options = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    else:
        # PostgreSQL gets the parameters apart from the SQL (server-side binding), so psycopg
        # prepares a statement once a connection has run it 5 times and the server no longer
        # parses and plans it on every request: planning was most of the database's CPU per API
        # request (docs/decisions.md). Behind a pooler without prepared statements (PgBouncer in
        # transaction mode before 1.21) set DATABASE_PREPARED_STATEMENTS=false.
        options = {
            "server_side_binding": True,
            "prepare_threshold": 5 if env_bool("DATABASE_PREPARED_STATEMENTS", True) else None,
        }
    return {**config, "OPTIONS": {**config.get("OPTIONS", {}), **options}}


# SQLite is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": with_engine_options(
        env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes' backend, with a bound on failed logins per address on top.
    "schadeplatform.login_limits.LoginLimitBackend",
    # Django's ModelBackend, with the signed-in user read by a prepared query.
    "schadeplatform.accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"
LOGOUT_REDIRECT_URL = "home"

# Five failed logins lock the username/IP pair for an hour (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A locked-out login answers 429: the API's error shape under /api/, a page elsewhere.
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "schadeplatform.error_views.lockout"
# How many proxies in front of the app servers append to X-Forwarded-For (production reads it
# from the environment: 1 behind the load balancer). 0: the socket address is the client.
# Lockout, login bound and API throttles all read the client through this one function.
TRUSTED_PROXY_HOPS = 0
AXES_CLIENT_IP_CALLABLE = "schadeplatform.client_ip.client_ip"
# Failed logins from one address over all usernames within the cool-off, after which that
# address may not log in (schadeplatform/login_limits.py); the pair lock above stays at five.
LOGIN_FAILURES_PER_IP = 50

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Files that are not for everyone (assessment reports, calculation printouts, trainee photos)
# live outside MEDIA_ROOT, so no web server serves them by URL; a view checks who may see each
# one and hands it over (schadeplatform/private_files.py). Only CMS images stay under /media/.
PRIVATE_MEDIA_ROOT = BASE_DIR / "private_media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "schadeplatform.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# How a checked private file is handed over: "django" (FileResponse), "x-accel" (nginx sends
# it from an internal location) or "signed-url" (a redirect to a short-lived S3 URL).
PRIVATE_MEDIA_SERVE = "django"
PRIVATE_MEDIA_X_ACCEL_PREFIX = "/_private/"
PRIVATE_MEDIA_URL_EXPIRY = 60
# Uploads above this are refused before they reach a view; photo checks refine it per field.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A request body larger than this is answered 413 before it is read (RequestBodyLimitMiddleware):
# a photo (cases.photo_checks.MAX_UPLOAD_BYTES, 10 MB) and its form fields fit, nothing much more.
REQUEST_BODY_MAX_BYTES = 12 * 1024 * 1024

# Abuse limits (docs/hardening.md, "Abuse limits"): each answers in Dutch, 429 or 400/409.
CALCULATION_VERSIONS_MAX_PER_ATTEMPT = 30
PDF_RENDERS_MAX_PER_USER_PER_HOUR = 20
PDF_MAX_PAGES = 50
PHOTOS_MAX_PER_ATTEMPT = 40

# A session ends after this many seconds without a request (SessionIdleTimeoutMiddleware renews
# it at most once a minute, so an active user is never logged out and no request pays a write).
SESSION_IDLE_TIMEOUT = 2 * 60 * 60
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

# An optional REDIS_URL lets several app servers share cache and throttle state (issue #17).
# Sessions stay in the database, with or without Redis: a Redis restart logs nobody out, and a
# logout is never undone by a stale cached copy that a Redis out of reach kept (docs/decisions.md,
# "Exam day: what the app does when a component is away"). django-redis with IGNORE_EXCEPTIONS
# makes Redis an optional speed-up, not a point of failure: while it is away a cache read misses
# (throttles count from zero again) and a write is dropped; nothing the user did is lost.
REDIS_URL = env_optional(env_url, "REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "schadeplatform",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A Redis that is down answers at once (connection refused); one that hangs is
                # given up after half a second, so a request never waits on it for long.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    # Log the ignored errors (django-redis logs them under "django_redis.cache").
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database (they survive a Redis restart; a logout deletes the one copy),
# read with a prepared query (schadeplatform/sessions.py).
SESSION_ENGINE = "schadeplatform.sessions"
# Hot-path queries whose SQL is composed once (schadeplatform/prepared_queries.py); the tests
# turn on the check that each still matches its queryset.
PREPARED_QUERIES_VERIFY = False

# Background work (PDF rendering, bulk scoring) runs through Django's task framework.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Learning records as xAPI (issue #18, assessment/xapi/README.md): off unless XAPI_LRS_URL is
# set (the LRS's xAPI endpoint, e.g. https://lrs.example.nl/xAPI/). Credentials for HTTP basic
# authentication: username/password, or an LRS's key/secret under those names.
XAPI_LRS_URL = env_optional(env_url, "XAPI_LRS_URL", schemes=("http", "https")) or ""
XAPI_LRS_USERNAME = env_str("XAPI_LRS_USERNAME", "") or env_str("XAPI_LRS_KEY", "")
XAPI_LRS_PASSWORD = env_str("XAPI_LRS_PASSWORD", "") or env_str("XAPI_LRS_SECRET", "")
# The key of the learners' pseudonyms in statements (default: derived from SECRET_KEY). Set it
# on its own so that rotating SECRET_KEY does not give every learner a new name in the LRS.
XAPI_ACTOR_KEY = env_str("XAPI_ACTOR_KEY", "")
# Retries of a statement the LRS did not take (down, 5xx, 429): at most this many sends.
XAPI_MAX_ATTEMPTS = env_int("XAPI_MAX_ATTEMPTS", 8, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "schadeplatform.api_parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "schadeplatform.throttling.AnonRateThrottle",
        "schadeplatform.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": "120/minute",
        "user": "1200/minute",
        "login": "10/minute",
        # Open Badges' public verification (assessment/badges/README.md): checking a typed
        # e-mail address against a credential's hashed one, and checking a pasted or uploaded
        # credential, per client; an employer checks one or two, not hundreds.
        "badge_email": "10/hour",
        "badge_verify": "30/minute",
        # LTI login initiation (schadeplatform/lti/views.py): each stores a nonce in the cache for
        # a day. A class behind one school address starts about 30 launches at once.
        "lti_login": "60/minute",
    },
    "EXCEPTION_HANDLER": "schadeplatform.api_errors.exception_handler",
    # Only for DRF code that reads the client itself; our throttles use client_ip (same rule).
    "NUM_PROXIES": TRUSTED_PROXY_HOPS,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schademanager-platform API",
    "DESCRIPTION": (
        "API van het opleidings- en beoordelingsplatform voor schademanagers: calculaties "
        "(schadecalc/1), dossiers, beoordelingen (schadescore/1) en het beroepscompetentieprofiel."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Served from our own static files: no CDN, and the split view keeps scripts out of the HTML.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["schadeplatform.api_schema.only_own_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",  # drf-spectacular's default
        "schadeplatform.api_schema.document_error_responses",
    ],
}

# Pages load scripts and styles only from our own origin, never inline. Wagtail's admin ships
# inline scripts of its own and is protected by its login, so it is left out of the policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "worker-src": ["'self'", "blob:"],
    },
}

WAGTAIL_SITE_NAME = "Schademanager-platform"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "xlsx", "docx", "odt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every uploaded document is a download, PDFs too (Wagtail opens those in the browser by
# default): a file an editor uploaded never runs in the platform's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Amsterdam"]

# Where the shared contracts live beside the checkout; demo loaders read case photos from the repo.
SHARED_DIR = Path(BASE_DIR.parent / "shared")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"schadeplatform": {"level": "INFO"}},
}
