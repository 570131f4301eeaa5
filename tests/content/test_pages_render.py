"""The pages render what a trainee needs: the whole profile, lessons, and a start button."""

import pytest
from django.urls import NoReverseMatch

from content.models import KnowledgeItem, TradeOff, WorkProcess
from tests.factories.content import CaseBriefPageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def test_the_profile_page_renders_the_whole_profile(client_for, trainee, profile_page, module):
    intake = WorkProcess.objects.get(code="1.1")
    LessonPageFactory(parent=module, title="De intake", work_processes=[intake])
    html = client_for(trainee).get("/leren/competentieprofiel/").content.decode()
    assert "Kerntaak 1 Managen van het schadeherstelproces" in html
    for process in WorkProcess.objects.all():
        assert process.title in html
    for item in KnowledgeItem.objects.all():
        assert item.title in html
    for trade_off in TradeOff.objects.all():
        assert trade_off.title in html
    assert "Interacteren, beïnvloeden en presenteren" in html
    assert "Schademanager, schadecalculator, calculator" in html
    assert "<li>Inschatting van reparatieduur en kosten.</li>" in html
    assert "De intake" in html  # the lesson for 1.1 is linked from its work process


def test_a_lesson_shows_its_profile_tags_and_linked_case(
    client_for, trainee, profile, module, case_index
):
    brief = CaseBriefPageFactory(parent=case_index, title="Polo total loss")
    trade_off = TradeOff.objects.get(slug="economisch-total-loss")
    lesson = LessonPageFactory(parent=module, trade_offs=[trade_off], case_briefs=[brief])
    html = client_for(trainee).get(lesson.url).content.decode()
    assert "Is het voertuig economisch total loss?" in html
    assert "Polo total loss" in html


def test_a_case_brief_without_its_case_says_so_instead_of_a_button(client_for, trainee, case_index):
    brief = CaseBriefPageFactory(parent=case_index, case_slug="bestaat-niet")
    html = client_for(trainee).get(brief.url).content.decode()
    assert "nog niet beschikbaar" in html
    assert "Start deze casus" not in html


def test_a_case_brief_start_url_falls_back_to_none_without_the_cases_route(case_index, monkeypatch):
    brief = CaseBriefPageFactory(parent=case_index)

    def refuse(*args, **kwargs):
        raise NoReverseMatch("geen route")

    monkeypatch.setattr("content.models.pages.reverse", refuse)
    assert brief.start_url is None
