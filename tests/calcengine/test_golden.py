"""Every golden case, shared and own, computed to the cent (style rule 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calcengine import estimate, loads
from tests.shared import GOLDEN_DIR

OWN_GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _cases() -> list[Path]:
    found = sorted(GOLDEN_DIR.glob("*.input.json")) + sorted(OWN_GOLDEN_DIR.glob("*.input.json"))
    return found


def _without_messages(output: dict) -> dict:
    """Warning messages are free text; the code and the line are the contract."""
    return {
        **output,
        "warnings": [
            {"code": warning["code"], "line_id": warning["line_id"]}
            for warning in output["warnings"]
        ],
    }


def test_shared_golden_cases_are_present():
    assert list(GOLDEN_DIR.glob("*.input.json")), f"no golden cases in {GOLDEN_DIR}"


@pytest.mark.parametrize("input_path", _cases(), ids=lambda path: path.name[: -len(".input.json")])
def test_golden_case_is_reproduced_to_the_cent(input_path: Path):
    # given
    expected_path = input_path.with_name(input_path.name.replace(".input.json", ".output.json"))
    expected = json.loads(expected_path.read_text(encoding="utf-8"))

    # when
    actual = estimate(loads(input_path.read_bytes()))

    # then
    assert list(actual) == list(expected)
    assert _without_messages(actual) == _without_messages(expected)
    assert all(warning["message"] for warning in actual["warnings"])


def test_own_golden_cases_each_have_their_worked_arithmetic():
    for input_path in OWN_GOLDEN_DIR.glob("*.input.json"):
        name = input_path.name[: -len(".input.json")]
        assert (OWN_GOLDEN_DIR / f"{name}.output.json").exists(), name
        assert (OWN_GOLDEN_DIR / f"{name}.md").exists(), name
