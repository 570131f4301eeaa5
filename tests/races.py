"""Helpers of the race tests: work started in real threads at one moment, each thread with its
own database connection and, for requests, its own test client.

The tests that use them run with `django_db(transaction=True)`: a test wrapped in one
transaction would let every thread see its uncommitted rows on one connection and hide the
locking under test. SQLite (`transaction_mode IMMEDIATE`) serialises whole write transactions
instead of locking rows, so the same tests check both backends; CI runs them on both.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.test import Client

# Long enough for a thread to wait behind the others on a loaded 2-core machine.
JOIN_SECONDS = 60


def run_at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(0)` … `work(count - 1)` in `count` threads released together by a barrier.

    Returns each call's result, or the exception it raised (the outcome under test).
    """
    barrier = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def runner(index: int) -> None:
        try:
            barrier.wait(timeout=JOIN_SECONDS)
            outcomes[index] = work(index)
        except Exception as exc:  # whatever happens is the outcome under test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a racing thread hangs"
    return outcomes


def lock_waits() -> list[tuple[Any, ...]]:
    """PostgreSQL's view of who waits for which lock, read on a connection of its own."""
    default = connections["default"]
    other = default.__class__(default.settings_dict, alias="lock-waits")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT a.pid, l.locktype, l.relation::regclass::text, l.mode, left(a.query, 200)"
                " FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted"
            )
            return cursor.fetchall()
    finally:
        other.close()


def session_of(user: Any) -> str:
    """A logged-in session key for `user`, made once, for clients in other threads."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_with(session_key: str) -> Client:
    """A client of its own on an existing session; a 500 comes back as a response."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def send(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def messages_of(response: Any) -> list[str]:
    """The messages of an API error answer (`{"errors": [{"path", "message"}]}`)."""
    return [error["message"] for error in response.json()["errors"]]
