"""`manage.py setup_content` prepares a fresh installation without demo lessons."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Workflow

from content.models import CompetenceProfilePage, LearningIndexPage, LessonPage, WorkProcess

pytestmark = pytest.mark.django_db


def test_setup_content_builds_profile_tree_groups_and_workflow_and_runs_twice(capsys):
    call_command("setup_content")
    call_command("setup_content")
    assert WorkProcess.objects.count() == 4
    assert LearningIndexPage.objects.get().url == "/leren/"
    assert CompetenceProfilePage.objects.live().count() == 1
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Redacteuren",
        "Vaststellers",
        "Beoordelaars",
    }
    assert Workflow.objects.filter(name="Redactie en vaststelling").count() == 1
    assert not LessonPage.objects.exists()
    assert "werkstroom" in capsys.readouterr().out
