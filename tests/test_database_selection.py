"""CI's PostgreSQL pass runs only the tests that reach the database (`--database-tests-only`):
the classification it relies on."""

from types import SimpleNamespace

import pytest

from tests.conftest import touches_the_database

# What pytest-django's autouse fixtures put into every test's closure, database or not.
EVERY_TEST = ["django_db_blocker", "_django_db_marker", "_django_setup_unittest", "request"]


def item(*fixtures: str, marker: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        fixturenames=[*EVERY_TEST, *fixtures],
        get_closest_marker=lambda name: object() if marker and name == "django_db" else None,
    )


@pytest.mark.parametrize(
    "fixtures",
    [("db",), ("transactional_db",), ("live_server",), ("django_db_setup", "module_demo_data")],
)
def test_a_test_with_a_database_fixture_in_its_closure_reaches_the_database(fixtures):
    assert touches_the_database(item(*fixtures))


def test_a_test_marked_django_db_reaches_the_database():
    assert touches_the_database(item(marker=True))


def test_a_test_with_only_the_autouse_fixtures_does_not():
    assert not touches_the_database(item("monkeypatch", "tmp_path"))
