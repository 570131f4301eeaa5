"""The lesson on planning a workshop day (`content/demo_content/lessons_workshop_day.py`): its
figures are the engine's for the Golf case and the exercise's own week, it sits in the module
"werkvoorbereiding", names its sources, and the demo day links to it."""

from __future__ import annotations

import json
from decimal import ROUND_CEILING, Decimal

from calcengine import calculate, loads, parse
from cases.demo_files import demo_case
from cases.workshop_day import day_data
from cases.workshop_day.scoring import day_from_data, plan_from_data, simulate
from content.demo_content.lessons import MODULES
from content.demo_content.lessons_workshop_day import PLANNING, with_workshop_day_lessons


def body_text() -> str:
    parts = []
    for _kind, value in PLANNING["body"]:
        parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return " ".join(parts)


def nl(hours: Decimal) -> str:
    return format(hours.normalize(), "f").replace(".", ",")


def test_the_golf_hours_in_the_text_are_the_engines():
    case = demo_case("golf-front-low-speed")
    result = calculate(parse(loads(json.dumps(case["reference_precalc"]))))
    half = Decimal("0.5")

    def up(hours: Decimal) -> Decimal:
        return (hours / half).to_integral_value(rounding=ROUND_CEILING) * half

    body = up(result.labour["body"].hours)
    paint = up(result.paint.hours)
    assembly = up(result.labour["mechanical"].hours + result.labour["electrical"].hours)
    text = body_text()
    assert (
        f"plaatwerk {nl(body)} uur, spuiterij {nl(paint)} uur, montage {nl(assembly)} uur" in text
    )
    # the planning board: the Golf's paint split over Monday and Tuesday at one car's day
    assert "<td>spuiterij</td><td>maandag</td><td>3,5 uur</td>" in text
    assert "<td>spuiterij</td><td>dinsdag</td><td>3,5 uur</td>" in text


def test_the_self_check_figures_are_the_days_own():
    text = body_text()
    # the booth has 8 h; the Vito's paint runs 1,5 h on Tuesday and 5 h on Wednesday (6,5 h from
    # the engine, after its 6,5 h of panel work on Tuesday); the Yaris needs 7 h
    assert "De spuiterij heeft woensdag 8 uur" in text
    assert "nog 5 uur spuitwerk, de Yaris (belofte woensdag) 7" in text


def test_the_self_check_answer_follows_from_the_days_figures():
    """The right choice is derived from the day itself: if the booth cannot take both jobs on
    Wednesday, the job with a hard Wednesday deadline (the bus) goes first and the Yaris moves
    (choice 2); only if both fit is "beide inplannen" (choice 1) right."""
    day = day_from_data(json.loads(json.dumps(day_data.setup())))
    schedule = simulate(day, plan_from_data(day_data.REFERENCE_PLAN))
    wednesday = 2
    booth = day.capacity["spuiterij"][wednesday]
    vito = sum(h for d, h in schedule.chunks["vito"]["spuiterij"] if d == wednesday)
    by_key = {d.key: d for d in day.dossiers}
    yaris = by_key["yaris"].hours["spuiterij"]
    if booth >= vito + yaris:
        expected = 1
    elif by_key["vito"].deadline == wednesday and by_key["yaris"].deadline is None:
        expected = 2
    else:
        expected = 3
    assert booth < vito + yaris  # the day's own figures: 8 h against 5 h + 7 h
    check = next(
        value
        for kind, value in PLANNING["body"]
        if kind == "self_check" and "spuiterij heeft woensdag" in value["question"]
    )
    assert check["correct_choice"] == expected == 2
    assert check["choices"][expected - 1].startswith("De bus woensdag")


def test_the_lesson_is_in_the_work_preparation_module_with_its_profile_tags():
    module = next(m for m in with_workshop_day_lessons(MODULES) if m["slug"] == "werkvoorbereiding")
    assert PLANNING in module["lessons"]
    assert PLANNING["slug"] == day_data.LESSON_SLUG
    assert set(PLANNING["knowledge_items"]) == {"K19", "K20", "K21"}
    assert set(PLANNING["work_processes"]) == {"1.2", "1.3"}
    # the original list is not changed in place
    original = next(m for m in MODULES if m["slug"] == "werkvoorbereiding")
    assert PLANNING not in original["lessons"]


def test_the_lesson_names_its_sources_and_its_rule_of_thumb():
    text = body_text()
    assert "<h2>Bronnen</h2>" in text
    assert "vuistregel, geen openbare bron" in text
