"""Every known scoring case of shared/cases/scoring/: `golf.<case>.json` scored against
`golf.reference.json` must give expected.json's score, pass/fail, components (to 4 decimals,
half up) and critical error kinds in order (schadescore/2)."""

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from assessment.scoring import score_documents
from calcengine import loads
from tests.shared import SCORING_DIR

EXPECTED = json.loads((SCORING_DIR / "expected.json").read_text(encoding="utf-8"))


def _reference_of(case: str) -> str:
    # Cases are named <reference>.<variant>; the reference is <reference>.reference.json.
    family = case.split(".")[0] if "." in case else "golf"
    return f"{family}.reference.json"


def _submission_of(case: str) -> str:
    return f"{case}.json" if "." in case else f"golf.{case}.json"


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_known_case_scores_as_expected(case):
    # given
    expected = EXPECTED[case]
    reference = loads((SCORING_DIR / _reference_of(case)).read_bytes())
    submission = loads((SCORING_DIR / _submission_of(case)).read_bytes())

    # when
    result = score_documents(reference, submission)

    # then
    assert result["spec"] == "schadescore/2"
    assert result["score"] == expected["score"]
    assert result["passed"] is expected["passed"]
    for name, value in expected["components"].items():
        shown = Decimal(result["components"][name]).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        assert str(shown) == value, name
    assert [error["kind"] for error in result["critical_errors"]] == expected["critical_errors"]


def test_every_submission_file_has_an_expected_result():
    submissions = {
        path.name
        for path in SCORING_DIR.glob("*.json")
        if path.name != "expected.json" and not path.name.endswith(".reference.json")
    }
    assert submissions == {_submission_of(case) for case in EXPECTED}


def test_all_ten_examples_are_run():
    # expected.json lists the ten submissions of the Golf case; none may drop out unnoticed
    assert len(EXPECTED) == 10
