"""The test suite: SQLite by default, DATABASE_URL for PostgreSQL in CI; fast hashing."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REST_FRAMEWORK

DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-0123"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared in-memory database: the browser tests' live server then gives
    # each request thread its own connection, and SQLite's locking works as in production.
    # One file per test process, so two runs at once never share (and destroy) one database;
    # pytest-xdist adds each worker's suffix to the name. pytest-django deletes it at the end.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"schadeplatform-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;",
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    # Apart from "default", as in production: tests/hardening/test_private_files.py puts both
    # on disk and shows that no private file can be had at a /media/ URL.
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Throttling is tested on purpose where it matters; elsewhere it would make tests order-dependent.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_CLASSES": [],
}
AXES_ENABLED = True
PREPARED_QUERIES_VERIFY = True
WAGTAILADMIN_BASE_URL = "http://testserver"
