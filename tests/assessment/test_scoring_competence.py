"""The competence table behind "from error to lesson": every item it names exists, and its
titles are the profile's own words."""

import re

import pytest

from assessment.scoring import CriticalKind, Verdict
from assessment.scoring.competence import (
    COMPETENCE_AREAS,
    COMPONENT_ITEMS,
    CRITICAL_ITEMS,
    DECISION_TRADE_OFFS,
    KNOWLEDGE,
    TRADE_OFFS,
    VERDICT_ITEMS,
    WORK_PROCESSES,
)
from assessment.scoring.rules import DECISION_KEYS
from tests.shared import SEED_DIR

SEED = SEED_DIR / "bcp-schademanager-2022.txt"


def _seed_text():
    if not SEED.exists():
        pytest.skip("the competence profile seed is not beside this checkout")
    # The seed is an HTML-ish export: compare on collapsed whitespace.
    return re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))


def test_every_verdict_and_critical_kind_names_its_items():
    assert set(VERDICT_ITEMS) == {verdict.value for verdict in Verdict}
    assert set(CRITICAL_ITEMS) == {kind.value for kind in CriticalKind}


@pytest.mark.parametrize("table", [VERDICT_ITEMS, CRITICAL_ITEMS], ids=["verdicts", "critical"])
def test_items_named_are_items_of_the_profile(table):
    for kind, items in table.items():
        assert set(items["work_processes"]) <= set(WORK_PROCESSES), kind
        assert set(items["competence_areas"]) <= set(COMPETENCE_AREAS), kind
        assert set(items["knowledge"]) <= set(KNOWLEDGE), kind
        assert set(items["trade_offs"]) <= set(TRADE_OFFS), kind


def test_components_map_as_the_scoring_spec_table():
    assert COMPONENT_ITEMS["L"]["work_processes"] == ("1.2",)
    assert COMPONENT_ITEMS["T"]["competence_areas"] == ("Organiseren en uitvoeren",)
    assert COMPONENT_ITEMS["D"]["work_processes"] == ("1.1", "1.2")
    assert COMPONENT_ITEMS["critical"]["competence_areas"] == ("Organiseren en uitvoeren",)


def test_missing_adas_calibration_touches_vehicle_systems_and_vehicle_information():
    knowledge = CRITICAL_ITEMS["adas_calibration_missing"]["knowledge"]
    assert {"voertuigsystemen", "voertuigspecifieke-informatie"} <= set(knowledge)


def test_wrong_total_loss_verdict_touches_vehicle_values_and_the_trade_off():
    items = CRITICAL_ITEMS["total_loss_decision"]
    assert "waardes-voertuigen" in items["knowledge"]
    assert items["trade_offs"] == ("economisch-total-loss",)


def test_every_reference_decision_has_its_trade_off():
    assert set(DECISION_TRADE_OFFS) == set(DECISION_KEYS)
    assert set(DECISION_TRADE_OFFS.values()) <= set(TRADE_OFFS)


def test_the_profile_has_21_knowledge_items_and_6_trade_offs():
    assert len(KNOWLEDGE) == 21
    assert len(TRADE_OFFS) == 6
    assert len(COMPETENCE_AREAS) == 4


def test_titles_are_verbatim_from_the_competence_profile():
    seed = _seed_text()
    for title in [*KNOWLEDGE.values(), *TRADE_OFFS.values(), *COMPETENCE_AREAS]:
        assert title in seed, title
    for number, title in WORK_PROCESSES.items():
        assert f"{number} {title}" in seed, number
