"""The browser tests' database copy (tests/demo_snapshot.py): a restore gives back the rows as
they were when the copy was taken, with their ids and sequences, and what came later is gone."""

from __future__ import annotations

import pytest
from django.db import connection

from schadeplatform.accounts.models import Organisation
from tests.demo_snapshot import DatabaseCopy, supported

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def copy():
    if not supported(connection):
        pytest.skip("SQLite's backup API: on PostgreSQL the browser tests load the demo each")
    made = DatabaseCopy()
    yield made
    made.forget()


def test_nothing_to_restore_before_a_copy_is_taken(copy):
    assert copy.restore(connection) is False


def test_a_restore_brings_back_the_rows_their_ids_and_the_sequence(copy):
    kept = Organisation.objects.create(name="Opleider bewaard")
    copy.take(connection)

    Organisation.objects.filter(pk=kept.pk).update(name="Opleider gewijzigd")
    later = Organisation.objects.create(name="Opleider later")

    assert copy.restore(connection) is True
    assert list(Organisation.objects.values_list("pk", "name")) == [(kept.pk, "Opleider bewaard")]
    # The sequence is the copy's too: the next row gets the id `later` had.
    assert Organisation.objects.create(name="Opleider opnieuw").pk == later.pk


def test_a_restore_is_seen_by_another_connection_to_the_same_database(copy):
    """The live server answers from other threads, each with its own connection."""
    import sqlite3

    Organisation.objects.create(name="Opleider bewaard")
    copy.take(connection)
    Organisation.objects.create(name="Opleider later")
    other = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        assert other.execute("SELECT count(*) FROM accounts_organisation").fetchone() == (2,)
        copy.restore(connection)
        assert other.execute("SELECT count(*) FROM accounts_organisation").fetchone() == (1,)
    finally:
        other.close()
