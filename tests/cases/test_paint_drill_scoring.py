"""Scoring a paint drill answer (cases/paint_drill/scoring.py), and the engine's figures."""

from __future__ import annotations

from decimal import Decimal as D

from cases.paint_drill.engine_units import engine_units
from cases.paint_drill.scoring import (
    LEVEL_NONE,
    UNITS_TOLERANCE_PERCENT,
    ModelOverlap,
    ModelPanel,
    PanelAnswer,
    score_drill,
    units_within_band,
)

DOOR_FRONT = ModelPanel("71525-AT320", "Portier links voor", "new", D(21), "nieuw")
DOOR_REAR = ModelPanel("71525-Q4280", "Portier links achter", "new", D(19), "nieuw")
FENDER = ModelPanel("71512-AT800", "Voorscherm links", "blend", D(14), "inspuiten")
USED_IN_COLOUR = ModelPanel("61124-K8310", "Portier (gebruikt, in kleur)", LEVEL_NONE, D(0), "")
OVERLAP = ModelOverlap("1", DOOR_FRONT.code, DOOR_REAR.code, D(2), "rand één keer")
PANELS = [DOOR_FRONT, DOOR_REAR, FENDER]


def right_answers() -> dict[str, PanelAnswer]:
    return {p.code: PanelAnswer(p.level, p.units) for p in PANELS}


def test_the_model_answer_scores_100():
    scored = score_drill(PANELS, [OVERLAP], right_answers(), {"1": D(2)})
    assert (scored.score, scored.earned, scored.possible) == (100, 7, 7)
    assert all(r.level_right and r.units_right for r in scored.panels)
    assert scored.overlaps[0].right


def test_an_adjacent_level_earns_no_level_credit():
    # III instead of IV (and II instead of I): strict, no half credit for a neighbour level
    answers = right_answers() | {FENDER.code: PanelAnswer("surface", D(14))}
    scored = score_drill(PANELS, [OVERLAP], answers, {"1": D(2)})
    fender = next(r for r in scored.panels if r.code == FENDER.code)
    assert not fender.level_right and fender.units_right
    assert scored.earned == 6 and scored.score == 86  # 6/7 = 85.7 → 86, half up


def test_units_outside_the_band_lose_the_units_point():
    band = DOOR_FRONT.units * UNITS_TOLERANCE_PERCENT / 100  # 2.1 units
    inside = right_answers() | {DOOR_FRONT.code: PanelAnswer("new", D(21) + band)}
    outside = right_answers() | {DOOR_FRONT.code: PanelAnswer("new", D(21) + band + D("0.1"))}
    assert score_drill(PANELS, [OVERLAP], inside, {"1": D(2)}).score == 100
    scored = score_drill(PANELS, [OVERLAP], outside, {"1": D(2)})
    door = scored.panels[0]
    assert door.level_right and not door.units_right and scored.earned == 6


def test_an_overlap_not_stated_loses_its_point():
    for stated in (None, D(0)):
        scored = score_drill(PANELS, [OVERLAP], right_answers(), {"1": stated})
        assert not scored.overlaps[0].right and scored.earned == 6


def test_a_used_part_in_colour_wants_no_paint_and_no_units():
    panels = [USED_IN_COLOUR]
    assert (
        score_drill(panels, [], {USED_IN_COLOUR.code: PanelAnswer(LEVEL_NONE, D(0))}, {}).score
        == 100
    )
    painted = score_drill(panels, [], {USED_IN_COLOUR.code: PanelAnswer("surface", D(19))}, {})
    assert painted.score == 0 and not painted.panels[0].level_right
    assert not units_within_band(D(19), D(0)) and units_within_band(None, D(0))


def test_a_panel_left_out_scores_nothing():
    scored = score_drill(PANELS, [], {}, {})
    assert scored.score == 0 and scored.possible == 6


def test_engine_units_follow_the_rate_sets_factors_and_the_overlap():
    # verzekeraar-netwerk: new 1.0, blend 0.5; setup 1.2 h; pearl labour factor 1.15
    figures = engine_units(
        vehicle_id="kia-niro-phev",
        rate_set_id="verzekeraar-netwerk",
        panels=[(p.code, p.name) for p in PANELS],
        answers=right_answers(),
        deductions={(DOOR_FRONT.code, DOOR_REAR.code): D(2)},
    )
    assert figures.per_panel == {DOOR_FRONT.code: D(21), DOOR_REAR.code: D(17), FENDER.code: D(7)}
    assert figures.total == (D(21) + D(17) + D(7) + D(12)) * D("1.15")


def test_engine_units_are_zero_without_paint_work():
    figures = engine_units(
        vehicle_id="toyota-yaris-cross-hev",
        rate_set_id="verzekeraar-netwerk",
        panels=[(USED_IN_COLOUR.code, USED_IN_COLOUR.name)],
        answers={USED_IN_COLOUR.code: PanelAnswer(LEVEL_NONE, D(0))},
        deductions={},
    )
    assert figures.per_panel == {USED_IN_COLOUR.code: D(0)} and figures.total == 0
