"""Redis is a speed-up, not a point of failure (issue #17): with REDIS_URL set, sessions stay in
the database and the cache is django-redis with IGNORE_EXCEPTIONS, so a Redis that is down or
restarted (emptied: it keeps nothing on disk) logs nobody out and loses nothing, and a logout
made while Redis is out of reach is never undone by a cached copy.

The settings are those `schadeplatform.settings.base` builds from REDIS_URL, applied here with
override_settings; the real Redis (127.0.0.1:6379, its database 15) where one listens.
"""

from __future__ import annotations

import socket

import pytest
from django.contrib.sessions.backends import db
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from schadeplatform.sessions import SessionStore
from schadeplatform.settings import base

pytestmark = pytest.mark.django_db

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS_TEST_DB = "redis://127.0.0.1:6379/15"


def _redis_settings(url: str) -> dict:
    """What base.py configures for REDIS_URL=url."""
    return {
        "CACHES": {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "schadeplatform-test",
                "OPTIONS": base.CACHES["default"].get("OPTIONS", {})
                if base.REDIS_URL
                else {
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 0.5,
                    "SOCKET_TIMEOUT": 0.5,
                },
            }
        },
        "SESSION_ENGINE": base.SESSION_ENGINE,
    }


def _redis_listens() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_the_settings_for_redis_are_the_ones_this_module_tests(monkeypatch):
    # given: the settings module read with REDIS_URL set
    import importlib

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    reloaded = importlib.reload(base)
    try:
        # then: sessions in the database and a cache that ignores Redis errors
        assert reloaded.SESSION_ENGINE == "schadeplatform.sessions"
        assert issubclass(SessionStore, db.SessionStore)
        assert reloaded.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
        assert reloaded.CACHES["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)


def test_with_redis_down_a_login_holds_and_the_cache_only_misses(trainee):
    with override_settings(**_redis_settings(REDIS_DOWN)):
        # when: Redis cannot be reached at all
        cache.set("probe", 1)
        client = Client()
        client.force_login(trainee)
        response = client.get(reverse("cases:index"))

        # then: the cache misses instead of failing, and the session comes from the database
        assert cache.get("probe") is None
        assert response.status_code == 200
        assert response.wsgi_request.user == trainee


@pytest.mark.skipif(not _redis_listens(), reason="no Redis on 127.0.0.1:6379")
def test_a_redis_emptied_by_a_restart_logs_nobody_out(trainee):
    with override_settings(**_redis_settings(REDIS_TEST_DB)):
        client = Client()
        client.force_login(trainee)
        assert client.get(reverse("cases:index")).wsgi_request.user == trainee
        cache.set("probe", 1)
        assert cache.get("probe") == 1  # the real Redis answers

        # when: Redis restarts (it keeps nothing on disk: everything is gone)
        cache.clear()

        # then: still logged in: the session lives in the database
        response = client.get(reverse("cases:index"))
        assert response.status_code == 200
        assert response.wsgi_request.user == trainee
        cache.clear()
