"""Production: every secret and deployment choice comes from the environment, read loudly.

Several stateless app servers run behind a load balancer against one PostgreSQL; media live in
shared storage (S3-compatible or a shared volume); REDIS_URL shares cache and sessions; background
work goes to the database task backend, worked by `manage.py db_worker` on any machine.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import with_engine_options
from .env import (
    ImproperEnvironment,
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_str,
)

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", min_length=50)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS]
)
# Required here (no SQLite default), with the same engine options as everywhere else: without
# them production lost the prepared statements that the tests run with.
DATABASES = {"default": with_engine_options(env_database("DATABASE_URL"))}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies that append to X-Forwarded-For (the load balancer: 1). Wrong here means either
# every user shares the balancer's address (too low) or the client picks its own (too high).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, minimum=0)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_HOPS}  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("filesystem", "s3"), "filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", None),
            "region_name": env_str("AWS_S3_REGION_NAME", None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    # A shared volume mounted at the same path on every app server.
    MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Private files (reports, printouts, trainee photos; schadeplatform/private_files.py): a private
# bucket (or a prefix of the media bucket that no public policy covers) with short-lived signed
# URLs, or a folder outside MEDIA_ROOT that the web server never serves by its own URL.
if MEDIA_STORAGE == "s3":
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str(
                "PRIVATE_AWS_STORAGE_BUCKET_NAME", env_str("AWS_STORAGE_BUCKET_NAME")
            ),
            "location": env_str("PRIVATE_AWS_LOCATION", "private"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", None),
            "region_name": env_str("AWS_S3_REGION_NAME", None),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("PRIVATE_MEDIA_URL_EXPIRY", 60, minimum=5),
            "file_overwrite": False,
            "custom_domain": None,
        },
    }
else:
    PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media"))  # noqa: F405
    if Path(PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(MEDIA_ROOT).resolve()):
        raise ImproperEnvironment(
            "PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT: the web server serves MEDIA_ROOT."
        )
    STORAGES["private"] = {
        "BACKEND": "schadeplatform.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    }
# "django" streams the file from the app server (works everywhere); "x-accel" hands it to nginx
# (an `internal` location at PRIVATE_MEDIA_X_ACCEL_PREFIX aliased to PRIVATE_MEDIA_ROOT);
# "signed-url" redirects to a signed S3 URL valid PRIVATE_MEDIA_URL_EXPIRY seconds.
PRIVATE_MEDIA_SERVE = env_choice(
    "PRIVATE_MEDIA_SERVE",
    ("django", "x-accel", "signed-url"),
    "signed-url" if MEDIA_STORAGE == "s3" else "django",
)
PRIVATE_MEDIA_X_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_X_ACCEL_PREFIX", "/_private/")
PRIVATE_MEDIA_URL_EXPIRY = env_int("PRIVATE_MEDIA_URL_EXPIRY", 60, minimum=5)
if PRIVATE_MEDIA_SERVE == "x-accel" and MEDIA_STORAGE == "s3":
    raise ImproperEnvironment("PRIVATE_MEDIA_SERVE=x-accel needs MEDIA_STORAGE=filesystem.")

# Abuse limits and the idle session (base.py has the defaults and the reasons).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 12 * 1024 * 1024, minimum=1024)
CALCULATION_VERSIONS_MAX_PER_ATTEMPT = env_int(
    "CALCULATION_VERSIONS_MAX_PER_ATTEMPT", 30, minimum=1
)
PDF_RENDERS_MAX_PER_USER_PER_HOUR = env_int("PDF_RENDERS_MAX_PER_USER_PER_HOUR", 20, minimum=1)
PDF_MAX_PAGES = env_int("PDF_MAX_PAGES", 50, minimum=1)
PHOTOS_MAX_PER_ATTEMPT = env_int("PHOTOS_MAX_PER_ATTEMPT", 40, minimum=1)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60, minimum=120)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@schadeplatform.nl")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
