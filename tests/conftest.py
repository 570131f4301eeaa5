"""Shared fixtures: two cohorts in two organisations, each with its trainees and assessor.

Permission tests use the trio owner / colleague / outsider: `trainee` owns the work,
`other_trainee` is a colleague in the same cohort, and `outsider_assessor` assesses cohort B
and must see nothing of cohort A.

Trainees in several cohorts (issue #12): `two_organisation_trainee` is in cohort A and also in
organisation B's cohort; `multi_cohort_trainee` is in cohort A (practice, the lower id) and in
`exam_group`, an exam cohort of organisation A graded by `examiner`. Whoever sees their attempts
follows the cohort each attempt is filed in, never the trainee's other cohorts.
"""

# Imports of models happen inside the fixtures, so that the Django-free packages (calcengine)
# can also be tested with `-p no:django`.
import pytest


def _people():
    from tests import people

    return people


@pytest.fixture
def organisation():
    return _people().organisation()


@pytest.fixture
def other_organisation():
    return _people().other_organisation()


@pytest.fixture
def trainee(organisation):
    return _people().trainee(organisation)


@pytest.fixture
def other_trainee(organisation):
    return _people().other_trainee(organisation)


@pytest.fixture
def assessor(organisation):
    return _people().assessor(organisation)


@pytest.fixture
def cohort(organisation, trainee, other_trainee, assessor):
    return _people().cohort(organisation, [trainee, other_trainee], [assessor])


@pytest.fixture
def outsider_trainee(other_organisation):
    return _people().outsider_trainee(other_organisation)


@pytest.fixture
def outsider_assessor(other_organisation):
    return _people().outsider_assessor(other_organisation)


@pytest.fixture
def other_cohort(other_organisation, outsider_trainee, outsider_assessor):
    return _people().other_cohort(other_organisation, [outsider_trainee], [outsider_assessor])


@pytest.fixture
def two_organisation_trainee(organisation, cohort, other_cohort):
    """A trainee of organisation A, in cohort A and also in organisation B's cohort."""
    return _people().two_organisation_trainee(organisation, cohort, other_cohort)


@pytest.fixture
def examiner(organisation):
    return _people().examiner(organisation)


@pytest.fixture
def exam_group(organisation, cohort, examiner):
    """An exam cohort of organisation A, made after cohort A (so of a higher id)."""
    return _people().exam_group(organisation, examiner)


@pytest.fixture
def multi_cohort_trainee(organisation, cohort, exam_group):
    """A trainee in practice cohort A (the lower id) and in the exam cohort."""
    return _people().multi_cohort_trainee(organisation, cohort, exam_group)


@pytest.fixture
def editor(organisation):
    return _people().editor(organisation)


@pytest.fixture
def admin_user(organisation):
    return _people().admin_user(organisation)


def logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    """`client_for(user)` returns a test client logged in as that user."""
    return logged_in_client


@pytest.fixture
def password():
    """Every factory-made user's password."""
    from tests.factories.accounts import PASSWORD

    return PASSWORD


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Dutch). The test client runs LocaleMiddleware
    in the test's own thread, so a request in English left English active for every later test
    of that process (found when the order of the tests on a worker changed)."""
    from django.conf import settings

    if settings.configured:
        from django.utils import translation

        translation.deactivate()
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and lockouts live in the cache; no test inherits another's."""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# -- The demo data, loaded once per test process ------------------------------------------------
# `load_demo` takes ~10 s; some thirty tests read what it made. They ask for `demo`: the demo is
# loaded (and committed) once per process, the first time a test asks, and each test still runs
# in its own transaction, rolled back, on top of it. So that no other test ever sees the demo's
# rows, the tests that ask for it run after every other test in a transaction, and before the
# transactional tests, whose flush at the end would take the demo (and the rows the migrations
# made) away (`pytest_collection_modifyitems` below, after pytest-django's ordering: regular,
# transactional, no database; pytest-xdist hands each worker its tests in collection order, so
# this holds on every worker, with the default `--dist load`; not with loadscope or loadfile,
# and not with --reuse-db, which would keep the committed demo). The first transactional test
# after them flushes it first (`_transactional_tests_start_without_the_demo`). A test that loads
# the demo once more (to show that a second run changes nothing) does so inside its own
# transaction.
DEMO_FIXTURES = ("demo", "module_demo_data")


def _asks_for_demo(item) -> bool:
    return any(name in item.fixturenames for name in DEMO_FIXTURES)


def _in_a_rolled_back_transaction(item) -> bool:
    """pytest-django's first group: a database test that is not transactional."""
    if _is_transactional(item):
        return False
    return item.get_closest_marker("django_db") is not None or "db" in item.fixturenames


# What a test needs to reach the test database: the marker, or a fixture that asks for it
# (`db` and its kin all ask for `django_db_setup`, which creates it; a fixture that unblocks the
# database itself asks for it too, as `demo_output` does). `django_db_blocker` says nothing:
# pytest-django's autouse fixtures put it in every test's closure.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup"})


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that reach the database (CI's second pass, on PostgreSQL: the "
        "others do not depend on the database and ran in the first pass).",
    )


def touches_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or not DATABASE_FIXTURES.isdisjoint(
        item.fixturenames
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--database-tests-only"):
        kept, dropped = [], []
        for item in items:
            (kept if touches_the_database(item) else dropped).append(item)
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    demo = [item for item in items if _asks_for_demo(item)]
    rest = [item for item in items if not _asks_for_demo(item)]
    regular = [n for n, item in enumerate(rest) if _in_a_rolled_back_transaction(item)]
    at = regular[-1] + 1 if regular else 0
    items[:] = rest[:at] + demo + rest[at:]


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> dict:
    """Settings that keep the demo's files (photos, reports, Wagtail's documents) on disk for
    the session: the test settings' in-memory storage forgets them whenever a test changes
    STORAGES, and Wagtail serves a document from its file's path, as in production."""
    from django.conf import settings

    private = {
        "BACKEND": "schadeplatform.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": tmp_path_factory.mktemp("demo-private")},
    }
    on_disk = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "MEDIA_ROOT": tmp_path_factory.mktemp("demo-media"),
        "STORAGES": {**settings.STORAGES, "default": on_disk, "private": private},
    }


@pytest.fixture(scope="session")
def demo_output(django_db_setup, django_db_blocker, demo_files) -> str:
    """What the first `load_demo` of this process printed (it loads and commits the demo)."""
    import io

    from django.core.management import call_command
    from django.test import override_settings

    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(**demo_files):
        call_command("load_demo", stdout=out)
    _demo_state["committed"] = True
    return out.getvalue()


_demo_state = {"committed": False}


@pytest.fixture(autouse=True)
def _transactional_tests_start_without_the_demo(request):
    """The first transactional test after the demo tests starts from an empty database, as
    every later one does (each flushes at its end): it never sees the demo's rows."""
    if _demo_state["committed"] and _is_transactional(request.node):
        from django.core.management import call_command
        from django.db import connection

        from tests import demo_snapshot

        # Asked for here, not as an argument: without pytest-django (`-p no:django`, the
        # Django-free packages) the fixture does not exist.
        with request.getfixturevalue("django_db_blocker").unblock():
            if demo_snapshot.supported(connection):
                # The browser tests, transactional too, get it back from this copy.
                demo_snapshot.demo.take(connection)
            call_command("flush", interactive=False, verbosity=0)
        _demo_state["committed"] = False
    yield


def _is_transactional(item) -> bool:
    fixtures = item.fixturenames
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return True
    marker = item.get_closest_marker("django_db")
    return marker is not None and bool(
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )


@pytest.fixture
def demo(demo_output, demo_files, db):
    """The demo data (`load_demo`), committed once per process, its files on disk; gives what
    the load printed."""
    from django.test import override_settings

    with override_settings(**demo_files):
        yield demo_output
