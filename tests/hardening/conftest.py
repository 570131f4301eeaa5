"""Fixtures of the hardening checks: demo data in the test database, the WSGI app in-process.

The markers are registered here rather than in pyproject.toml so that this folder carries its
own configuration; CI selects the fuzzing with `-m fuzz`.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def module_demo_data(demo_output, demo_files, django_db_blocker):
    """The demo data for a whole module: the one `load_demo` of this process (tests/conftest.py,
    `demo`), its files on disk. What the module builds on it at module scope is rolled back at
    its end; each test's own transaction nests inside as a savepoint."""
    from django.db import transaction
    from django.test import override_settings

    with override_settings(**demo_files), django_db_blocker.unblock(), transaction.atomic():
        yield demo_output
        transaction.set_rollback(True)


@pytest.fixture
def wsgi_app(db):
    """The project's WSGI application, called in this thread inside the test's transaction.

    Django closes "obsolete" connections when a request starts and ends; inside the test's
    transaction that would throw away everything the test set up, so, like Django's own test
    client, the handler is kept from doing that while the test runs.
    """
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def pytest_terminal_summary(terminalreporter):
    """How many requests each fuzzing harness sent (the example counts of the run)."""
    from tests.hardening.fuzz_support import REQUEST_COUNTS

    for harness, sent in sorted(REQUEST_COUNTS.items()):
        terminalreporter.write_line(f"fuzz: {sent} requests ({harness})")
