import pytest
from django.apps import apps
from django.core.management import call_command

from schadeplatform.accounts.demo import DEMO_USERS
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "content", "cases", "assessment"}
    }


def test_load_demo_creates_the_demo_users_with_their_printed_passwords(capsys):
    call_command("load_demo")
    printed = capsys.readouterr().out
    for username, (_role, _first, _last, password) in DEMO_USERS.items():
        assert password in printed
        assert User.objects.get(username=username).check_password(password)


def test_load_demo_twice_changes_nothing():
    call_command("load_demo")
    first = _row_counts()
    call_command("load_demo")
    assert _row_counts() == first
