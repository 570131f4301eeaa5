"""The seeded lessons tell the trade as it is: every amount a lesson states is the engine's figure
for the case data the lesson works with, the worked examples are computed from the demo cases'
own files, and the facts that were wrong once (issue #11) stay right."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal

import pytest

import calcengine
from calcengine.arithmetic import compared_value
from calcengine.catalogue import get_rate_set, get_vehicle
from cases.demo_files import DEMO_DIR
from content.demo_content.lessons import ASSESSOR_MODULE, CASE_BRIEFS, MODULES
from content.demo_content.lessons_delivery import LESSON_SLUG as DELIVERY_LESSON
from content.demo_content.lessons_delivery import case_invoice_split, with_delivery_lessons
from content.demo_content.lessons_topics import with_topic_lessons
from content.worked_example import case_calculation
from tests.cases.demo_walk import demo_case

LESSONS = [
    lesson
    for module in [*with_delivery_lessons(with_topic_lessons(MODULES)), ASSESSOR_MODULE]
    for lesson in module["lessons"]
]
PAGES = LESSONS + CASE_BRIEFS
AMOUNT = re.compile(r"€\s?(\d{1,3}(?:\.\d{3})*(?:,\d{2})?)(?!\d)")
CENT = Decimal("0.01")

# Amounts a lesson names that belong to no case: a self-check's made-up car and the new-value
# scheme's example from the calculation contract (§2.12). Each is checked by its own arithmetic.
_SPLIT = case_invoice_split()
ILLUSTRATIVE = {
    # The invoice's split (cases.invoice_split, the rule's owner) of the case's final reference:
    # own risk from its payer facts, the shares from the engine's VAT and subtotal.
    DELIVERY_LESSON: {
        _SPLIT.own_risk: _SPLIT.own_risk,
        _SPLIT.customer_pays: _SPLIT.own_risk + _SPLIT.vat,
        _SPLIT.payer_pays: _SPLIT.subtotal_excl_vat - _SPLIT.own_risk,
    },
    "economisch-total-loss-beoordelen": {
        Decimal("8000"): Decimal("8000"),
        Decimal("2500"): Decimal("2500"),
        Decimal("5200"): Decimal("5200"),
        Decimal("6292"): Decimal("5200") * Decimal("1.21"),
        Decimal("5500"): Decimal("8000") - Decimal("2500"),
        Decimal("4545.45"): (Decimal("5500") / Decimal("1.21")).quantize(CENT),
        Decimal("30000"): Decimal("30000"),
        # 40 months: 24 × 1 % + 4 × 1.5 % = 30 % off € 30,000.
        Decimal("21000"): Decimal("30000") * (1 - (24 * Decimal("0.01") + 4 * Decimal("0.015"))),
    },
    # "ruim € 30 goedkoper": the catalogue's new cap (€ 78.40) minus the used one (€ 45.00).
    "nieuwe-gebruikte-of-imitatiedelen": {Decimal("30"): Decimal("30")},
    # Paint material per paint hour: the rate set's own figure (checked with the rest of the
    # paint lesson's figures in tests/content/test_paint_lesson.py).
    "lakcalculatie": {
        Decimal("34.60"): Decimal(
            get_rate_set("verzekeraar-netwerk").rates["paint_material_per_hour"]
        )
    },
}


def _id(page):
    return page["slug"]


def _texts(page):
    """Every piece of text of a page's body, with the worked examples' inputs apart."""
    texts, examples = [page["summary"]], []
    for kind, value in page["body"]:
        if kind == "paragraph":
            texts.append(value)
        elif kind == "callout":
            texts += [value["title"], value["text"]]
        elif kind == "self_check":
            texts += [value["question"], value["feedback"], *value["choices"]]
        elif kind == "worked_example":
            texts += [value["title"], value["introduction"], value["explanation"]]
            examples.append(value)
    return texts, examples


def _amounts(text: str) -> set[Decimal]:
    return {Decimal(m.replace(".", "").replace(",", ".")) for m in AMOUNT.findall(text)}


def _money_in(value) -> set[Decimal]:
    found = set()
    if isinstance(value, dict):
        for item in value.values():
            found |= _money_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= _money_in(item)
    elif isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        found.add(Decimal(value))
    return found


def _figures(data: dict) -> set[Decimal]:
    """What the engine says about a calculation, and the data it says it about: every amount of
    its output, the vehicle's values (also on the comparison's VAT basis), the lines' prices and
    amounts, and the catalogue's list price of each replaced part."""
    output = calcengine.estimate(data)
    figures = _money_in(output) | _money_in(data["vehicle"])
    parsed = calcengine.parse(data)
    for key in ("value_before_damage", "residual_value"):
        amount = (
            output["total_loss"]["value_before_damage"]
            if key == "value_before_damage"
            else data["vehicle"][key]
        )
        figures.add(compared_value(Decimal(amount), parsed.vehicle, parsed.rates))
    model = _model(data)
    for line in data["lines"]:
        figures |= _money_in({k: line.get(k) for k in ("unit_price", "amount")})
        if model is not None and model.has_part(line["code"]):
            figures.add(model.part(line["code"]).list_price)
    return figures


def _model(data):
    from calcengine.catalogue import vehicles

    for model in vehicles():
        if (model.make, model.model) == (data["vehicle"]["make"], data["vehicle"]["model"]):
            return get_vehicle(model.id)
    return None


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_every_amount_a_page_states_is_the_engines_figure_for_its_case_data(page):
    texts, examples = _texts(page)
    allowed: set[Decimal] = set()
    for value in examples:
        allowed |= _figures(json.loads(value["calculation_input"]))
    if "case_slug" in page:
        allowed |= _figures(case_calculation(page["case_slug"]))
    illustrative = ILLUSTRATIVE.get(page["slug"], {})
    for stated, derived in illustrative.items():
        assert stated == derived.quantize(CENT), (page["slug"], stated)
    for text in texts:
        for amount in _amounts(text):
            assert amount in allowed or amount in illustrative, (page["slug"], amount, text)


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_a_worked_example_shown_as_a_model_has_no_engine_findings(page):
    """A worked example shows a calculation to copy, unless its title says it shows a mistake."""
    for value in _texts(page)[1]:
        output = calcengine.estimate(json.loads(value["calculation_input"]))
        findings = {w["code"] for w in output["warnings"]} - {"ECONOMIC_TOTAL_LOSS"}
        assert not findings or "vergeten" in value["title"], (page["slug"], value["title"])


def test_the_worked_examples_on_a_case_use_the_cases_own_vehicle_and_rates():
    for page in PAGES:
        for value in _texts(page)[1]:
            data = json.loads(value["calculation_input"])
            cases = [
                path.stem
                for path in DEMO_DIR.glob("*.json")
                if demo_case(path.stem)["reference_precalc"]["vehicle"]["vin"]
                == data["vehicle"].get("vin")
            ]
            assert len(cases) == 1, value["title"]
            case = demo_case(cases[0])["reference_precalc"]
            changed = {k for k in data["vehicle"] if data["vehicle"][k] != case["vehicle"].get(k)}
            assert changed <= {"value_before_damage", "margin_scheme"}, value["title"]


def test_the_tesla_example_has_the_cases_value_before_damage():
    (value,) = [
        v
        for page in PAGES
        for v in _texts(page)[1]
        if json.loads(v["calculation_input"])["vehicle"]["make"] == "Tesla"
    ]
    shown = calcengine.estimate(json.loads(value["calculation_input"]))
    case = calcengine.estimate(demo_case("model3-rear-ev")["reference_precalc"])
    assert shown["total_loss"] == case["total_loss"]


# --- the case briefs match their cases and do not give the answers away ----------------------

NAME = re.compile(r"(?:[Mm]evrouw|[Dd]e heer) ((?:[A-Z][a-z]+ ?)+|El [A-Z][a-z]+)")
ANSWERS = (
    "inspuit",
    "ingespoten",
    "gebruikte spiegelkap",
    "gebruikt portier",
    "moet worden vervangen",
    "kan worden hersteld",
)


@pytest.mark.parametrize("brief", CASE_BRIEFS, ids=_id)
def test_a_case_brief_names_the_cases_people_and_gives_no_answers(brief):
    case = demo_case(brief["case_slug"])
    text = " ".join(_texts(brief)[0])
    for name in NAME.findall(text):
        assert name.strip() in case["customer"]["name"], (brief["slug"], name)
    for answer in ANSWERS:
        assert answer not in text.lower(), (brief["slug"], answer)


def test_the_golf_brief_tells_the_cases_story():
    (brief,) = [b for b in CASE_BRIEFS if b["case_slug"] == "golf-front-low-speed"]
    text = " ".join(_texts(brief)[0])
    assert "El Amrani" in text and "A12" in text and "15 km/u" in text
    assert "paal" not in text


# --- facts ------------------------------------------------------------------------------------


def _lesson(slug):
    (lesson,) = [lesson for lesson in LESSONS if lesson["slug"] == slug]
    return " ".join(_texts(lesson)[0])


def test_half_a_degree_of_camera_misalignment_is_about_087_m_at_100_m():
    assert round(math.tan(math.radians(0.5)) * 100, 2) == 0.87
    assert "0,87 meter" in _lesson("adas-kalibreren")
    assert "andere rijstrook" not in _lesson("adas-kalibreren")


def test_economic_total_loss_is_repair_costs_above_value_minus_residual():
    text = _lesson("economisch-total-loss-beoordelen")
    assert "hoger zijn dan de waarde voor schade min de restwaarde" in text
    assert "na herstel waard" not in text
    # One VAT basis: the old claim that a business owner's same car would not be a total loss.
    assert "voor een ondernemer niet" not in text
    assert "beide kanten exclusief btw" in text


def test_nen_9140_is_about_who_may_work_on_an_electric_vehicle():
    text = _lesson("hv-veiligheid-intake")
    assert "veilig werken aan e-voertuigen" in text
    for role in ("ev-VOP", "ev-VP", "ev-WV"):
        assert role in text
    assert "bedrijfsprocedure (NEN 9140)" not in text


def test_the_insurer_reports_a_wok_not_the_shop():
    text = _lesson("wel-of-geen-expert")
    assert "de verzekeraar meldt de auto dan, via zijn expert, bij de RDW" in text
    assert "Dat doet het herstelbedrijf niet" in text


def test_a_park_sensor_is_tested_not_calibrated_unless_the_manufacturer_asks():
    text = _lesson("adas-kalibreren")
    assert "Ultrasone parkeersensoren zijn geen kalibratie van een rijhulpsysteem" in text
