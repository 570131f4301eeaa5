"""The paint lesson ("De lakcalculatie") states the engine's figures: its worked example is the
Niro paint drill's model answer on the drill's vehicle and rate set, and every number the lesson
names is recomputed here from the engine's output, the rate set and the catalogue. A figure the
engine or the rate set no longer gives, or an engine figure the lesson leaves out, fails."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

import calcengine
from calcengine.catalogue import get_rate_set, get_vehicle
from calcengine.formatting import format_money, format_number
from cases.models import PaintDrill
from cases.paint_drill.demo import DRILLS, KNOWLEDGE_ITEMS, model_lines
from content.demo_content.lessons import MODULES

SLUG = "lakcalculatie"
DRILL = DRILLS[0]
(LESSON,) = [lesson for module in MODULES for lesson in module["lessons"] if lesson["slug"] == SLUG]
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})*(?:,\d+)?(?!\d)")
TAG = re.compile(r"<[^>]+>")


def _texts() -> list[str]:
    texts = [LESSON["summary"]]
    for kind, value in LESSON["body"]:
        if kind == "paragraph":
            texts.append(value)
        elif kind == "callout":
            texts += [value["title"], value["text"]]
        elif kind == "self_check":
            texts += [value["question"], value["feedback"], *value["choices"]]
        elif kind == "worked_example":
            texts += [value["title"], value["introduction"], value["explanation"]]
    return texts


def _text() -> str:
    return TAG.sub(" ", " ".join(_texts()))


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n.replace(".", "").replace(",", ".")) for n in NUMBER.findall(text)}


def _example_input() -> dict:
    (value,) = [v for kind, v in LESSON["body"] if kind == "worked_example"]
    return json.loads(value["calculation_input"])


def _engine_figures() -> dict[str, Decimal]:
    """What the lesson must state, from the engine's run on the worked example and the rates."""
    data = _example_input()
    output = calcengine.estimate(data)
    rates = data["rates"]
    units_per_hour = Decimal(data["vehicle"]["units_per_hour"])
    per_line = {line["id"]: Decimal(line["paint_units"]) for line in output["lines"]}
    mode_sum = sum(per_line.values())
    setup_units = Decimal(rates["paint_setup_hours"]) * units_per_hour
    figures = {f"line {code}": units for code, units in per_line.items()}
    figures |= {
        "units per hour": units_per_hour,
        "sum of the panels": mode_sum,
        "setup hours": Decimal(rates["paint_setup_hours"]),
        "setup units": setup_units,
        "panels and setup": mode_sum + setup_units,
        "paint units": Decimal(output["paint"]["units"]),
        "paint hours": Decimal(output["paint"]["hours"]),
        "paint labour": Decimal(output["paint"]["labour_amount"]),
        "paint material": Decimal(output["paint"]["material_amount"]),
        "paint rate": Decimal(rates["labour"]["paint"]),
        "material per hour": Decimal(rates["paint_material_per_hour"]),
        "pearl labour": Decimal(rates["paint_type_labour_factor"]["pearl"]),
        "metallic labour": Decimal(rates["paint_type_labour_factor"]["metallic"]),
        "pearl material": Decimal(rates["paint_type_material_factor"]["pearl"]),
        "metallic material": Decimal(rates["paint_type_material_factor"]["metallic"]),
    }
    for mode, factor in rates["paint_mode_factor"].items():
        figures[f"mode {mode}"] = Decimal(factor)
    vehicle = get_vehicle(DRILL["vehicle_id"])
    for code, _name, _damage, _level, _explanation in DRILL["panels"]:
        units = vehicle.part(code).paint_units
        if units is not None and code in per_line:
            figures[f"base {code}"] = units
    for first, second, deduction, _explanation in DRILL["overlaps"]:
        figures[f"overlap {first}/{second}"] = deduction
    return figures


def test_the_worked_example_is_the_niro_drills_model_answer_at_its_rate_set():
    data = _example_input()
    assert data["lines"] == model_lines(DRILL)
    assert data["rates"] == get_rate_set(DRILL["rate_set_id"]).rates
    vehicle = get_vehicle(DRILL["vehicle_id"])
    assert (data["vehicle"]["make"], data["vehicle"]["model"]) == (vehicle.make, vehicle.model)
    assert data["vehicle"]["paint_type"] == "pearl"
    assert not calcengine.estimate(data)["warnings"]


def test_every_number_the_lesson_states_is_an_engine_rate_or_catalogue_figure():
    allowed = set(_engine_figures().values())
    stated = _numbers(_text())
    assert stated <= allowed, sorted(stated - allowed)


def test_the_lesson_states_every_figure_of_the_calculation():
    stated = _numbers(_text())
    missing = {name: value for name, value in _engine_figures().items() if value not in stated}
    assert not missing


def test_the_lesson_states_the_engines_totals_in_dutch_notation():
    figures = _engine_figures()
    text = _text()
    assert f"{format_number(figures['paint units'])} AE" in text
    assert f"{format_number(figures['paint hours'])} spuituur" in text
    assert f"= {format_money(figures['paint labour'])}" in text
    assert f"= {format_money(figures['paint material'])}" in text


@pytest.mark.parametrize(
    "label, mode",
    [
        ("Niveau I:", "new"),
        ("Niveau II:", "surface"),
        ("Niveau III:", "repair_minor"),
        ("Niveau IV:", "repair_major"),
        ("Inspuiten:", "blend"),
    ],
)
def test_each_level_names_the_rate_sets_factor_for_its_mode(label, mode):
    items = [TAG.sub("", item) for item in re.findall(r"<li>(.*?)</li>", " ".join(_texts()))]
    (item,) = [item for item in items if item.startswith(label)]
    factor = re.search(r"[Ff]actor (\d+(?:,\d+)?)", item).group(1)
    expected = _example_input()["rates"]["paint_mode_factor"][mode]
    assert Decimal(factor.replace(",", ".")) == Decimal(expected)


def test_the_overlap_is_an_exercise_value_not_a_rule_of_the_trade():
    text = _text()
    assert "geen vaste regel in het vak" in text
    assert "oefenwaarde" in text
    assert "betalende partij" in text


def test_the_lesson_is_tagged_as_the_drill():
    assert LESSON["work_processes"] == ["1.2"]
    assert set(LESSON["knowledge_items"]) == set(KNOWLEDGE_ITEMS)


@pytest.mark.django_db
def test_load_demo_links_the_niro_drill_to_this_lesson(demo):
    drill = PaintDrill.objects.get(slug=DRILL["slug"])
    assert drill.lesson is not None and drill.lesson.slug == SLUG
    assert set(drill.lesson.knowledge_items.values_list("code", flat=True)) == set(KNOWLEDGE_ITEMS)
    assert list(drill.lesson.work_processes.values_list("code", flat=True)) == ["1.2"]
