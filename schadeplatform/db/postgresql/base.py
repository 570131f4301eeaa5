"""Django's PostgreSQL backend, with the per-request health check asked of the socket, not the
server.

`CONN_HEALTH_CHECKS` makes Django check a persistent connection before the first query of
each request, so that one the server closed meanwhile (a restart, an idle timeout) is replaced
instead of failing the request. Django asks with `SELECT 1`: a round trip to the server on
every request that reads the database, a fifth of an autosave's five (issue #17). An idle
connection that is still open has nothing to read; one the server ended has its goodbye (a
termination notice, then end of file) waiting on the socket. So the check here polls the socket
without waiting: readable, or a connection psycopg already knows is broken, closes it, and the
request opens a new one; nothing to read, and it is used as it is. The same check as Go's MySQL
driver makes before it reuses a connection (go-sql-driver/mysql, conncheck.go). What no check
before the query can see (a server that vanished without closing, a network cut) fails the
query as it did before: 503 with Retry-After (`schadeplatform.error_views`), and Django closes
the connection at the end of that request.

`is_usable` itself is unchanged: Django also asks it after a request that had a database
error, and there the round trip is the right question.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import is_psycopg3


def socket_says_usable(connection) -> bool:
    """Whether an idle psycopg 3 connection may be used: not closed or broken, and nothing
    waiting to be read on its socket (what the server sends an idle connection is its end)."""
    if connection.closed or connection.broken:
        return False
    try:
        fd = connection.pgconn.socket
    except Exception:  # psycopg raises OperationalError for a connection without a socket
        return False
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    health_check_done: bool  # Django's, set per request (the stubs leave it untyped)

    def close_if_health_check_failed(self) -> None:
        if self.pool or not is_psycopg3 or not hasattr(select, "poll"):
            return super().close_if_health_check_failed()
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not socket_says_usable(self.connection):
            self.close()
        self.health_check_done = True
