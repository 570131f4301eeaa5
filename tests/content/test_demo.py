"""load_demo gives a new user the profile, lessons for every work process and trade-off, and
an editorial setup; running it twice changes nothing."""

import pytest
from django.contrib.auth.models import Group

import calcengine
from calcengine.formatting import format_money
from content.models import LessonPage, TradeOff, WorkProcess
from content.selectors import coverage
from content.worked_example import case_calculation

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    return demo


def test_every_work_process_and_trade_off_has_a_published_lesson(loaded):
    published = LessonPage.objects.live().public()
    for process in WorkProcess.objects.all():
        assert published.filter(work_processes=process).exists(), process.code
    for trade_off in TradeOff.objects.all():
        assert published.filter(trade_offs=trade_off).exists(), trade_off.slug


def test_coverage_shows_no_uncovered_work_process_or_trade_off(loaded):
    uncovered = {row.kind for row in coverage().uncovered()}
    assert "work_process" not in uncovered
    assert "trade_off" not in uncovered


def test_a_new_trainee_browses_the_profile_and_the_lessons(loaded, client_for):
    from schadeplatform.accounts.models import User

    client = client_for(User.objects.get(username="cursist1"))
    assert client.get("/leren/").status_code == 200
    profile_page = client.get("/leren/competentieprofiel/")
    assert profile_page.status_code == 200
    assert "Uitvoeren van de intake" in profile_page.content.decode()
    lesson = client.get("/leren/werkvoorbereiding/economisch-total-loss-beoordelen/")
    assert lesson.status_code == 200
    # The Polo case's total incl. VAT, as the engine computes it from the case file.
    polo = calcengine.estimate(case_calculation("polo-total-loss"))
    assert format_money(polo["total_incl_vat"]) in lesson.content.decode()
    assert client.get("/leren/beoordelaarsmateriaal/").status_code == 404


def test_every_seeded_lesson_renders_without_calculation_errors(loaded, client_for):
    from schadeplatform.accounts.models import User

    client = client_for(User.objects.get(username="cursist1"))
    for lesson in LessonPage.objects.live().public():
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.url
        assert "kan niet worden berekend" not in response.content.decode(), lesson.url


def test_demo_users_are_in_their_wagtail_groups(loaded):
    editors = Group.objects.get(name="Redacteuren").user_set
    assert set(editors.values_list("username", flat=True)) == {"redacteur1", "redacteur2"}
    assert Group.objects.get(name="Vaststellers").user_set.filter(username="admin").exists()
    assert Group.objects.get(name="Beoordelaars").user_set.filter(username="beoordelaar1").exists()


def test_the_demo_editor_reaches_the_wagtail_admin(loaded, client_for):
    from schadeplatform.accounts.models import User

    response = client_for(User.objects.get(username="redacteur1")).get("/cms/")
    assert response.status_code == 200


def test_the_load_demo_command_includes_the_content(loaded):
    assert "lessen" in loaded
    assert LessonPage.objects.live().count() >= 10
