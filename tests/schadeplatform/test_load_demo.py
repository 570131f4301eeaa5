"""load_demo: the demo users with their printed passwords, and a second run that changes nothing.

The demo is loaded once per test process (tests/conftest.py, `demo`); the second run here is
the one idempotency check for every part of the demo (accounts, content, cases, assessment, the
exercises, the badges), so the parts' own tests need not load it again.
"""

import io
import time

import pytest
from django.apps import apps
from django.core.management import call_command

from assessment.models import Grade, GradeStatus
from content.models import LessonPage
from schadeplatform.accounts.demo import DEMO_USERS
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db

# Every model of the project's apps, and Wagtail's pages and revisions (the lessons).
COUNTED_APPS = {"accounts", "content", "cases", "assessment", "lti", "wagtailcore"}


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED_APPS
    }


def _state() -> dict[str, object]:
    """What a second run must leave as it is, beyond the row counts."""
    return {
        "draft grades": sorted(
            Grade.objects.filter(status=GradeStatus.DRAFT).values_list("pk", "revision")
        ),
        "lesson revisions": dict(LessonPage.objects.values_list("pk", "latest_revision_id")),
    }


def test_load_demo_prints_the_demo_users_with_their_passwords(demo):
    for username, (_role, _first, _last, password) in DEMO_USERS.items():
        assert password in demo
        assert User.objects.get(username=username).check_password(password)


def test_load_demo_twice_changes_nothing(demo):
    counts, state = _row_counts(), _state()
    assert counts["assessment.Grade"] and counts["content.LessonPage"]
    started = time.monotonic()
    call_command("load_demo", stdout=io.StringIO())
    assert time.monotonic() - started < 60
    assert _row_counts() == counts
    assert _state() == state
