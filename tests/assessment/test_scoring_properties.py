"""Properties that hold for any trainee calculation of the Golf case, however wrong."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import Verdict, prepare_reference, score_prepared
from tests.assessment.builders import calculation, golf_reference, golf_trainee

REFERENCE = prepare_reference(calculation(golf_reference()))
CODES = [item["code"] for item in golf_reference()["lines"]]

changes = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.sampled_from(["drop", "units", "paint_mode", "used", "duplicate"]),
        # From 1: a repair line with 0 labour units is refused input, not a wrong answer.
        st.integers(min_value=1, max_value=400),
    ),
    max_size=6,
)


def _trainee(edits):
    document = golf_trainee()
    for step, (code, change, number) in enumerate(edits):
        lines = [item for item in document["lines"] if item["code"] == code]
        if not lines:
            continue
        target = lines[0]
        if change == "drop":
            document["lines"].remove(target)
        elif change == "units" and "labour_units" in target:
            target["labour_units"] = str(number)
        elif change == "paint_mode" and "paint" in target:
            target["paint"]["mode"] = ["new", "surface", "repair_minor", "blend"][number % 4]
        elif change == "used" and target["operation"] == "replace":
            target["part_source"] = "used"
        elif change == "duplicate":
            copy = {**target, "id": f"d{step}"}
            document["lines"].append(copy)
    return calculation(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes)
def test_components_stay_within_0_and_1_and_points_add_up(edits):
    result = score_prepared(REFERENCE, _trainee(edits))

    for value in (result.components.L, result.components.T, result.components.D):
        assert 0 <= value <= 1
    assert Decimal(0) <= result.score <= Decimal(100)
    lost = sum(item.points_lost for item in result.lines)
    assert abs(lost - 60 * (1 - result.components.L)) < Decimal("1e-20")
    # every reference line appears once, in order
    reference_ids = [item.reference_line_id for item in result.lines if item.reference_line_id]
    assert reference_ids == [str(number) for number in range(1, 10)]
    assert result.passed == (result.score >= 70 and not result.critical_errors)


@settings(max_examples=40, deadline=None)
@given(changes)
def test_only_correct_lines_earn_full_credit(edits):
    result = score_prepared(REFERENCE, _trainee(edits))

    for item in result.lines:
        if item.verdict is Verdict.CORRECT:
            assert item.credit == 1
        elif item.verdict is not Verdict.EXTRA:
            assert item.credit < 1
