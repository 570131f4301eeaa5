"""Local development: SQLite, debug pages, e-mail to the console."""

from .base import *  # noqa: F403
from .env import env_list

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
