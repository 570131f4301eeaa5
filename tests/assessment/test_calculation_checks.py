"""The workflow checks that read the trainee's calculation (assessment.calculation_checks): the
kerb case's bent tie rod and the calibration after the alignment (K07, K13, K14), and the mild
hybrid's 48 V disconnect, on the demo cases' own references."""

from __future__ import annotations

import pytest

from assessment.workflow_checks import CASE_FACTS, CHECKS
from calcengine.catalogue import prefill_line
from cases.calc_review.injection import clean_reference
from tests.assessment.timeline_fakes import check
from tests.cases.demo_walk import EARLIER_DEMO_CASES, demo_case, demo_version

KERB = "peugeot-208-kerb-alignment"
MHEV = "golf-etsi-48v-side-sill"
NEW_CHECKS = (
    "suspension_part_from_reports",
    "calibration_after_alignment",
    "mild_hybrid_disconnect",
)


def _submitted(slug, change=lambda lines: lines):
    calculation = clean_reference(demo_case(slug)["reference_precalc"])
    return {**calculation, "lines": change(calculation["lines"])}


def _check(slug, key, calculations):
    return check(key, demo_version(slug), [], calculations)


def _without(code):
    return lambda lines: [line for line in lines if line["code"] != code]


def test_the_new_checks_declare_their_profile_items_and_case_facts():
    for key in NEW_CHECKS:
        title, process, area, knowledge, _ = CHECKS[key]
        assert title and process == "1.2" and area and knowledge
        assert key in CASE_FACTS
    knowledge = {slug for key in NEW_CHECKS for slug in CHECKS[key][3]}
    assert {"wielophanging", "uitlijnrapporten", "diagnoserapporten"} <= knowledge
    assert "energieopslagsystemen" in knowledge


@pytest.mark.parametrize("key", NEW_CHECKS[:2])
def test_the_kerb_reference_passes_the_report_checks(key):
    result = _check(KERB, key, [_submitted(KERB)])
    assert result.applicable and result.passed, result.explanation
    assert CASE_FACTS[key](demo_version(KERB))


def test_replacing_the_undamaged_control_arm_instead_of_the_tie_rod_fails():
    def swap(lines):
        lines = [line for line in lines if line["code"] != "1613785880"]
        return [*lines, prefill_line("peugeot-208", "1698204111", "replace", line_id="3")]

    result = _check(KERB, "suspension_part_from_reports", [_submitted(KERB, swap)])
    assert result.applicable and not result.passed
    assert "Spoorstang links" in result.explanation


def test_a_missing_alignment_fails_both_report_checks():
    calculations = [_submitted(KERB, _without("SUB-ALIGN"))]
    for key in NEW_CHECKS[:2]:
        assert not _check(KERB, key, calculations).passed, key


def test_the_camera_calibration_missing_after_the_alignment_fails():
    result = _check(
        KERB, "calibration_after_alignment", [_submitted(KERB, _without("ADAS-FRONT-CAMERA"))]
    )
    assert result.applicable and not result.passed
    assert "front_camera" in result.explanation


def test_a_specialists_camera_calibration_passes():
    def subcontract(lines):
        lines = [line for line in lines if line["code"] != "ADAS-FRONT-CAMERA"]
        return [*lines, prefill_line("peugeot-208", "SUB-CALIB-CAMERA", "subcontract", line_id="5")]

    result = _check(KERB, "calibration_after_alignment", [_submitted(KERB, subcontract)])
    assert result.passed, result.explanation


@pytest.mark.parametrize("key", NEW_CHECKS[:2])
def test_an_alignment_in_the_shops_own_workshop_counts_as_the_alignment(key):
    def own_alignment(lines):
        lines = [line for line in lines if line["code"] != "SUB-ALIGN"]
        return [*lines, prefill_line("peugeot-208", "MECH-ALIGN", "remove_refit", line_id="4")]

    result = _check(KERB, key, [_submitted(KERB, own_alignment)])
    assert result.applicable and result.passed, result.explanation
    # and without any alignment the check fails
    assert not _check(KERB, key, [_submitted(KERB, _without("SUB-ALIGN"))]).passed


def test_the_kerb_reference_accepts_the_own_alignment_on_its_alignment_line():
    for reference in ("reference_precalc", "reference_final"):
        line = next(x for x in demo_case(KERB)[reference]["lines"] if x["code"] == "SUB-ALIGN")
        alternatives = line["assess"]["alternatives"]
        assert {"operation": "remove_refit", "code": "MECH-ALIGN", "credit": "1"} in alternatives


def test_the_tie_rod_carries_no_camera_the_alignment_rule_is_the_cases():
    from calcengine.catalogue import get_vehicle

    assert get_vehicle("peugeot-208").part("1613785880").adas_sensors == ()
    for reference in ("reference_precalc", "reference_final"):
        assert not any(line.get("adas_sensors") for line in demo_case(KERB)[reference]["lines"])


def test_the_latest_calculation_is_judged():
    wrong = _submitted(KERB, _without("ADAS-FRONT-CAMERA"))
    right = _submitted(KERB)
    assert _check(KERB, "calibration_after_alignment", [wrong, right]).passed
    assert not _check(KERB, "calibration_after_alignment", [right, wrong]).passed


def test_without_a_calculation_an_applicable_check_fails():
    result = _check(KERB, "suspension_part_from_reports", None)
    assert result.applicable and not result.passed


def test_the_mild_hybrid_check_wants_the_48v_disconnect():
    assert _check(MHEV, "mild_hybrid_disconnect", [_submitted(MHEV)]).passed
    missing = _check(MHEV, "mild_hybrid_disconnect", [_submitted(MHEV, _without("ELEC-48V-OFF"))])
    assert missing.applicable and not missing.passed


def test_an_hv_de_energising_line_on_the_48v_car_fails():
    def hv_procedure(lines):
        hv = {
            "id": "H1",
            "code": "HV-SAFE",
            "description": "HV-systeem veiligstellen en controleren",
            "operation": "hv_safety",
            "labour_units": "80",
        }
        return [*lines, hv]

    result = _check(MHEV, "mild_hybrid_disconnect", [_submitted(MHEV, hv_procedure)])
    assert result.applicable and not result.passed
    assert "48 V is geen hoogvolt" in result.explanation


# The cases written before these checks: none aligns and calibrates, or has a 48 V system.
@pytest.mark.parametrize("slug", EARLIER_DEMO_CASES)
def test_the_new_checks_do_not_apply_to_the_earlier_demo_cases(slug):
    version = demo_version(slug)
    for key in NEW_CHECKS:
        assert not CASE_FACTS[key](version), (slug, key)
