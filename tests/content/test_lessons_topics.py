"""The lessons for the missing topics (issue #16 item 7, `content/demo_content/lessons_topics.py`).

- After load_demo each lesson is live in its module, tagged with its profile items and case
  briefs; a second load changes nothing.
- Each lesson ends in a "Bronnen" section, and states no figure that the test cannot find in
  that section or in the engine's run on its worked examples; a figure taken from a source names
  that source there.
- The overlap lesson's worked examples are the Golf case's reference and the same reference with
  the bumper's remove/refit added, and every figure its text names is the engine's; what it says
  of the calculation contract (no deduction of overlap, the duplicate warning only for the same
  code and operation, both lines counted) is what the engine does.
- The facts the lessons tell of the demo cases (who pays, the expert, the lease's parts, the
  reports' lines, a mild hybrid is no HV vehicle) are the case files' and the rate sets'.
Amounts in euros are also checked, with every other lesson's, in test_lesson_figures.py.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings

import calcengine
from calcengine.catalogue import get_rate_set, get_vehicle, vehicles
from calcengine.formatting import format_money, format_number
from calcengine.schema import HIGH_VOLTAGE_POWERTRAINS, POWERTRAINS, REMOVE_REFIT_OPERATION
from content.demo_content.lessons import MODULES
from content.demo_content.lessons_topics import (
    BRAND_REPAIR,
    EXPERTISE,
    GOLF_BUMPER,
    GOLF_CASE,
    INSURANCE,
    MILD_HYBRID,
    OVERLAP,
    OVERLAP_LINE_ID,
    REPORTS,
    SOURCES_HEADING,
    TOPIC_LESSONS,
    golf_bumper_refit_twice_lines,
    with_topic_lessons,
)
from content.models import LessonPage
from content.worked_example import case_calculation
from tests.cases.demo_walk import demo_case

LESSONS = [lesson for lessons in TOPIC_LESSONS.values() for lesson in lessons]
NUMBER = re.compile(r"(?<![\w.,:§])\d{1,3}(?:\.\d{3})*(?:,\d+)?(?!\d)")
ARTICLE = re.compile(r"\b\d+:\d+\b")
SECTION = re.compile(r"§\s?\d+(?:\.\d+)*")
TAG = re.compile(r"<[^>]+>")
# A vehicle's name is no figure: "Tesla Model 3", "BMW 3 Serie", "Golf 8" (the model and the
# first word of its variant, as the cases name it).
VEHICLE_NAME = re.compile(
    "|".join(
        rf"{re.escape(v.model)}(?: {re.escape(v.variant.split()[0])})?"
        for v in sorted(vehicles(), key=lambda v: -len(v.model))
    )
)

# Figures of the trade a lesson states, with the source its "Bronnen" must name for them.
SOURCED_FIGURES = {
    INSURANCE["slug"]: {
        "80": "Consumentenbond",
        "75": "Verbond van Verzekeraars",
        "3:94": "3:94 lid 1",
        "6:96": "6:96",
        "6:98": "6:98",
        "6:100": "6:100",
    },
    EXPERTISE["slug"]: {"7:959": "7:959 lid 1", "6:96": "6:96 lid 2 sub b", "§2.11": "§2.11"},
    BRAND_REPAIR["slug"]: {"3": "niveau 3"},
    MILD_HYBRID["slug"]: {
        "60": "R100",
        "30": "R100",
        "1500": "DGUV",
        "1000": "DGUV",
        "45": "Ford",
        "50": "Volvo",
        "9140": "NEN 9140",
    },
    OVERLAP["slug"]: {"§2.1": "§2.1", "§2.2": "§2.2", "§2.8": "§2.8", "§3": "§3"},
}


def _lesson_by_slug(slug: str) -> dict:
    (lesson,) = [lesson for lesson in LESSONS if lesson["slug"] == slug]
    return lesson


def _blocks(lesson: dict) -> tuple[list[str], list[dict], str]:
    """The lesson's texts outside its Bronnen section, its worked examples, and the section."""
    texts, examples, bronnen = [lesson["title"], lesson["summary"]], [], []
    for kind, value in lesson["body"]:
        if kind == "paragraph" and SOURCES_HEADING in value:
            bronnen.append(value)
        elif kind == "paragraph":
            texts.append(value)
        elif kind == "callout":
            texts += [value["title"], value["text"]]
        elif kind == "self_check":
            texts += [value["question"], value["feedback"], *value["choices"]]
        elif kind == "worked_example":
            texts += [value["title"], value["introduction"], value["explanation"]]
            examples.append(value)
    return texts, examples, " ".join(bronnen)


def _plain(markup: str) -> str:
    return re.sub(r"\s+", " ", TAG.sub(" ", markup)).replace("&amp;", "&").strip()


def _text(lesson: dict) -> str:
    return _plain(" ".join(_blocks(lesson)[0]))


def _numbers(text: str) -> set[Decimal]:
    """Plain numbers, apart from article references (6:96), contract sections (§2.11) and
    vehicle names."""
    text = VEHICLE_NAME.sub(" ", SECTION.sub(" ", ARTICLE.sub(" ", text)))
    return {Decimal(n.replace(".", "").replace(",", ".")) for n in NUMBER.findall(text)}


def _numbers_in(value) -> set[Decimal]:
    found: set[Decimal] = set()
    if isinstance(value, dict):
        for item in value.values():
            found |= _numbers_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= _numbers_in(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        found.add(Decimal(str(value)))
    elif isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        found.add(Decimal(value))
    return found


def _engine_numbers(data: dict) -> set[Decimal]:
    """Every number of a worked example's input and of the engine's output for it."""
    output = calcengine.estimate(data)
    return _numbers_in(data) | _numbers_in(output)


# --- the lessons in the demo -------------------------------------------------------------------


def test_each_topic_is_covered_once_and_no_slug_is_taken_twice():
    slugs = [
        lesson["slug"] for module in with_topic_lessons(MODULES) for lesson in module["lessons"]
    ]
    assert len(slugs) == len(set(slugs))
    assert len(LESSONS) == 6
    assert {module["slug"] for module in MODULES} >= set(TOPIC_LESSONS)
    # The seeded modules themselves are left as they are.
    assert not {lesson["slug"] for lesson in LESSONS} & {
        lesson["slug"] for module in MODULES for lesson in module["lessons"]
    }


@pytest.mark.django_db
def test_load_demo_publishes_each_lesson_in_its_module_with_its_tags(demo):
    for module_slug, lessons in TOPIC_LESSONS.items():
        for spec in lessons:
            page = LessonPage.objects.live().public().get(slug=spec["slug"])
            assert page.get_parent().slug == module_slug
            assert page.title == spec["title"]
            assert sorted(page.work_processes.values_list("code", flat=True)) == sorted(
                spec["work_processes"]
            )
            assert sorted(page.knowledge_items.values_list("code", flat=True)) == sorted(
                spec["knowledge_items"]
            )
            assert sorted(page.competence_areas.values_list("slug", flat=True)) == sorted(
                spec["competence_areas"]
            )
            assert sorted(page.trade_offs.values_list("slug", flat=True)) == sorted(
                spec["trade_offs"]
            )
            assert sorted(page.case_briefs.values_list("slug", flat=True)) == sorted(
                spec["case_briefs"]
            )
            assert any(SOURCES_HEADING in str(block.value) for block in page.body)


def test_the_reports_lesson_teaches_the_profiles_report_items():
    assert {"K07", "K13", "K14"} <= set(REPORTS["knowledge_items"])


# --- sources and figures -----------------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_each_lesson_ends_with_a_sources_section_of_its_own(lesson):
    last_kind, last_value = lesson["body"][-1]
    assert last_kind == "paragraph" and last_value.startswith(SOURCES_HEADING)
    items = re.findall(r"<li>(.*?)</li>", last_value)
    assert len(items) >= 3 and all(len(_plain(item)) > 20 for item in items)
    assert sum(SOURCES_HEADING in str(value) for _kind, value in lesson["body"]) == 1


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_a_lesson_states_no_figure_that_its_sources_or_the_engine_do_not_give(lesson):
    texts, examples, bronnen = _blocks(lesson)
    allowed = _numbers(_plain(bronnen))
    for value in examples:
        allowed |= _engine_numbers(json.loads(value["calculation_input"]))
    if lesson is OVERLAP:
        allowed |= set(_overlap_figures().values())
    stated = _numbers(_plain(" ".join(texts)))
    assert stated <= allowed, sorted(stated - allowed)


@pytest.mark.parametrize("slug", sorted(SOURCED_FIGURES))
def test_a_figure_from_a_source_is_stated_and_its_source_is_named(slug):
    lesson = _lesson_by_slug(slug)
    text, bronnen = _text(lesson), _plain(_blocks(lesson)[2])
    for figure, source in SOURCED_FIGURES[slug].items():
        assert figure in text, figure
        assert source in bronnen, (figure, source)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_a_lesson_is_500_to_1200_words_besides_its_sources(lesson):
    assert 500 <= len(_text(lesson).split()) <= 1200


# --- the overlap lesson: every figure is the engine's -----------------------------------------


def _examples(lesson: dict) -> list[dict]:
    return [json.loads(value["calculation_input"]) for value in _blocks(lesson)[1]]


def _overlap_figures() -> dict[str, Decimal]:
    reference, twice = _examples(OVERLAP)
    before, after = calcengine.estimate(reference), calcengine.estimate(twice)
    vehicle = get_vehicle(GOLF_BUMPER[0]).part(GOLF_BUMPER[1])
    rates = reference["rates"]
    return {
        "replace units": vehicle.replace_units,
        "refit units": vehicle.remove_refit_units,
        "units per hour": Decimal(reference["vehicle"]["units_per_hour"]),
        "body units before": Decimal(before["labour"]["body"]["units"]),
        "body units after": Decimal(after["labour"]["body"]["units"]),
        "body hours before": Decimal(before["labour"]["body"]["hours"]),
        "body hours after": Decimal(after["labour"]["body"]["hours"]),
        "extra hours": Decimal(after["labour"]["body"]["hours"])
        - Decimal(before["labour"]["body"]["hours"]),
        "body rate": Decimal(rates["labour"]["body"]),
        "body amount before": Decimal(before["labour"]["body"]["amount"]),
        "body amount after": Decimal(after["labour"]["body"]["amount"]),
        "small materials percent": Decimal(rates["small_materials_percent"]),
        "small materials before": Decimal(before["small_materials"]),
        "small materials after": Decimal(after["small_materials"]),
        "subtotal before": Decimal(before["subtotal_excl_vat"]),
        "subtotal after": Decimal(after["subtotal_excl_vat"]),
        "total before": Decimal(before["total_incl_vat"]),
        "total after": Decimal(after["total_incl_vat"]),
        "repair days": Decimal(after["repair_days"]),
    }


def test_the_overlap_examples_are_the_golf_reference_and_it_with_the_bumper_refitted_twice():
    reference, twice = _examples(OVERLAP)
    assert reference == case_calculation(GOLF_CASE)
    assert twice["lines"] == golf_bumper_refit_twice_lines()
    (extra,) = [line for line in twice["lines"] if line["id"] == OVERLAP_LINE_ID]
    (bumper,) = [line for line in reference["lines"] if line["code"] == extra["code"]]
    # The same part, replaced and removed/refitted: work the replacement already includes.
    assert bumper["operation"] != extra["operation"] == REMOVE_REFIT_OPERATION
    part = get_vehicle(GOLF_BUMPER[0]).part(GOLF_BUMPER[1])
    assert Decimal(bumper["labour_units"]) == part.replace_units
    assert Decimal(extra["labour_units"]) == part.remove_refit_units


def test_the_engine_does_not_see_this_overlap_and_counts_the_extra_line():
    before, after = (calcengine.estimate(data) for data in _examples(OVERLAP))
    assert before["warnings"] == [] and after["warnings"] == []
    figures = _overlap_figures()
    assert figures["body units after"] - figures["body units before"] == figures["refit units"]
    assert figures["total after"] > figures["total before"]
    assert before["repair_days"] == after["repair_days"]


def test_the_overlap_lesson_states_every_figure_of_the_two_calculations_in_dutch_notation():
    figures = _overlap_figures()
    text = _text(OVERLAP)
    expected = [
        f"{format_number(figures['replace units'])} AE uit de catalogus",
        f"{format_number(figures['units per hour'])} AE per uur",
        f"{format_number(figures['refit units'])} AE uit de catalogus",
        f"Plaatwerk {format_number(figures['body units before'])} AE, "
        f"{format_number(figures['body hours before'])} uur × {format_money(figures['body rate'])}"
        f" = {format_money(figures['body amount before'])}",
        f"{format_number(figures['body units after'])} AE: "
        f"{format_number(figures['body hours after'])} uur, "
        f"{format_number(figures['extra hours'])} uur meer",
        f"{format_money(figures['body amount after'])} in plaats van "
        f"{format_money(figures['body amount before'])}",
        f"{format_number(figures['small materials percent'])} % van de arbeid plaatwerk",
        f"van {format_money(figures['small materials before'])} naar "
        f"{format_money(figures['small materials after'])}",
        f"subtotaal is {format_money(figures['subtotal before'])}",
        f"{format_money(figures['total before'])} inclusief btw",
        f"subtotaal wordt {format_money(figures['subtotal after'])}",
        f"inclusief btw {format_money(figures['total after'])}",
        f"{format_number(figures['repair days'])} werkdagen",
    ]
    for phrase in expected:
        assert phrase in text, phrase


def test_what_the_overlap_lesson_says_of_the_duplicate_warning_is_what_the_engine_does():
    reference = case_calculation(GOLF_CASE)
    bumper = reference["lines"][0]
    doubled = {**reference, "lines": [*reference["lines"], {**bumper, "id": "99"}]}
    once, twice = calcengine.estimate(reference), calcengine.estimate(doubled)
    (warning,) = twice["warnings"]
    assert warning["code"] == "DUPLICATE_LINE" and warning["line_id"] == "99"
    # Both lines are counted: a warning is never silent and never a refusal.
    assert Decimal(twice["labour"]["body"]["units"]) == Decimal(
        once["labour"]["body"]["units"]
    ) + Decimal(bumper["labour_units"])
    text = _text(OVERLAP)
    assert "dubbel gerekend?" in warning["message"] and "'dubbel gerekend?'" in text
    assert "DUPLICATE_LINE" in text and "rekent beide regels wel mee" in text


def test_the_overlap_lesson_quotes_sections_the_calculation_contract_has():
    spec = settings.SHARED_DIR / "docs" / "calculation-spec.md"
    if not spec.exists():
        pytest.skip("the shared calculation contract is not on this machine")
    contract = spec.read_text(encoding="utf-8")
    assert "1. **Labour units** per category: sum `labour_units`" in contract
    assert "add `paint_setup_hours × units_per_hour`" in contract
    assert "`disposal_fee` when at least one replace line exists" in contract
    assert "| `DUPLICATE_LINE` | two lines with the same `code` and `operation`" in contract
    assert "never silent, never fatal" in contract


# --- what the lessons say of the demo cases ---------------------------------------------------


def test_the_insurance_lesson_tells_the_cases_payers_as_they_are():
    text = _text(INSURANCE)
    clio, golf = demo_case("clio-door-private"), demo_case(GOLF_CASE)
    assert "mevrouw Hendriks in de Clio-casus" in text
    assert clio["payer_rules"]["cover"] == "wa" and clio["customer"]["kind"] == "private"
    assert "Hendriks" in clio["customer"]["name"]
    assert "tarief verzekeraar-netwerk in de Golf-casus" in text
    assert golf["rate_set_id"] == "verzekeraar-netwerk" and golf["payer_rules"]["cover"] == "casco"
    assert get_rate_set(golf["rate_set_id"]).rules.steered


def test_the_niro_example_is_above_the_expert_limit_and_no_economic_total_loss():
    (data,) = _examples(EXPERTISE)
    case = demo_case("niro-phev-sill-structural")
    assert data == case_calculation("niro-phev-sill-structural")
    output = calcengine.estimate(data)
    rules = get_rate_set(case["rate_set_id"]).rules
    assert rules.needs_expert(Decimal(output[rules.limit_basis]))
    assert not output["total_loss"]["economic_total_loss"]
    assert case["structural_damage_wok"] is True
    text = _text(EXPERTISE)
    assert "boven het grensbedrag van de opdrachtgever" in text
    assert f"grens van {format_money(output['total_loss']['threshold'])}" in text


def test_the_expertise_lesson_keeps_the_platforms_total_loss_rule_and_adds_no_threshold():
    text = _text(EXPERTISE)
    assert "hoger zijn dan de waarde voor schade min de restwaarde" in text
    assert "2/3" not in text and "twee derde" not in text


def test_the_lease_in_the_bmw_case_allows_original_parts_only():
    case = demo_case("bmw-3-windscreen-adas")
    rules = get_rate_set(case["rate_set_id"]).rules
    assert not rules.used_parts_allowed and not rules.aftermarket_parts_allowed
    assert case["payer_rules"]["name"].startswith("Kanaal Lease")
    assert "Kanaal Lease alleen originele onderdelen" in _text(BRAND_REPAIR)


def test_the_reports_the_lesson_names_are_lines_of_the_cases():
    niro = {line["description"] for line in case_calculation("niro-phev-sill-structural")["lines"]}
    tesla = {line["code"] for line in case_calculation("model3-rear-ev")["lines"]}
    text = _text(REPORTS)
    for description in (
        "Carrosserie opmeten op richtbank",
        "Foutcodes uitlezen en wissen (diagnose)",
    ):
        assert description in niro and f"'{description}'" in text
    assert "SUB-ALIGN" in tesla and "uitlijnen als werk derden" in text


def test_a_mild_hybrid_is_no_hv_vehicle_for_the_engine_as_the_lesson_says():
    assert "ICE" in POWERTRAINS and "ICE" not in HIGH_VOLTAGE_POWERTRAINS
    assert "HEV" in HIGH_VOLTAGE_POWERTRAINS
    data = case_calculation(GOLF_CASE)
    data["lines"][0] = {**data["lines"][0], "hv_zone": True}
    assert data["vehicle"]["powertrain"] == "ICE"
    assert not [
        w for w in calcengine.estimate(data)["warnings"] if w["code"] == "HV_SAFETY_MISSING"
    ]
    data["vehicle"]["powertrain"] = "HEV"
    assert [w for w in calcengine.estimate(data)["warnings"] if w["code"] == "HV_SAFETY_MISSING"]
    text = _text(MILD_HYBRID)
    assert "'verbrandingsmotor' (ICE), niet 'hybride (HEV)'" in text
    assert "60 V gelijkspanning" in text and "NEN 9140" in text
