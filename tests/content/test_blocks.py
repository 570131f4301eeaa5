"""StreamField blocks: the worked example is computed by the engine, the self-check needs no JS."""

import json

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from content.blocks import SelfCheckBlock, WorkedExampleBlock
from tests.shared import GOLDEN_DIR


def _golden(name: str) -> str:
    return (GOLDEN_DIR / f"{name}.input.json").read_text()


def _worked_example(raw: str):
    block = WorkedExampleBlock()
    return block, block.to_python(
        {"title": "Voorbeeld", "introduction": "", "calculation_input": raw, "explanation": ""}
    )


def test_a_worked_example_renders_the_engines_figures_in_dutch_notation():
    block, value = _worked_example(_golden("polo-total-loss"))
    html = block.render(value)
    assert "€ 5.056,09" in html  # total incl. VAT of the golden polo case
    assert "€ 3.700,00" in html  # value before damage − residual value
    assert "1.130 AE = 11,3 uur (100 AE per uur)" in html
    assert "Economisch total loss" in html
    assert "<script" not in html


def test_a_business_owner_who_deducts_vat_is_compared_without_vat_on_both_sides():
    block, value = _worked_example(_golden("polo-business-total-loss"))
    html = block.render(value)
    assert "Herstelkosten excl. btw (eigenaar verrekent btw)" in html
    assert "€ 4.178,59" in html
    # The value and the residual are shown as compared: without their VAT (4650 / 1.21, 950 / 1.21).
    assert "Waarde voor schade excl. btw" in html
    assert "€ 3.842,98" in html
    assert "€ 785,12" in html
    assert "€ 3.057,86" in html
    assert ">ja<" in html


def test_a_worked_example_with_invalid_input_is_refused_in_dutch():
    data = json.loads(_golden("clio-door-private"))
    data["vehicle"]["units_per_hour"] = 7
    block, value = _worked_example(json.dumps(data))
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    message = str(excinfo.value.block_errors["calculation_input"])
    assert "De calculatie-invoer is ongeldig" in message
    assert "vehicle.units_per_hour" in message


def test_a_worked_example_with_broken_json_is_refused():
    block, value = _worked_example("{niet: json")
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_a_self_check_shows_the_answer_behind_details_without_script():
    block = SelfCheckBlock()
    value = block.to_python(
        {
            "question": "Hoeveel AE per uur bij BMW?",
            "choices": ["10", "12", "100"],
            "correct_choice": 2,
            "feedback": "<p>BMW: 12.</p>",
        }
    )
    html = block.render(value)
    assert "<details>" in html and "<summary>" in html
    assert "Het goede antwoord is: <strong>12</strong>" in html
    assert "<script" not in html


def test_a_self_check_whose_answer_number_is_out_of_range_is_refused():
    block = SelfCheckBlock()
    value = block.to_python(
        {"question": "Vraag?", "choices": ["a", "b"], "correct_choice": 3, "feedback": "<p>x</p>"}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
