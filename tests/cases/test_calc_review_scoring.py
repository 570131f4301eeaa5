"""Scoring a calculation review: found errors earn their cost, missed ones lose it, correct lines
marked wrong cost a stated share; the README's worked example recomputed from the Golf demo."""

from __future__ import annotations

import re
from decimal import Decimal

from cases.calc_review import error_kinds as k
from cases.calc_review.demo import EXERCISES
from cases.calc_review.injection import RATES_ANCHOR, build_review
from cases.calc_review.scoring import (
    CORRECT,
    FALSE_FLAG,
    FOUND,
    FOUND_OTHER_KIND,
    MISSED,
    RIGHT,
    WRONG,
    LineVerdict,
    MissingEntry,
    score_review,
)
from tests.cases.test_calc_review_injection import GOLF
from tests.shared import REPO_ROOT


def error(kind, line, effect):
    return {"kind": kind, "line": line, "what": f"regel {line}", "correct": "Zo.", "effect": effect}


KEY = [
    error(k.UNITS_OFF, "1", "100.00"),
    error(k.WRONG_RATES, RATES_ANCHOR, "-50.00"),
    error(k.MISSING_LINE, None, "-200.00"),
    error(k.UNDAMAGED_PART, "3", "5.00"),  # weighs the minimum, € 10
]
ANCHORS = [(RATES_ANCHOR, "Tarieven"), ("1", "een"), ("2", "twee"), ("3", "drie"), ("4", "vier")]


def test_a_perfect_review_scores_100():
    verdicts = {
        RATES_ANCHOR: LineVerdict(WRONG, k.WRONG_RATES),
        "1": LineVerdict(WRONG, k.UNITS_OFF),
        "2": LineVerdict(RIGHT),
        "3": LineVerdict(WRONG, k.UNDAMAGED_PART),
        "4": LineVerdict(RIGHT),
    }
    scored = score_review(KEY, ANCHORS, verdicts, [MissingEntry(k.MISSING_LINE, "grille")])
    assert scored.score == Decimal("100.0")
    assert scored.possible == Decimal("360.00")


def test_found_missed_and_false_flags_weighted_by_cost_by_hand():
    verdicts = {
        RATES_ANCHOR: LineVerdict(RIGHT),  # missed: loses 50
        "1": LineVerdict(WRONG, k.UNITS_OFF, "115 AE"),  # found: 100
        "2": LineVerdict(WRONG, k.PAINT_LEVEL),  # false flag: 10 % of 360 = 36
        "3": LineVerdict(WRONG, k.WRONG_OPERATION),  # found, other kind: half of 10 = 5
        # "4" not judged: counts as right
    }
    missing = [
        MissingEntry(k.MISSED_CALIBRATION, "radar"),  # another omission: half of 200 = 100
        MissingEntry(k.MISSED_HV_WORK, "HV"),  # nothing else is missing: false flag, 36
    ]
    scored = score_review(KEY, ANCHORS, verdicts, missing)
    outcomes = [(row.anchor, row.outcome) for row in scored.rows]
    assert outcomes == [
        (RATES_ANCHOR, MISSED),
        ("1", FOUND),
        ("2", FALSE_FLAG),
        ("3", FOUND_OTHER_KIND),
        ("4", CORRECT),
        (None, FOUND_OTHER_KIND),
        (None, FALSE_FLAG),
    ]
    assert scored.earned == Decimal("205.00")
    assert scored.penalty == Decimal("72.0000")
    # (205 − 72) / 360 × 100 = 36.94… → 36.9
    assert scored.score == Decimal("36.9")
    rows = {row.anchor: row for row in scored.rows if row.anchor}
    assert "Gemist: Verkeerde tarieven" in rows[RATES_ANCHOR].explanation
    assert "€ 50,00" in rows[RATES_ANCHOR].explanation
    assert "Ten onrechte afgekeurd" in rows["2"].explanation and "€ 36,00" in rows["2"].explanation


def test_the_score_never_goes_below_zero_and_rounds_half_up():
    everything_wrong = {anchor: LineVerdict(WRONG, k.PAINT_LEVEL) for anchor in ("2", "4")}
    assert score_review(KEY, ANCHORS, everything_wrong, []).score == Decimal("0.0")
    # 1/16 of the weight: 6.25 → 6.3 (half up, not half even)
    key = [error(k.UNITS_OFF, "1", "10.00"), error(k.MISSING_LINE, None, "150.00")]
    scored = score_review(key, [("1", "een")], {"1": LineVerdict(WRONG, k.UNITS_OFF)}, [])
    assert scored.score == Decimal("6.3")


def golf_example():
    data = EXERCISES[0]
    review = build_review(GOLF, data["specs"], data["seed"])
    key = [e.as_dict() for e in review.errors]
    anchors = [(RATES_ANCHOR, "Tarieven")] + [
        (x["id"], x["code"]) for x in review.document["lines"]
    ]
    by_kind = {e["kind"]: e for e in key}
    verdicts = {
        RATES_ANCHOR: LineVerdict(WRONG, k.WRONG_RATES),
        by_kind[k.UNDAMAGED_PART]["line"]: LineVerdict(WRONG, k.UNITS_OFF),
        "4": LineVerdict(WRONG, k.UNITS_OFF),
    }
    return key, score_review(key, anchors, verdicts, [])


def test_the_readmes_worked_example_is_the_golf_demo_exercise():
    key, scored = golf_example()
    readme = (REPO_ROOT / "cases" / "calc_review" / "README.md").read_text()
    section = readme.split("## Worked example", 1)[1]
    for e in key:
        shown = f"{abs(Decimal(e['effect'])):.2f}".replace(".", ",")
        assert shown in section, (e["kind"], shown)
    stated = re.search(r"score = .*?= ([\d,]+)", section, flags=re.S)
    assert stated and stated.group(1) == str(scored.score).replace(".", ",")
