"""The lessons on the kerb case's reports and the 48 V mild hybrid
(`content/demo_content/lessons_case_reports.py`): their figures are the case files' and the
engine's, the reports' marks agree with their own tolerances, and load_demo publishes them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import calcengine
from calcengine.formatting import format_money
from cases.calc_review.injection import clean_reference
from cases.demo_files import demo_case
from content.demo_content import lessons_case_reports as lessons
from content.demo_content.lessons import MODULES

SPEC = re.compile(r"^([+−-]?\d+°\d+') ± (\d+°\d+')")


def _text(lesson) -> str:
    parts = []
    for _kind, value in lesson["body"]:
        parts.append(value if isinstance(value, str) else " ".join(map(str, value.values())))
    return " ".join(parts)


def test_the_lessons_join_the_work_preparation_module():
    modules = {m["slug"]: m for m in lessons.with_case_report_lessons(MODULES)}
    slugs = [lesson["slug"] for lesson in modules["werkvoorbereiding"]["lessons"]]
    assert lessons.KERB_LESSON["slug"] in slugs and lessons.MHEV_LESSON["slug"] in slugs
    # The module list itself is not changed in place.
    assert (
        lessons.KERB_LESSON
        not in next(m for m in MODULES if m["slug"] == "werkvoorbereiding")["lessons"]
    )


def test_the_kerb_lesson_shows_every_value_of_the_cases_reports():
    text = _text(lessons.KERB_LESSON)
    for row in lessons.ALIGNMENT["rows"]:
        for cell in row:
            assert cell in text, cell
    for row in lessons.DIAGNOSIS_CODES:
        assert row[1] in text and row[2] in text


def test_the_report_marks_exactly_the_values_outside_their_tolerance():
    """A value is marked "!" if and only if it lies outside nominal ± tolerance."""
    checked = 0
    for row in lessons.ALIGNMENT["rows"]:
        spec = SPEC.match(row[3])
        if not spec:
            continue
        nominal, tolerance = (lessons.minutes(part) for part in spec.groups())
        for value in row[1:3]:
            if not value:
                continue
            outside = abs(lessons.minutes(value) - nominal) > tolerance
            assert outside is value.endswith("!"), (row[0], value)
            checked += 1
    assert checked >= 14
    assert lessons.OUT, "the case's report shows a value out of tolerance"


def test_the_left_right_differences_are_computed_and_within_the_maximum():
    assert lessons.minutes(lessons.CAMBER_DIFF) <= lessons.minutes(lessons.CAMBER_MAX)
    assert lessons.minutes(lessons.CASTER_DIFF) <= lessons.minutes(lessons.CASTER_MAX)
    text = _text(lessons.KERB_LESSON)
    assert lessons.CAMBER_DIFF in text and lessons.CASTER_DIFF in text


def test_the_only_front_deviation_is_the_left_toe_so_the_reference_replaces_the_tie_rod():
    assert all(item.startswith(("sporing", "totale sporing")) for item in lessons.OUT)
    data = demo_case(lessons.KERB_CASE)
    replaced = {
        line["description"]
        for line in data["reference_precalc"]["lines"]
        if line["operation"] == "replace"
    }
    assert any(name.startswith("Spoorstang links") for name in replaced)


def test_the_48v_line_amount_is_the_engines():
    reference = demo_case(lessons.MHEV_CASE)["reference_precalc"]
    data = clean_reference({**reference, "lines": [lessons.disconnect_line()]})
    electrical = calcengine.estimate(data)["labour"]["electrical"]
    assert Decimal(electrical["amount"]) == lessons.DISCONNECT_AMOUNT
    assert Decimal(electrical["hours"]) == lessons.HOURS
    assert format_money(lessons.DISCONNECT_AMOUNT) in _text(lessons.MHEV_LESSON)


def test_the_48v_case_is_no_high_voltage_vehicle_and_the_lesson_says_so():
    data = demo_case(lessons.MHEV_CASE)
    assert data["reference_precalc"]["vehicle"]["powertrain"] == "ICE"
    # no HV facts; the intake asks to tell 48 V from HV, and the answer is "no HV system"
    assert data["hv_facts"] is None and data["expected_hv_judgement"] == "not_hv"
    assert lessons.MILD_HYBRID_VOLTS < lessons.HV_THRESHOLD_VOLTS
    assert "60 V gelijkspanning" in _text(lessons.MHEV_LESSON)
    codes = {line["code"] for line in data["reference_precalc"]["lines"]}
    assert "ELEC-48V-OFF" in codes and "HV-SAFE" not in codes


def test_each_lesson_ends_in_its_sources():
    for lesson in (lessons.KERB_LESSON, lessons.MHEV_LESSON):
        kind, last = lesson["body"][-1]
        assert kind == "paragraph" and last.startswith("<h2>Bronnen</h2>")


@pytest.mark.django_db
def test_load_demo_publishes_both_lessons(demo):
    from content.models import LessonPage

    for lesson in (lessons.KERB_LESSON, lessons.MHEV_LESSON):
        page = LessonPage.objects.live().get(slug=lesson["slug"])
        assert page.get_parent().slug == "werkvoorbereiding"
