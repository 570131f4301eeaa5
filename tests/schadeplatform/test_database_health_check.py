"""The per-request health check of a persistent PostgreSQL connection asks the socket, not the
server (schadeplatform/db/postgresql/base.py): a live idle connection is kept without a query,
one the server ended is replaced before the request's first query."""

from __future__ import annotations

import select
import socket
import time
from types import SimpleNamespace

import psycopg
import pytest
from django.db import close_old_connections, connection

from schadeplatform.db.postgresql.base import socket_says_usable

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the check is PostgreSQL's backend's"
)


def fake_connection(sock: socket.socket, *, closed=False, broken=False) -> SimpleNamespace:
    return SimpleNamespace(
        closed=closed, broken=broken, pgconn=SimpleNamespace(socket=sock.fileno())
    )


def test_an_idle_socket_with_nothing_to_read_is_usable():
    ours, server = socket.socketpair()
    with ours, server:
        assert socket_says_usable(fake_connection(ours))


def test_a_socket_with_something_to_read_or_closed_by_the_other_end_is_not():
    ours, server = socket.socketpair()
    with ours, server:
        server.sendall(b"E")  # what a terminated backend sends first: an error message
        assert not socket_says_usable(fake_connection(ours))
    ours, server = socket.socketpair()
    with ours:
        server.close()  # end of file
        assert not socket_says_usable(fake_connection(ours))


def test_a_connection_psycopg_knows_is_closed_or_broken_is_not_usable():
    ours, server = socket.socketpair()
    with ours, server:
        assert not socket_says_usable(fake_connection(ours, closed=True))
        assert not socket_says_usable(fake_connection(ours, broken=True))


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_live_connection_passes_the_check_without_a_query(monkeypatch):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    pid = backend_pid()
    close_old_connections()  # a request starts: its first query is health-checked
    assert not connection.health_check_done

    def no_query(*args, **kwargs):
        raise AssertionError("the health check asked the server")

    monkeypatch.setattr(connection.connection, "cursor", no_query)
    monkeypatch.setattr(connection.connection, "execute", no_query)
    connection.close_if_health_check_failed()
    monkeypatch.undo()
    assert connection.health_check_done
    assert backend_pid() == pid  # the same connection, kept


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_first_query():
    pid = backend_pid()
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server's goodbye reaches the socket.
    poller = select.poll()
    poller.register(connection.connection.pgconn.socket, select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50) and time.monotonic() < deadline:
        pass

    close_old_connections()  # the next request starts
    connection.close_if_health_check_failed()
    assert connection.connection is None  # closed before any query failed on it
    new_pid = backend_pid()  # and the request's query runs on a new one
    assert new_pid != pid
