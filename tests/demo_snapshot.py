"""A copy of the test database as `load_demo` left it, for the browser tests (SQLite only).

`load_demo` takes seconds; the browser tests each need the demo in a database they may change
and that is emptied after them (they are transactional: the live server answers from another
thread). So the demo is loaded once per test process and copied, page for page, with SQLite's
backup API into an in-memory database; each browser test gets the test database back from that
copy in milliseconds: the same rows, ids and sequences.

The copy is taken where the demo already is: just before the demo loaded for the other tests is
flushed (tests/conftest.py), or after the first browser test of a process loaded it itself
(tests/e2e/conftest.py). Both load it with the demo's files on disk (`demo_files`), which stay
for the session, so every restored row still finds its file.
"""

from __future__ import annotations

import sqlite3


def supported(connection) -> bool:
    return connection.vendor == "sqlite"


class DatabaseCopy:
    """One in-memory copy of the SQLite database behind a Django connection."""

    def __init__(self) -> None:
        self._copy: sqlite3.Connection | None = None

    def take(self, connection) -> None:
        """Copy the database as it is now (replacing an earlier copy)."""
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        self.forget()
        self._copy = copy

    def restore(self, connection) -> bool:
        """Put the copy back, whole; False when there is none."""
        if self._copy is None:
            return False
        connection.ensure_connection()
        self._copy.backup(connection.connection)
        return True

    def forget(self) -> None:
        if self._copy is not None:
            self._copy.close()
            self._copy = None


demo = DatabaseCopy()
