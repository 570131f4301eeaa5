"""Feedback links only lessons about the error: the error's own knowledge items or trade-offs,
in its work process, and fitting the case's vehicle (no HV lesson for a petrol car)."""

import pytest
from django.urls import reverse

from assessment import mistake_lessons as lessons
from assessment.scoring.competence import KNOWLEDGE_CODES
from tests.factories.assessment import (
    CaseVersionFactory,
    finished_attempt,
    golf_document,
    signed_grade,
)

pytestmark = pytest.mark.django_db

PETROL = {**golf_document("reference")["vehicle"], "powertrain": "ICE"}
ELECTRIC = {**golf_document("reference")["vehicle"], "powertrain": "BEV"}


def _publish(title, *, knowledge=(), trade_offs=(), work_processes=()):
    from wagtail.models import Page

    from content.models import CoreTask, KnowledgeItem, LessonPage, TradeOff, WorkProcess

    root = Page.get_first_root_node()
    lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"), summary="s", body=[])
    root.add_child(instance=lesson)
    for slug in knowledge:
        item, _ = KnowledgeItem.objects.get_or_create(
            slug=slug, defaults={"code": KNOWLEDGE_CODES[slug], "title": slug}
        )
        lesson.knowledge_items.add(item)
    for slug in trade_offs:
        item, _ = TradeOff.objects.get_or_create(slug=slug, defaults={"title": slug})
        lesson.trade_offs.add(item)
    for code in work_processes:
        task, _ = CoreTask.objects.get_or_create(code="1", defaults={"title": "Managen"})
        item, _ = WorkProcess.objects.get_or_create(
            code=code, defaults={"title": code, "core_task": task}
        )
        lesson.work_processes.add(item)
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def demo_like_lessons():
    """The demo's HV lesson and units lesson, tagged as content/demo_content/lessons.py does."""
    _publish(
        "HV-veiligheid bij de intake",
        knowledge=(
            "voertuigsystemen",
            "aandrijflijnen",
            "energieopslagsystemen",
            "voertuigspecifieke-informatie",
        ),
        trade_offs=("expert-raadplegen",),
        work_processes=("1.1",),
    )
    _publish(
        "Werken met arbeidseenheden",
        knowledge=("calculatieprogramma", "calculatie-lezen", "tijdsinschatting"),
        trade_offs=("balans-calculeren",),
        work_processes=("1.2",),
    )
    # An HV lesson in the calculation's own work process, sharing the units error's items.
    _publish(
        "HV-werk calculeren",
        knowledge=("energieopslagsystemen", "calculatieprogramma"),
        trade_offs=("balans-calculeren",),
        work_processes=("1.2",),
    )
    _publish("Total loss", trade_offs=("economisch-total-loss",), work_processes=("1.2",))


def _titles(kind: str, vehicle, *, critical=False) -> list[str]:
    effective = (
        {"critical_errors": [{"kind": kind}], "lines": []}
        if critical
        else {"critical_errors": [], "lines": [{"verdict": kind}]}
    )
    (mistake,) = lessons.mistakes_with_lessons(effective, [], vehicle)
    return [lesson.title for lesson in mistake.lessons]


def test_units_off_on_a_petrol_car_links_no_hv_lesson(demo_like_lessons):
    titles = _titles("units_off", PETROL)

    assert titles == ["Werken met arbeidseenheden"]


def test_units_off_on_an_electric_car_may_link_the_hv_calculation_lesson(demo_like_lessons):
    titles = _titles("units_off", ELECTRIC)

    # Both teach two of the error's items; the intake lesson (1.1) is not about a 1.2 error.
    assert titles == ["HV-werk calculeren", "Werken met arbeidseenheden"]
    assert "HV-veiligheid bij de intake" not in titles


def test_missing_hv_safety_on_an_electric_car_links_the_hv_lesson(demo_like_lessons):
    titles = _titles("hv_safety_missing", ELECTRIC, critical=True)

    assert "HV-veiligheid bij de intake" in titles
    assert "Total loss" not in titles


def test_a_lesson_sharing_only_the_work_process_is_not_linked(demo_like_lessons):
    # "Total loss" is in 1.2 like every calculation error, but teaches none of its items.
    for kind in ("units_off", "wrong_operation", "missing", "extra"):
        assert "Total loss" not in _titles(kind, PETROL), kind


def test_the_result_page_uses_the_cases_powertrain(
    demo_like_lessons, trainee, cohort, assessor, client_for
):
    from assessment import services

    petrol_version = CaseVersionFactory(vehicle_snapshot=PETROL)
    attempt = finished_attempt(trainee=trainee, cohort=cohort, case_version=petrol_version)
    grade = services.grade_start(attempt=attempt, by=assessor)
    services.line_override_create(
        grade=grade, by=assessor, line_key="4", new_verdict="units_off", reason="Te veel AE."
    )
    grade = signed_grade(attempt, assessor)
    services.grade_release(grade=grade, by=assessor)

    response = client_for(trainee).get(reverse("assessment:result", args=[attempt.pk]))

    mistakes = {m.kind: m for m in response.context["mistakes"]}
    titles = [lesson.title for lesson in mistakes["units_off"].lessons]
    assert titles == ["Werken met arbeidseenheden"]
