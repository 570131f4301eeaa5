"""From error to lesson: each mistake names profile items and links the lessons tagged with them."""

import pytest
from django.urls import reverse

from assessment import mistake_lessons as lessons
from assessment import services
from assessment.scoring.competence import CRITICAL_ITEMS, VERDICT_ITEMS
from assessment.workflow_checks import CHECKS
from tests.factories.assessment import finished_attempt, released_grade

pytestmark = pytest.mark.django_db


def test_every_verdict_critical_error_and_check_names_profile_items():
    for kind in ("alternative", "units_off", "wrong_operation", "missing", "extra"):
        assert lessons.items_for_verdict(kind), kind
        assert kind in VERDICT_ITEMS
    for kind in CRITICAL_ITEMS:
        assert lessons.items_for_critical(kind).work_processes, kind
    for key in CHECKS:
        assert lessons.items_for_check(key).competence_areas, key


def test_no_lesson_models_means_no_lessons_and_no_error(monkeypatch):
    monkeypatch.setattr(lessons, "lesson_models", lambda: [])
    assert lessons.lessons_for(lessons.items_for_verdict("missing")) == []


def _publish_lesson(title, *, knowledge_codes=(), trade_offs=()):
    from wagtail.models import Page

    from content.models import KnowledgeItem, LessonPage, TradeOff

    root = Page.get_first_root_node()
    lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"), summary="s", body=[])
    root.add_child(instance=lesson)
    for index, code in enumerate(knowledge_codes):
        item, _ = KnowledgeItem.objects.get_or_create(
            code=code, defaults={"title": f"item {code}", "sort_order": index}
        )
        lesson.knowledge_items.add(item)
    for slug in trade_offs:
        item, _ = TradeOff.objects.get_or_create(slug=slug, defaults={"title": slug})
        lesson.trade_offs.add(item)
    lesson.save_revision().publish()
    return lesson


def test_a_mistake_links_the_published_lesson_tagged_with_its_items(
    trainee, cohort, assessor, client_for
):
    # "wrong_operation" touches repareren-of-vervangen; the bonnet replaced where the reference repairs.
    lesson = _publish_lesson("Repareren of vervangen", trade_offs=["repareren-of-vervangen"])
    _publish_lesson("Iets anders", trade_offs=["economisch-total-loss"])
    attempt = finished_attempt(trainee=trainee, cohort=cohort, submission="bonnet-replaced")
    grade = services.grade_start(attempt=attempt, by=assessor)
    services.line_override_create(
        grade=grade,
        by=assessor,
        line_key="4",
        new_verdict="wrong_operation",
        reason="Herstel was mogelijk.",
    )
    released_grade(attempt, assessor)

    response = client_for(trainee).get(reverse("assessment:result", args=[attempt.pk]))

    mistakes = {m.kind: m for m in response.context["mistakes"]}
    titles = [lesson.title for lesson in mistakes["wrong_operation"].lessons]
    assert titles == ["Repareren of vervangen"]
    link = mistakes["wrong_operation"].lessons[0].url
    assert f'<a href="{link}">Repareren of vervangen</a>' in response.content.decode()
    assert lesson.title == "Repareren of vervangen"
