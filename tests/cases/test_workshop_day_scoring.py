"""The workshop day's rules (`cases.workshop_day.scoring`): the reference plan and other plans
that meet the constraints pass; a plan that breaks one hard constraint fails whatever its score;
soft misses cost points with a Dutch explanation; the hours come from the engine."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from calcengine import calculate, loads, parse
from cases.demo_files import demo_case
from cases.workshop_day import day_data
from cases.workshop_day.hours import department_hours_of, round_up_half_hour
from cases.workshop_day.scoring import (
    ASSESSES,
    LATER,
    day_from_data,
    plan_from_data,
    score_plan,
    simulate,
)

MA, DI, WO, DO, VR = range(5)
DAY = day_from_data(json.loads(json.dumps(day_data.setup())))


def plan(**changes):
    """The reference plan with `changes`: {dossier key: {field: value}} or colleague=..."""
    data = copy.deepcopy(day_data.REFERENCE_PLAN)
    for key, change in changes.items():
        if key == "colleague":
            data["colleague"] = change
            continue
        target = data["dossiers"].setdefault(key, {"start": {}})
        for field, value in change.items():
            if field == "start":
                target["start"] = {**target.get("start", {}), **value}
            else:
                target[field] = value
    return plan_from_data(data)


def failed(verdict):
    return {f.key for f in verdict.findings if not f.passed}


def test_the_reference_plan_meets_every_constraint():
    verdict = score_plan(DAY, plan())
    assert verdict.passed and verdict.score == 100 and not failed(verdict)
    assert verdict.ready == {
        "bmw": MA,
        "golf": DI,
        "vito": WO,
        "yaris": DO,
        "niro": LATER,
        "clio": VR,
    }


# --- legitimate alternatives pass ---------------------------------------------------------------

ALTERNATIVES = {
    # The Golf's paint starts on Tuesday (a full day in the booth), the Vito's on Wednesday:
    # both still ready by their deadlines.
    "golf-paint-tuesday-vito-paint-wednesday": {
        "golf": {"start": {"spuiterij": DI, "montage": WO}},
        "vito": {"start": {"spuiterij": WO, "montage": WO}},
    },
    # The Clio painted on Thursday and the Yaris on Friday: both customers told their own day.
    "clio-before-yaris": {
        "clio": {"start": {"plaatwerk": DO, "spuiterij": DO}, "told_day": DO},
        "yaris": {"start": {"spuiterij": VR}, "told_day": VR},
    },
    # The Clio's panel work on Friday, its paint the same day (2.5 + 4.5 h: one car's day).
    "clio-all-on-friday": {"clio": {"start": {"plaatwerk": VR, "spuiterij": VR}}},
    # The colleague helped after a short agreed time instead of at once.
    "colleague-by-appointment": {"colleague": "afspraak"},
    # The Niro's panel work starts Thursday, still after its HV release.
    "niro-from-thursday": {"niro": {"start": {"plaatwerk": DO}}},
}


@pytest.mark.parametrize("name", ALTERNATIVES)
def test_an_alternative_plan_that_meets_the_constraints_passes(name):
    verdict = score_plan(DAY, plan(**ALTERNATIVES[name]))
    assert not verdict.hard_broken, failed(verdict)
    assert verdict.passed and verdict.score == 100, failed(verdict)


# --- a broken hard constraint fails ---------------------------------------------------------------

BROKEN = {
    # Monday, with one panel beater ill: the Vito's 6.5 h beside the BMW's and the Golf's 7 h.
    "capaciteit": {"vito": {"start": {"plaatwerk": MA}}},
    "volgorde": {"golf": {"start": {"montage": MA}}},
    "akkoord": {"yaris": {"ask_insurer": False}},
    "onderdelen": {"clio": {"start": {"plaatwerk": WO, "spuiterij": WO}, "told_day": WO}},
    "hv-vrijgave": {"niro": {"start": {"plaatwerk": DI}}},
    "vervangend-vervoer-aantal": {
        "bmw": {"replacement_car": True},
        "yaris": {"replacement_car": True},
    },
}


@pytest.mark.parametrize("key", BROKEN)
def test_a_plan_that_breaks_a_hard_constraint_fails(key):
    verdict = score_plan(DAY, plan(**BROKEN[key]))
    finding = next(f for f in verdict.findings if f.key == key)
    assert not finding.passed and finding.hard and finding.details
    assert verdict.hard_broken and not verdict.passed


def test_the_ill_panel_beater_makes_monday_full():
    # Without the message the roster has 16 h; after it 8 h: the Vito's 6.5 beside the BMW's
    # and the Golf's 7 h does not fit.
    verdict = score_plan(DAY, plan(vito={"start": {"plaatwerk": MA}}))
    capacity = next(f for f in verdict.findings if f.key == "capaciteit")
    assert "plaatwerk maandag: 13,5 uur gepland, 8 uur beschikbaar" in capacity.details


def test_painting_the_yaris_and_the_vito_on_wednesday_overloads_the_booth():
    verdict = score_plan(DAY, plan(yaris={"start": {"spuiterij": WO}, "told_day": WO}))
    assert "capaciteit" in failed(verdict) and not verdict.passed


def test_work_on_the_yaris_before_the_approval_day_fails_even_when_asked():
    verdict = score_plan(DAY, plan(yaris={"start": {"plaatwerk": MA}}))
    assert "akkoord" in failed(verdict)


def test_a_high_score_does_not_save_a_plan_with_a_hard_break():
    verdict = score_plan(DAY, plan(niro={"start": {"plaatwerk": DI}}))
    assert verdict.score == 100 and not verdict.passed


# --- soft constraints cost points ----------------------------------------------------------------


def test_a_delayed_customer_not_called_costs_points_and_says_why():
    verdict = score_plan(DAY, plan(clio={"call_customer": False, "told_day": None}))
    finding = next(f for f in verdict.findings if f.key == "klant-informeren")
    assert not finding.passed and finding.earned == finding.points - 2
    assert any("niet gebeld" in line for line in finding.details)
    assert not verdict.hard_broken and verdict.score < 100


def test_telling_a_customer_another_day_than_the_plan_gives_is_wrong():
    verdict = score_plan(DAY, plan(yaris={"told_day": WO}))
    assert "klant-informeren" in failed(verdict)


def test_a_replacement_car_for_the_van_is_wasted():
    verdict = score_plan(DAY, plan(vito={"replacement_car": True}, niro={"replacement_car": False}))
    assert "vervangend-vervoer" in failed(verdict) and not verdict.hard_broken


def test_delaying_the_fleet_van_misses_its_deadline():
    # the Vito's paint on Friday, the Clio's moved to Thursday to keep the booth within its day
    verdict = score_plan(
        DAY,
        plan(
            vito={"start": {"spuiterij": DO, "montage": DO}, "call_customer": True, "told_day": DO},
            clio={"start": {"plaatwerk": DO, "spuiterij": None}, "told_day": LATER},
            yaris={"start": {"spuiterij": VR}, "told_day": VR},
        ),
    )
    assert not verdict.hard_broken, failed(verdict)
    deadlines = next(f for f in verdict.findings if f.key == "deadlines")
    assert not deadlines.passed and deadlines.earned == deadlines.points - 2


def test_refusing_the_colleague_costs_the_collaboration_points():
    verdict = score_plan(DAY, plan(colleague="niet"))
    assert "collega-ondersteunen" in failed(verdict)
    assert verdict.score == 89  # 17 of 19 points
    assert verdict.passed  # a soft miss alone: still above the pass mark


def test_several_soft_misses_fall_below_the_pass_mark():
    verdict = score_plan(
        DAY,
        plan(
            colleague="doorsturen",
            clio={"call_customer": False, "told_day": None},
            yaris={"call_customer": False, "told_day": None},
            bmw={"start": {"plaatwerk": DI, "montage": DI}},  # late, and without a car
        ),
    )
    assert verdict.score == 48  # 10 of 21: the late BMW's driver is not called either
    assert not verdict.hard_broken and not verdict.passed


# --- the simulation ----------------------------------------------------------------------------


def test_a_job_runs_on_into_the_next_day_at_most_eight_hours_a_car():
    schedule = simulate(DAY, plan())
    golf = schedule.chunks["golf"]
    assert golf["plaatwerk"] == [(MA, Decimal("4.5"))]
    assert golf["spuiterij"] == [(MA, Decimal("3.5")), (DI, Decimal("3.5"))]
    assert golf["montage"] == [(DI, Decimal("2.0"))]
    # the Niro's 35 h of panel work from Wednesday does not end this week
    assert sum(h for _d, h in schedule.chunks["niro"]["plaatwerk"]) == Decimal(24)
    assert schedule.ready["niro"] == LATER


# --- the data -------------------------------------------------------------------------------


@pytest.mark.parametrize("dossier", day_data.DOSSIERS, ids=lambda d: d["key"])
def test_a_dossiers_hours_are_the_engines_for_its_case(dossier):
    case = demo_case(dossier["case_slug"])
    result = calculate(parse(loads(json.dumps(case["reference_precalc"]))))
    exact = department_hours_of(result)
    stored = next(d for d in DAY.dossiers if d.key == dossier["key"]).hours
    for department, hours in exact.items():
        assert stored[department] == round_up_half_hour(hours)
        assert hours <= stored[department] < hours + Decimal("0.5")


def test_the_niro_is_in_hv_quarantine_by_its_case_facts():
    niro = next(d for d in DAY.dossiers if d.key == "niro")
    assert niro.hv_release_day == WO
    others = [d.key for d in DAY.dossiers if d.hv_release_day is not None]
    assert others == ["niro"]


def test_round_up_half_hour():
    assert round_up_half_hour(Decimal("4.2")) == Decimal("4.5")
    assert round_up_half_hour(Decimal("6.0")) == Decimal("6.0")
    assert round_up_half_hour(Decimal("8.004")) == Decimal("8.5")


def test_the_exercise_declares_what_it_assesses():
    from assessment.scoring.competence import COMPETENCE_AREAS, KNOWLEDGE, WORK_PROCESSES

    assert set(ASSESSES["work_processes"]) == {"1.2", "1.3"}
    assert set(ASSESSES["work_processes"]) <= set(WORK_PROCESSES)
    assert set(ASSESSES["competence_areas"]) <= set(COMPETENCE_AREAS)
    assert set(ASSESSES["knowledge"]) == {
        "prioriteiten-stellen",
        "tijdsinschatting",
        "gesprekken-voeren",
    }
    assert set(ASSESSES["knowledge"]) <= set(KNOWLEDGE)
