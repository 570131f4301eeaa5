"""Settings of the load test's server: production's, served over plain HTTP on loopback.

Everything the app does per request (DEBUG off, password hashing, middleware, database sessions,
PostgreSQL) is production's. Only what needs TLS or a deploy step differs: no HTTPS redirect and
no Secure-only cookies (the client talks plain HTTP to 127.0.0.1), and static files without the
manifest that `collectstatic` would write (the load test fetches no static files).
"""

from schadeplatform.settings.production import *  # noqa: F403
from schadeplatform.settings.production import STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
